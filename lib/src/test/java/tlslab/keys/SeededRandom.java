package tlslab.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A SecureRandom that is not random at all: its bytes are SHA-256(seed || counter), block after
 * block, so the same seed gives the same keys every run. Tests only (the library's own seeded
 * stream is tlslab.crypto.RandomSource.seeded); anyone who knows the seed knows the keys.
 */
final class SeededRandom extends SecureRandom {
    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    SeededRandom(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    // Every other method (nextInt, nextLong, ...) ends up here, so this one override is enough.
    @Override
    public synchronized void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (used == block.length) {
                block = sha256(seed, counter++);
                used = 0;
            }
            out[i] = block[used++];
        }
    }

    private static byte[] sha256(byte[] seed, long counter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
