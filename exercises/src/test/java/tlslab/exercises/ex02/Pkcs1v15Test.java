package tlslab.exercises.ex02;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.Pkcs1Padding;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.wire.Hex;

@DisplayName("Exercise 2 · Pre-master secret and PKCS#1 v1.5 padding")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pkcs1v15Test {
    final Pkcs1Padding pkcs1 = Impl.of(Pkcs1Padding.class);

    static byte[] nonZero(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (1 + (i * 7 + seed) % 255);
        return b;
    }

    @Test
    @Tag("points=2")
    @DisplayName("pre-master secret = client_version ‖ 46 random bytes")
    void preMasterSecret() {
        byte[] random = nonZero(46, 3);
        byte[] expected = new byte[48];
        expected[0] = 3;
        expected[1] = 3;
        System.arraycopy(random, 0, expected, 2, 46);
        Expect.bytes("preMasterSecret(0x0303, random)", expected, pkcs1.preMasterSecret(0x0303, random),
                "two bytes of version (the one the client offered, big-endian), then the 46 bytes as given");
    }

    @Test
    @Tag("points=2")
    @DisplayName("pad a short message for a 32-byte modulus")
    void padSmall() {
        byte[] message = Hex.parse("cafe");
        byte[] random = nonZero(64, 5);
        byte[] expected = new byte[32];
        expected[1] = 2;
        System.arraycopy(random, 0, expected, 2, 27);
        expected[29] = 0;
        expected[30] = (byte) 0xca;
        expected[31] = (byte) 0xfe;
        Expect.bytes("pad(cafe, 32, random)", expected, pkcs1.pad(message, 32, random),
                "EM = 00 02 ‖ PS ‖ 00 ‖ message, with PS the first 32 − 3 − 2 = 27 random bytes");
    }

    @Test
    @Tag("points=2")
    @DisplayName("the JDK's RSA/ECB/PKCS1Padding decrypts your padded pre-master secret")
    void jdkDecryptsIt() throws Exception {
        KeyPair keys = Fixtures.pki().serverKeys();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        int k = (pub.getModulus().bitLength() + 7) / 8;
        byte[] pms = pkcs1.preMasterSecret(0x0303, nonZero(46, 9));
        byte[] em = pkcs1.pad(pms, k, nonZero(k, 11));
        Expect.equal("length of pad(pre-master secret, " + k + ", random)", k, em == null ? -1 : em.length,
                "EM is exactly as long as the modulus");
        BigInteger c = new BigInteger(1, em).modPow(pub.getPublicExponent(), pub.getModulus());
        byte[] ct = toLength(c.toByteArray(), k);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] decrypted;
        try {
            decrypted = rsa.doFinal(ct);
        } catch (javax.crypto.BadPaddingException e) {
            throw new org.opentest4j.AssertionFailedError("the JDK rejected your padding after decryption: " + e.getMessage()
                    + "\nhint: 00 02, then only non-zero padding bytes, then one 00, then the message");
        }
        Expect.bytes("what the JDK decrypted", pms, decrypted, "the message goes at the very end of EM");
    }

    static byte[] toLength(byte[] b, int k) {
        if (b.length == k) return b;
        if (b.length > k) return Arrays.copyOfRange(b, b.length - k, b.length);
        byte[] out = new byte[k];
        System.arraycopy(b, 0, out, k - b.length, b.length);
        return out;
    }
}
