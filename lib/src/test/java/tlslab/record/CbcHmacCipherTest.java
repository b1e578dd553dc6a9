package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.RandomSource;
import tlslab.crypto.Side;

/**
 * AES-CBC + HMAC records in both orders, checked against records built here by hand with the JCA:
 * lengths, any valid padding (up to 255 bytes), and the alert for every kind of damage.
 */
class CbcHmacCipherTest {
    static final CipherSuite SUITE = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
    static final KeySchedule.KeyBlock KEYS = KeySchedule.keyBlock(SUITE, new byte[48], new byte[32], filled(32, 1));
    static final byte[] IV = filled(16, 0x1F);

    static RecordCipher writer(boolean etm) {
        return RecordCipher.forWriting(SUITE, KEYS, Side.CLIENT, etm, RandomSource.seeded("cbc-test"));
    }

    static RecordCipher reader(boolean etm) {
        return RecordCipher.forReading(SUITE, KEYS, Side.SERVER, etm, RandomSource.seeded("cbc-test"));
    }

    @Test
    void macThenEncryptFillsWholeBlocksWithAtLeastOnePaddingByte() {
        // IV + (data + 20-byte MAC + padding + length byte) rounded up to 16
        assertEquals(16 + 32, writer(false).seal(0, ContentType.HANDSHAKE, new byte[11], 0, 11).length);
        assertEquals(16 + 48, writer(false).seal(0, ContentType.HANDSHAKE, new byte[12], 0, 12).length);
        assertEquals(16 + 32, writer(false).seal(0, ContentType.HANDSHAKE, new byte[0], 0, 0).length);
    }

    @Test
    void encryptThenMacAppendsTheMacAfterTheBlocks() {
        assertEquals(16 + 16 + 20, writer(true).seal(0, ContentType.HANDSHAKE, new byte[15], 0, 15).length);
        assertEquals(16 + 32 + 20, writer(true).seal(0, ContentType.HANDSHAKE, new byte[16], 0, 16).length);
    }

    @Test
    void sealsOnlyTheSliceItIsGiven() throws Exception {
        byte[] data = {9, 1, 2, 3, 9};
        for (boolean etm : new boolean[] {false, true}) {
            byte[] sealed = writer(etm).seal(4, ContentType.APPLICATION_DATA, data, 1, 3);
            assertArrayEquals(new byte[] {1, 2, 3}, reader(etm).open(4, ContentType.APPLICATION_DATA, sealed));
        }
    }

    @Test
    void macThenEncryptMatchesARecordBuiltByHand() throws Exception {
        byte[] data = "hello".getBytes();
        byte[] sealed = writer(false).seal(3, ContentType.APPLICATION_DATA, data, 0, data.length);
        byte[] iv = Arrays.copyOf(sealed, 16);
        byte[] mac = mac(3, ContentType.APPLICATION_DATA, data.length, data);
        // 5 + 20 = 25 bytes, so 6 padding bytes and the length byte (each 6) make 32
        assertArrayEquals(concat(iv, encryptWith(iv, concat(data, mac, filled(7, 6)))), sealed);
    }

    @Test
    void longerPaddingThanNeededIsAccepted() throws Exception {
        byte[] data = "hello".getBytes();
        byte[] mac = mac(9, ContentType.APPLICATION_DATA, data.length, data);
        // 25 bytes of data and MAC, then 38 padding bytes and the length byte: 64 bytes
        byte[] record = encrypt(concat(data, mac, filled(39, 38)));
        assertArrayEquals(data, reader(false).open(9, ContentType.APPLICATION_DATA, record));
        // the most RFC 5246 allows: 12 data bytes, the 20-byte MAC, 255 padding bytes and the length byte make 288 = 18 blocks
        byte[] data12 = "hello, world".getBytes();
        byte[] mac12 = mac(9, ContentType.APPLICATION_DATA, data12.length, data12);
        byte[] max = encrypt(concat(data12, mac12, filled(256, 255)));
        assertArrayEquals(data12, reader(false).open(9, ContentType.APPLICATION_DATA, max));
    }

