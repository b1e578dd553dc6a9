package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class KeyScheduleTest {
    private static final byte[] PRE_MASTER = filled(48, 0x11);
    private static final byte[] CLIENT_RANDOM = filled(32, 0xC1);
    private static final byte[] SERVER_RANDOM = filled(32, 0x51);

    @Test
    void masterSecretIsThePrfOverClientThenServerRandom() {
        byte[] expected = Prf.prf(PRE_MASTER, "master secret", Prf.concat(CLIENT_RANDOM, SERVER_RANDOM), 48);
        assertArrayEquals(expected, KeySchedule.masterSecret(PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM));
    }

    @Test
    void extendedMasterSecretUsesItsOwnLabelAndTheSessionHash() throws Exception {
        byte[] messages = "ClientHello..ClientKeyExchange".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(messages);
        byte[] expected = Prf.prf(PRE_MASTER, "extended master secret", hash, 48);
        assertArrayEquals(expected, KeySchedule.extendedMasterSecret(PRE_MASTER, hash));
    }

    @Test
    void verifyDataIsTwelveBytesWithTheSendersLabel() throws Exception {
        byte[] master = filled(48, 0x4D);
        byte[] messages = {1, 2, 3};
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(messages);
        assertArrayEquals(Prf.prf(master, "client finished", hash, 12), KeySchedule.verifyData(master, true, messages));
        assertArrayEquals(Prf.prf(master, "server finished", hash, 12), KeySchedule.verifyData(master, false, messages));
    }

    @Test
    void keyBlockUsesServerRandomFirstAndSplitsInRfcOrder() {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256;
        byte[] master = filled(48, 0x4D);
        byte[] block = Prf.prf(master, "key expansion", Prf.concat(SERVER_RANDOM, CLIENT_RANDOM), suite.keyBlockLength());
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(suite, master, CLIENT_RANDOM, SERVER_RANDOM);
        assertArrayEquals(Arrays.copyOfRange(block, 0, 32), kb.macKey(Side.CLIENT));
        assertArrayEquals(Arrays.copyOfRange(block, 32, 64), kb.macKey(Side.SERVER));
        assertArrayEquals(Arrays.copyOfRange(block, 64, 80), kb.key(Side.CLIENT));
        assertArrayEquals(Arrays.copyOfRange(block, 80, 96), kb.key(Side.SERVER));
        assertEquals(0, kb.iv(Side.CLIENT).length);
    }

    @Test
    void gcmKeyBlockEndsWithClientThenServerSalt() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        byte[] master = filled(48, 0x4D);
        byte[] block = Prf.prf(master, "key expansion", Prf.concat(SERVER_RANDOM, CLIENT_RANDOM), suite.keyBlockLength());
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(suite, master, CLIENT_RANDOM, SERVER_RANDOM);
        assertArrayEquals(Arrays.copyOfRange(block, 0, 16), kb.key(Side.CLIENT));
        assertArrayEquals(Arrays.copyOfRange(block, 16, 32), kb.key(Side.SERVER));
        assertArrayEquals(Arrays.copyOfRange(block, 32, 36), kb.iv(Side.CLIENT));
        assertArrayEquals(Arrays.copyOfRange(block, 36, 40), kb.iv(Side.SERVER));
    }

    @Test
    void prfOutputIsCutToAnyLengthAsAPrefix() {
        byte[] secret = {1, 2, 3};
        byte[] seed = {4, 5};
        byte[] long70 = Prf.prf(secret, "x", seed, 70);
        assertArrayEquals(Arrays.copyOf(long70, 32), Prf.prf(secret, "x", seed, 32));
        assertArrayEquals(Arrays.copyOf(long70, 33), Prf.prf(secret, "x", seed, 33));
        assertEquals(0, Prf.prf(secret, "x", seed, 0).length);
    }

    @Test
    void prfOfAnEmptySecretIsHmacWithAnEmptyKey() throws Exception {
        // HMAC pads a key to the block size with zeros, so an empty key and one zero byte are the same key
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(new byte[1], "HmacSHA256"));
        byte[] seed = {9};
        byte[] a1 = hmac.doFinal(seed);
        hmac.update(a1);
        byte[] expected = hmac.doFinal(seed);
        assertArrayEquals(expected, Prf.pSha256(new byte[0], seed, 32));
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
