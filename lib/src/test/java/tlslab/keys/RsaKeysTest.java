package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslab.keys.TestKeys.OTHER_KEYS;
import static tlslab.keys.TestKeys.SERVER_KEYS;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

class RsaKeysTest {
    private static final byte[] SECRET = "pre-master secret, 48 bytes in real TLS".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameSeedGivesSameKeys() {
        KeyPair a = RsaKeys.generate(512, new SeededRandom("seed"));
        KeyPair b = RsaKeys.generate(512, new SeededRandom("seed"));
        KeyPair c = RsaKeys.generate(512, new SeededRandom("another seed"));
        assertArrayEquals(a.getPrivate().getEncoded(), b.getPrivate().getEncoded());
        assertNotEquals(((RSAPublicKey) a.getPublic()).getModulus(), ((RSAPublicKey) c.getPublic()).getModulus());
        assertEquals(512, ((RSAPublicKey) a.getPublic()).getModulus().bitLength());
    }

    @Test
    void pkcs1RoundTrip() throws TlsException {
        byte[] ciphertext = RsaKeys.encryptPkcs1(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("pad"));
        assertEquals(128, ciphertext.length);
        assertArrayEquals(SECRET, RsaKeys.decryptPkcs1(SERVER_KEYS.getPrivate(), ciphertext));
    }

    @Test
    void pkcs1PaddingIsRandomised() {
        byte[] one = RsaKeys.encryptPkcs1(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("one"));
        byte[] two = RsaKeys.encryptPkcs1(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("two"));
        assertFalse(java.util.Arrays.equals(one, two));
    }

    @Test
    void oaepRoundTrip() throws TlsException {
        byte[] ciphertext = RsaKeys.encryptOaep(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("pad"));
        assertArrayEquals(SECRET, RsaKeys.decryptOaep(SERVER_KEYS.getPrivate(), ciphertext));
    }

    @Test
    void wrongKeyCannotDecrypt() {
        byte[] pkcs1 = RsaKeys.encryptPkcs1(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("pad"));
        TlsException e = assertThrows(TlsException.class, () -> RsaKeys.decryptPkcs1(OTHER_KEYS.getPrivate(), pkcs1));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        assertTrue(e.getMessage().contains("padding did not check out"), e.getMessage());

        byte[] oaep = RsaKeys.encryptOaep(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("pad"));
        e = assertThrows(TlsException.class, () -> RsaKeys.decryptOaep(OTHER_KEYS.getPrivate(), oaep));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
    }

    @Test
    void somethingOfTheWrongSizeIsNotACiphertextAtAll() {
        TlsException e = assertThrows(TlsException.class, () -> RsaKeys.decryptPkcs1(SERVER_KEYS.getPrivate(), new byte[32]));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        assertTrue(e.getMessage().contains("a 32-byte input is not an RSA ciphertext"), e.getMessage());
        assertTrue(e.getMessage().contains("1024-bit key at all: those are exactly 128 bytes"), e.getMessage());
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] ciphertext = RsaKeys.encryptOaep(SERVER_KEYS.getPublic(), SECRET, new SeededRandom("pad"));
        ciphertext[10] ^= 1;
        TlsException e = assertThrows(TlsException.class, () -> RsaKeys.decryptOaep(SERVER_KEYS.getPrivate(), ciphertext));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
    }

    @Test
    void tooLongPlaintextNamesTheMaximum() {
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> RsaKeys.encryptPkcs1(SERVER_KEYS.getPublic(), new byte[118], new SeededRandom("x")));
        assertTrue(pkcs1.getMessage().contains("at most 117 bytes"), pkcs1.getMessage());
        IllegalArgumentException oaep = assertThrows(IllegalArgumentException.class,
                () -> RsaKeys.encryptOaep(SERVER_KEYS.getPublic(), new byte[63], new SeededRandom("x")));
        assertTrue(oaep.getMessage().contains("at most 62 bytes"), oaep.getMessage());
        // Exactly the maximum still works.
        RsaKeys.encryptOaep(SERVER_KEYS.getPublic(), new byte[62], new SeededRandom("x"));
    }

    @Test
    void signAndVerify() {
        byte[] data = "ServerKeyExchange params".getBytes(StandardCharsets.UTF_8);
        byte[] signature = RsaKeys.sign(SERVER_KEYS.getPrivate(), data);
        assertTrue(RsaKeys.verify(SERVER_KEYS.getPublic(), data, signature));
        assertArrayEquals(signature, RsaKeys.sign(SERVER_KEYS.getPrivate(), data), "PKCS#1 v1.5 signatures are deterministic");

        byte[] tampered = data.clone();
        tampered[0] ^= 1;
        assertFalse(RsaKeys.verify(SERVER_KEYS.getPublic(), tampered, signature));
        assertFalse(RsaKeys.verify(OTHER_KEYS.getPublic(), data, signature));
        assertFalse(RsaKeys.verify(SERVER_KEYS.getPublic(), data, new byte[5]), "a too-short signature is just invalid");
    }
}
