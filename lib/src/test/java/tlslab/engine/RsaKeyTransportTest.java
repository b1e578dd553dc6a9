package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;

/**
 * The Bleichenbacher countermeasure: a well-formed ciphertext gives its 48 bytes; every kind of bad
 * one gives the fallback, without an exception, and the version bytes are always the client's.
 */
class RsaKeyTransportTest {
    static final KeyPair KEYS = TestPki.SERVER_KEYS;
    static final RSAPrivateKey PRIVATE = (RSAPrivateKey) KEYS.getPrivate();
    static final int K = (PRIVATE.getModulus().bitLength() + 7) / 8;
    static final byte[] FALLBACK = filled(48, 0x5A);

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** Raw RSA on an encoded message the test builds itself, so any padding can be tried. */
    static byte[] rawEncrypt(byte[] em) throws Exception {
        RSAPublicKey pub = (RSAPublicKey) KEYS.getPublic();
        byte[] c = new BigInteger(1, em).modPow(pub.getPublicExponent(), pub.getModulus()).toByteArray();
        byte[] out = new byte[K];
        System.arraycopy(c, Math.max(0, c.length - K), out, Math.max(0, K - c.length), Math.min(K, c.length));
        return out;
    }

    /** 00 02, padding, 00, message: with {@code tweak} applied to break one rule. */
    static byte[] encoded(int messageLength, java.util.function.Consumer<byte[]> tweak) {
        byte[] em = filled(K, 0x33);
        em[0] = 0;
        em[1] = 2;
        em[K - messageLength - 1] = 0;
        for (int i = K - messageLength; i < K; i++) em[i] = (byte) i;
        tweak.accept(em);
        return em;
    }

    static byte[] preMaster(byte[] ciphertext) {
        return RsaKeyTransport.preMasterSecret(PRIVATE, ciphertext, 0x0303, FALLBACK);
    }

    static byte[] fallbackWithVersion() {
        byte[] f = FALLBACK.clone();
        f[0] = 3;
        f[1] = 3;
        return f;
    }

    @Test
    void aGoodCiphertextGivesItsPreMasterSecretWithTheClientsVersion() throws Exception {
        byte[] secret = filled(48, 0x11);
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, KEYS.getPublic());
        byte[] got = preMaster(c.doFinal(secret));
        byte[] expected = secret.clone();
        expected[0] = 3;
        expected[1] = 3;
        assertArrayEquals(expected, got);
        byte[] em = encoded(48, x -> { });
        byte[] message = Arrays.copyOfRange(em, K - 48, K);
        message[0] = 3;
        message[1] = 3;
        assertArrayEquals(message, preMaster(rawEncrypt(em)), "a hand-made well-formed block too");
    }

    @Test
    void everyBadCiphertextGivesTheFallback() throws Exception {
        byte[] expected = fallbackWithVersion();
        assertArrayEquals(expected, preMaster(new byte[0]), "empty");
        assertArrayEquals(expected, preMaster(new byte[K - 1]), "one byte short");
        assertArrayEquals(expected, preMaster(filled(K, 0xff)), "not below the modulus");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(48, em -> em[0] = 1))), "first byte not 00");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(48, em -> em[1] = 1))), "block type 01, not 02");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(48, em -> em[5] = 0))), "a zero inside the padding");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(47, em -> { }))), "a 47-byte message");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(49, em -> { }))), "a 49-byte message");
        assertArrayEquals(expected, preMaster(rawEncrypt(encoded(48, em -> em[K - 49] = 7))), "no 00 before the message");
    }

    @Test
    void thePaddingCheckLooksAtTheRules() {
        assertEquals(1, RsaKeyTransport.paddingIsGood(encoded(48, em -> { })));
        assertEquals(0, RsaKeyTransport.paddingIsGood(encoded(48, em -> em[9] = 0)), "only 7 bytes of padding before a zero");
    }
}