    @Test
    void oneWrongPaddingByteIsBadRecordMac() throws Exception {
        byte[] data = "hello".getBytes();
        byte[] mac = mac(9, ContentType.APPLICATION_DATA, data.length, data);
        byte[] padding = filled(39, 38);
        padding[0] = 37;   // the first padding byte, farthest from the length byte
        TlsException e = assertThrows(TlsException.class,
                () -> reader(false).open(9, ContentType.APPLICATION_DATA, encrypt(concat(data, mac, padding))));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
    }

    @Test
    void paddingLongerThanTheRecordIsBadRecordMacNotACrash() throws Exception {
        byte[] block = filled(32, 200);   // says 200 bytes of padding in a 32-byte record
        TlsException e = assertThrows(TlsException.class, () -> reader(false).open(0, ContentType.APPLICATION_DATA, encrypt(block)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertTrue(e.getMessage().startsWith("MAC or padding check failed on application_data record #0"), e.getMessage());
    }

    @Test
    void macThenEncryptLengthsAreCheckedFirst() {
        // the shortest record: IV and two blocks, for a 20-byte MAC and the length byte
        TlsException shortOne = assertThrows(TlsException.class, () -> reader(false).open(0, ContentType.ALERT, new byte[32]));
        assertEquals(AlertDescription.BAD_RECORD_MAC, shortOne.alert());
        assertEquals("CBC record of 32 bytes: must be a multiple of 16 and at least 48", shortOne.getMessage());
        TlsException ragged = assertThrows(TlsException.class, () -> reader(false).open(0, ContentType.ALERT, new byte[50]));
        assertTrue(ragged.getMessage().startsWith("CBC record of 50 bytes"), ragged.getMessage());
        TlsException minimal = assertThrows(TlsException.class, () -> reader(false).open(0, ContentType.ALERT, new byte[48]));
        assertTrue(minimal.getMessage().startsWith("MAC or padding check failed"), minimal.getMessage());
    }

    @Test
    void encryptThenMacLengthsAreCheckedFirst() {
        TlsException shortOne = assertThrows(TlsException.class, () -> reader(true).open(0, ContentType.ALERT, new byte[16 + 20]));
        assertEquals(AlertDescription.BAD_RECORD_MAC, shortOne.alert());
        assertTrue(shortOne.getMessage().startsWith("CBC record (encrypt-then-MAC) of 36 bytes"), shortOne.getMessage());
        assertTrue(shortOne.getMessage().endsWith("then a 20-byte MAC"), shortOne.getMessage());
        TlsException ragged = assertThrows(TlsException.class, () -> reader(true).open(0, ContentType.ALERT, new byte[40 + 20]));
        assertTrue(ragged.getMessage().startsWith("CBC record (encrypt-then-MAC) of 60 bytes"), ragged.getMessage());
        TlsException minimal = assertThrows(TlsException.class, () -> reader(true).open(0, ContentType.ALERT, new byte[32 + 20]));
        assertTrue(minimal.getMessage().startsWith("MAC check failed on alert record #0"), minimal.getMessage());
    }

    @Test
    void encryptThenMacRejectsAForgeryBeforeDecrypting() {
        byte[] sealed = writer(true).seal(2, ContentType.HANDSHAKE, new byte[20], 0, 20);
        sealed[20] ^= 1;   // a ciphertext byte
        TlsException e = assertThrows(TlsException.class, () -> reader(true).open(2, ContentType.HANDSHAKE, sealed));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertTrue(e.getMessage().endsWith("nothing was decrypted"), e.getMessage());
    }

    @Test
    void encryptThenMacMatchesARecordBuiltByHandAndTakesLongPadding() throws Exception {
        byte[] data = "hello".getBytes();
        byte[] cipherText = encrypt(concat(data, filled(43, 42)));    // 5 + 42 padding + length byte = 48
        byte[] mac = mac(6, ContentType.APPLICATION_DATA, cipherText.length, cipherText);
        assertArrayEquals(data, reader(true).open(6, ContentType.APPLICATION_DATA, concat(cipherText, mac)));
        byte[] sealed = writer(true).seal(6, ContentType.APPLICATION_DATA, data, 0, data.length);
        byte[] iv = Arrays.copyOf(sealed, 16);
        byte[] expected = encryptWith(iv, concat(data, filled(11, 10)));
        assertArrayEquals(concat(iv, expected, mac(6, ContentType.APPLICATION_DATA, 16 + expected.length, concat(iv, expected))), sealed);
    }

    @Test
    void encryptThenMacWithAValidMacButBadPaddingBlamesTheSender() throws Exception {
        byte[] padding = filled(11, 10);
        padding[3] = 9;
        byte[] cipherText = encrypt(concat("hello".getBytes(), padding));
        byte[] mac = mac(6, ContentType.APPLICATION_DATA, cipherText.length, cipherText);
        TlsException e = assertThrows(TlsException.class, () -> reader(true).open(6, ContentType.APPLICATION_DATA, concat(cipherText, mac)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertTrue(e.getMessage().startsWith("bad CBC padding on application_data record #6"), e.getMessage());
        // padding length byte larger than the block
        byte[] tooLong = encrypt(filled(16, 40));
        byte[] mac2 = mac(6, ContentType.APPLICATION_DATA, tooLong.length, tooLong);
        TlsException e2 = assertThrows(TlsException.class, () -> reader(true).open(6, ContentType.APPLICATION_DATA, concat(tooLong, mac2)));
        assertTrue(e2.getMessage().startsWith("bad CBC padding"), e2.getMessage());
    }

    @Test
    void encryptThenMacTakesAFullBlockOfPadding() throws Exception {
        byte[] cipherText = encrypt(filled(16, 15));   // no data, 15 padding bytes and the length byte
        byte[] mac = mac(0, ContentType.APPLICATION_DATA, cipherText.length, cipherText);
        assertEquals(0, reader(true).open(0, ContentType.APPLICATION_DATA, concat(cipherText, mac)).length);
    }

    @Test
    void describesItself() {
        assertEquals("AES-128-CBC + HmacSHA1", writer(false).toString());
        assertEquals("AES-128-CBC + HmacSHA1, encrypt-then-MAC", writer(true).toString());
        assertEquals(16 + 20 + 256, writer(false).maxExpansion());
        RecordCipher sha256 = RecordCipher.forWriting(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
                KeySchedule.keyBlock(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, new byte[48], new byte[32], new byte[32]),
                Side.SERVER, RandomSource.seeded("x"));
        assertEquals(16 + 32 + 256, sha256.maxExpansion());
    }

    private static byte[] mac(long seq, ContentType type, int length, byte[] data) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(KEYS.macKey(Side.CLIENT), "HmacSHA1"));
        byte[] header = new byte[13];
        for (int i = 0; i < 8; i++) header[i] = (byte) (seq >>> (56 - 8 * i));
        header[8] = (byte) type.code;
        header[9] = 3;
        header[10] = 3;
        header[11] = (byte) (length >>> 8);
        header[12] = (byte) length;
        hmac.update(header);
        return hmac.doFinal(data);
    }

    private static byte[] encrypt(byte[] blocks) throws Exception {
        return concat(IV, encryptWith(IV, blocks));
    }

    private static byte[] encryptWith(byte[] iv, byte[] blocks) throws Exception {
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.key(Side.CLIENT), "AES"), new IvParameterSpec(iv));
        return aes.doFinal(blocks);
    }

