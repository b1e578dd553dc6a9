package tlslab.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Where every random byte of a run comes from. By default the JDK's SecureRandom. {@link #seeded}
 * gives a reproducible stream (SHA-256 of seed ‖ counter) so a re-executed notebook shows the same
 * bytes: fine for teaching, fatal for real security, and it says so.
 */
public final class RandomSource {
    private RandomSource() {
    }

    public static SecureRandom secure() {
        return new SecureRandom();
    }

    private static boolean warned;

    /** A reproducible stream; the first one made in a JVM prints a warning to stderr. */
    public static SecureRandom seeded(String seed) {
        synchronized (RandomSource.class) {
            if (!warned) {
                System.err.println("WARNING: tlslab is using SEEDED randomness (first seed \"" + seed
                        + "\"): every run makes the same keys and randoms. For teaching only, never for real traffic.");
                warned = true;
            }
        }
        return new Seeded(seed);
    }

    /** True if {@code random} came from {@link #seeded}. */
    public static boolean isSeeded(SecureRandom random) {
        return random instanceof Seeded;
    }

    private static final class Seeded extends SecureRandom {
        private final byte[] seed;
        private final MessageDigest sha256;
        private long counter;
        private byte[] block = new byte[0];
        private int used;

        Seeded(String seed) {
            super(new byte[0]);
            this.seed = seed.getBytes(StandardCharsets.UTF_8);
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void nextBytes(byte[] out) {
            for (int i = 0; i < out.length; i++) {
                if (used == block.length) {
                    sha256.update(seed);
                    block = sha256.digest(ByteBuffer.allocate(8).putLong(counter++).array());
                    used = 0;
                }
                out[i] = block[used++];
            }
        }

        @Override
        public byte[] generateSeed(int n) {
            byte[] b = new byte[n];
            nextBytes(b);
            return b;
        }

        @Override
        public void setSeed(long ignored) {
            // the stream depends on the constructor's seed only, so runs stay reproducible
        }

        @Override
        public void setSeed(byte[] ignored) {
        }

        @Override
        public String getAlgorithm() {
            return "tlslab-seeded-SHA256";
        }
    }
}
