package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.RandomSource;
import tlslab.crypto.Side;

/** AES-GCM records (RFC 5288) checked against the JCA used directly with the RFC's nonce and additional data. */
class GcmCipherTest {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    static final KeySchedule.KeyBlock KEYS = KeySchedule.keyBlock(SUITE, filled(48, 2), filled(32, 3), filled(32, 4));

    static RecordCipher writer() {
        return RecordCipher.forWriting(SUITE, KEYS, Side.SERVER, RandomSource.seeded("gcm-test"));
    }

    static RecordCipher reader() {
        return RecordCipher.forReading(SUITE, KEYS, Side.CLIENT, RandomSource.seeded("gcm-test"));
    }

    @Test
    void sealedRecordIsWhatTheRfcDescribes() throws Exception {
        long seq = 0x0102030405060708L;
        byte[] data = "attack at dawn".getBytes();
        byte[] sealed = writer().seal(seq, ContentType.APPLICATION_DATA, data, 0, data.length);

        byte[] explicit = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] nonce = CbcHmacCipherTest.concat(KEYS.iv(Side.SERVER), explicit);
        byte[] aad = CbcHmacCipherTest.concat(explicit, new byte[] {23, 3, 3, 0, (byte) data.length});
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.key(Side.SERVER), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        assertArrayEquals(CbcHmacCipherTest.concat(explicit, gcm.doFinal(data)), sealed);
    }

    @Test
    void lengthOver255IsInTheAdditionalData() throws Exception {
        byte[] data = new byte[300];
        byte[] sealed = writer().seal(0, ContentType.HANDSHAKE, data, 0, data.length);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEYS.key(Side.SERVER), "AES"),
                new GCMParameterSpec(128, CbcHmacCipherTest.concat(KEYS.iv(Side.SERVER), new byte[8])));
        gcm.updateAAD(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 22, 3, 3, 0x01, 0x2C});
        assertArrayEquals(data, gcm.doFinal(sealed, 8, sealed.length - 8));
    }

    @Test
    void opensAnEmptyRecordButNothingShorter() throws Exception {
        byte[] empty = writer().seal(1, ContentType.ALERT, new byte[0], 0, 0);
        assertEquals(24, empty.length);
        assertEquals(0, reader().open(1, ContentType.ALERT, empty).length);
        TlsException e = assertThrows(TlsException.class, () -> reader().open(1, ContentType.ALERT, Arrays.copyOf(empty, 23)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertEquals("GCM record of 23 bytes is shorter than explicit nonce (8) + tag (16)", e.getMessage());
    }

    @Test
    void aDamagedRecordNamesItsTypeAndNumber() {
        byte[] sealed = writer().seal(12, ContentType.HANDSHAKE, new byte[5], 0, 5);
        sealed[9] ^= 1;
        TlsException e = assertThrows(TlsException.class, () -> reader().open(12, ContentType.HANDSHAKE, sealed));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertTrue(e.getMessage().startsWith("GCM tag check failed on handshake record #12"), e.getMessage());
    }

    @Test
    void theSaltComesFromTheWritersKeyBlockIv() {
        byte[] sealed = writer().seal(0, ContentType.HANDSHAKE, new byte[5], 0, 5);
        RecordCipher ownKeys = RecordCipher.forReading(SUITE, KEYS, Side.SERVER, RandomSource.seeded("x"));
        assertThrows(TlsException.class, () -> ownKeys.open(0, ContentType.HANDSHAKE, sealed));
    }

    @Test
    void describesItself() {
        assertEquals("AES-128-GCM", writer().toString());
        assertEquals(24, writer().maxExpansion());
    }

    @Test
    void clearTextCipherPassesBytesThrough() throws Exception {
        byte[] data = {1, 2, 3, 4};
        assertArrayEquals(new byte[] {2, 3}, RecordCipher.NONE.seal(0, ContentType.HANDSHAKE, data, 1, 2));
        assertArrayEquals(data, RecordCipher.NONE.open(0, ContentType.HANDSHAKE, data));
        assertEquals(0, RecordCipher.NONE.maxExpansion());
        assertEquals("none (clear text)", RecordCipher.NONE.toString());
    }

    @Test
    void bufferFormsOfSealAndOpenWriteAtTheOffsetAndReturnTheLength() throws Exception {
        for (RecordCipher[] pair : new RecordCipher[][] {
                {writer(), reader()},
                {CbcHmacCipherTest.writer(false), CbcHmacCipherTest.reader(false)},
                {RecordCipher.NONE, RecordCipher.NONE}}) {
            byte[] data = "0123456789".getBytes();
            byte[] out = new byte[3 + 200];
            int n = pair[0].seal(5, ContentType.APPLICATION_DATA, data, 2, 6, out, 3);
            byte[] plain = new byte[4 + 50];
            int m = pair[1].open(5, ContentType.APPLICATION_DATA, out, 3, n, plain, 4);
            assertEquals(6, m, pair[0].toString());
            assertArrayEquals("234567".getBytes(), Arrays.copyOfRange(plain, 4, 10), pair[0].toString());
        }
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