    @Test
    void everyRecordGetsAFreshIv() {
        for (boolean etm : new boolean[] {false, true}) {
            RecordCipher w = writer(etm);
            byte[] a = w.seal(0, ContentType.HANDSHAKE, new byte[4], 0, 4);
            byte[] b = w.seal(0, ContentType.HANDSHAKE, new byte[4], 0, 4);
            assertFalse(Arrays.equals(Arrays.copyOf(a, 16), Arrays.copyOf(b, 16)), "etm=" + etm);
            assertFalse(Arrays.equals(new byte[16], Arrays.copyOf(a, 16)), "etm=" + etm);
        }
    }

    @Test
    void recordsThatNeedNoPaddingBytesRoundTrip() throws Exception {
        // 11 + 20-byte MAC + length byte = 32; 15 + length byte = 16: padding length 0 in both orders
        byte[] eleven = filled(11, 0x41);
        assertArrayEquals(eleven, reader(false).open(1, ContentType.HANDSHAKE, writer(false).seal(1, ContentType.HANDSHAKE, eleven, 0, 11)));
        byte[] fifteen = filled(15, 0x42);
        assertArrayEquals(fifteen, reader(true).open(1, ContentType.HANDSHAKE, writer(true).seal(1, ContentType.HANDSHAKE, fifteen, 0, 15)));
    }

