package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RandomSourceTest {

    @Test
    void seededStreamIsSha256OfSeedThenCounter() throws Exception {
        byte[] expected = new byte[64];
        for (long counter = 0; counter < 2; counter++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("abc".getBytes(StandardCharsets.UTF_8));
            byte[] block = sha.digest(ByteBuffer.allocate(8).putLong(counter).array());
            System.arraycopy(block, 0, expected, (int) counter * 32, 32);
        }
        byte[] out = new byte[64];
        RandomSource.seeded("abc").nextBytes(out);
        assertArrayEquals(expected, out);
    }

    @Test
    void seededStreamDoesNotDependOnHowItIsRead() {
        byte[] whole = new byte[70];
        RandomSource.seeded("split").nextBytes(whole);
        SecureRandom r = RandomSource.seeded("split");
        byte[] a = new byte[30];
        byte[] b = new byte[40];
        r.nextBytes(a);
        r.nextBytes(b);
        assertArrayEquals(Arrays.copyOf(whole, 30), a);
        assertArrayEquals(Arrays.copyOfRange(whole, 30, 70), b);
    }

    @Test
    void setSeedDoesNotChangeASeededStream() {
        byte[] plain = new byte[16];
        RandomSource.seeded("fixed").nextBytes(plain);
        SecureRandom r = RandomSource.seeded("fixed");
        r.setSeed(42L);
        r.setSeed(new byte[] {1, 2, 3});
        assertArrayEquals(plain, r.generateSeed(16));
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        RandomSource.seeded("a").nextBytes(a);
        RandomSource.seeded("b").nextBytes(b);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void isSeededTellsTheTwoKindsApart() {
        assertTrue(RandomSource.isSeeded(RandomSource.seeded("x")));
        assertFalse(RandomSource.isSeeded(RandomSource.secure()));
        assertEquals("tlslab-seeded-SHA256", RandomSource.seeded("x").getAlgorithm());
    }
}
