package tlslab.exercises.hidden;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.Pkcs1Padding;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 2 · PKCS#1 v1.5 (hidden)")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex02Pkcs1HiddenTest {
    final Pkcs1Padding pkcs1 = Impl.of(Pkcs1Padding.class);

    @Test
    @Tag("points=2")
    @DisplayName("unpad what the JDK padded")
    void unpadJdk() throws Exception {
        var keys = Fixtures.pki().serverKeys();
        BigInteger n = ((RSAPublicKey) keys.getPublic()).getModulus();
        BigInteger d = ((RSAPrivateKey) keys.getPrivate()).getPrivateExponent();
        int k = (n.bitLength() + 7) / 8;
        Random r = new Random(22);
        for (int len : new int[] {48, 0, 1, k - 11}) {
            byte[] message = new byte[len];
            r.nextBytes(message);
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, keys.getPublic());
            byte[] em = new BigInteger(1, rsa.doFinal(message)).modPow(d, n).toByteArray();
            byte[] full = new byte[k];
            System.arraycopy(em, Math.max(0, em.length - k), full, Math.max(0, k - em.length), Math.min(k, em.length));
            Expect.bytes("unpad(EM) of a " + len + "-byte message", message, pkcs1.unpad(full),
                    "skip 00 02 and the non-zero padding, then one 00 byte: everything after it is the message (maybe empty)");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("bad padding and oversized messages are refused")
    void refuses() {
        byte[] random = new byte[300];
        Arrays.fill(random, (byte) 0x55);
        Expect.rejects(IllegalArgumentException.class, "pad(22-byte message, 32, random)", () -> pkcs1.pad(new byte[22], 32, random),
                "at most k − 11 bytes fit: PS must be at least 8 bytes");
        byte[] withZero = random.clone();
        withZero[3] = 0;
        Expect.rejects(IllegalArgumentException.class, "pad(message, 64, random with a zero byte in PS)",
                () -> pkcs1.pad(new byte[4], 64, withZero), "a zero in PS would end the padding early: refuse it");
        Expect.bytes("pad(21-byte message, 32, random)", pad(new byte[21], 32, random), pkcs1.pad(new byte[21], 32, random),
                "k − 11 bytes is still allowed: PS is then exactly 8 bytes");
        byte[] good = pad(new byte[5], 40, random);
        byte[] wrongStart = good.clone();
        wrongStart[1] = 1;
        Expect.rejects(IllegalArgumentException.class, "unpad(00 01 …)", () -> pkcs1.unpad(wrongStart),
                "00 01 is signature padding: encryption padding starts 00 02");
        byte[] shortPs = good.clone();
        shortPs[6] = 0;
        Expect.rejects(IllegalArgumentException.class, "unpad(EM with only 4 padding bytes)", () -> pkcs1.unpad(shortPs),
                "PS must be at least 8 bytes long");
        byte[] noSep = good.clone();
        Arrays.fill(noSep, 2, noSep.length, (byte) 7);
        Expect.rejects(IllegalArgumentException.class, "unpad(EM without a 00 separator)", () -> pkcs1.unpad(noSep),
                "if no 00 follows the padding there is no message");
    }

    static byte[] pad(byte[] m, int k, byte[] random) {
        byte[] em = new byte[k];
        em[1] = 2;
        System.arraycopy(random, 0, em, 2, k - 3 - m.length);
        System.arraycopy(m, 0, em, k - m.length, m.length);
        return em;
    }
}