    @Test
    void anEmptyRecordWhosePaddingFillsTheRestOpens() throws Exception {
        // no data: the 20-byte MAC, then 11 padding bytes and the length byte fill two blocks exactly
        byte[] mac = mac(2, ContentType.APPLICATION_DATA, 0, new byte[0]);
        assertEquals(0, reader(false).open(2, ContentType.APPLICATION_DATA, encrypt(concat(mac, filled(12, 11)))).length);
    }

    @Test
    void theFarthestOf255PaddingBytesIsCheckedToo() throws Exception {
        byte[] data = "hello, world".getBytes();
        byte[] mac = mac(9, ContentType.APPLICATION_DATA, data.length, data);
        byte[] padding = filled(256, 255);
        padding[0] = 0;
        TlsException e = assertThrows(TlsException.class,
                () -> reader(false).open(9, ContentType.APPLICATION_DATA, encrypt(concat(data, mac, padding))));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
    }

    @Test
    void encryptThenMacChecksTheFirstByteOfAFullBlockOfPadding() throws Exception {
        byte[] padding = filled(16, 15);
        padding[0] = 14;
        byte[] cipherText = encrypt(padding);
        byte[] mac = mac(0, ContentType.APPLICATION_DATA, cipherText.length, cipherText);
        TlsException e = assertThrows(TlsException.class, () -> reader(true).open(0, ContentType.APPLICATION_DATA, concat(cipherText, mac)));
        assertTrue(e.getMessage().startsWith("bad CBC padding"), e.getMessage());
    }

    @Test
    void theShortestMacThenEncryptRecordDependsOnTheMacLength() {
        CipherSuite sha256 = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256;
        RecordCipher reader = RecordCipher.forReading(sha256, KeySchedule.keyBlock(sha256, new byte[48], new byte[32], new byte[32]),
                Side.SERVER, RandomSource.seeded("x"));
        // a 32-byte MAC and the length byte need three blocks after the IV
        TlsException e = assertThrows(TlsException.class, () -> reader.open(0, ContentType.ALERT, new byte[48]));
        assertEquals("CBC record of 48 bytes: must be a multiple of 16 and at least 64", e.getMessage());
    }

    @Test
    void encryptThenMacPaddingLengthOneMoreThanTheBlockIsBadPadding() throws Exception {
        byte[] cipherText = encrypt(filled(16, 16));
        byte[] mac = mac(0, ContentType.APPLICATION_DATA, cipherText.length, cipherText);
        TlsException e = assertThrows(TlsException.class, () -> reader(true).open(0, ContentType.APPLICATION_DATA, concat(cipherText, mac)));
        assertTrue(e.getMessage().startsWith("bad CBC padding"), e.getMessage());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
