package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.TrafficKeys;
import tlslab.wire.Hex;

/**
 * Every way {@link Tls13RecordCipher#open} refuses a record, with the alert RFC 8446 names and a message
 * that says which record and what was wrong; padding; the nonce; KeyUpdate. Records a correct peer
 * never sends (zeros only, unknown inner type, too much content) are built with the package-private
 * {@code protect}, which encrypts any inner plaintext as given.
 */
class Tls13RecordCipherTest {
    static final Tls13CipherSuite GCM128 = Tls13CipherSuite.TLS_AES_128_GCM_SHA256;
    static final int MAX = RecordLayer.MAX_PLAINTEXT;

    static byte[] secret(Tls13CipherSuite suite, int fill) {
        byte[] s = new byte[suite.hash.length()];
        Arrays.fill(s, (byte) fill);
        return s;
    }

    static Tls13RecordCipher cipher(Tls13CipherSuite suite) {
        return Tls13RecordCipher.of(suite, secret(suite, 0x5a));
    }

    static TlsException refused(AlertDescription alert, Tls13RecordCipher reader, long seq, byte[] record, String... mentions) {
        TlsException e = assertThrows(TlsException.class, () -> reader.open(seq, record));
        assertEquals(alert, e.alert(), e.getMessage());
        assertTrue(e.getMessage().startsWith("record #" + seq + ":"), "names the record: " + e.getMessage());
        for (String m : mentions) assertTrue(e.getMessage().contains(m), "mentions \"" + m + "\": " + e.getMessage());
        return e;
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void headerIsFixedAndLengthCountsTypeByteAndTag(Tls13CipherSuite suite) throws TlsException {
        byte[] record = cipher(suite).seal(3, ContentType.HANDSHAKE, new byte[] {20, 0, 0, 0});
        assertEquals("1703030015", Hex.of(record, 0, 5), "application_data, 0x0303, length 4 + 1 + 16 = 21");
        assertEquals(new TlsInnerPlaintext(ContentType.HANDSHAKE, new byte[] {20, 0, 0, 0}, 0), cipher(suite).open(3, record));
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void everyTamperedByteIsBadRecordMac(Tls13CipherSuite suite) {
        byte[] record = cipher(suite).seal(9, ContentType.APPLICATION_DATA, "attack at dawn".getBytes());
        Tls13RecordCipher reader = cipher(suite);
        // Bytes 1-2 (legacy_record_version) are additional data: nobody checks them, but the tag covers them.
        for (int i = 1; i < record.length; i++) {
            if (i == 3 || i == 4) continue; // the length, checked against the bytes that follow (below)
            byte[] tampered = record.clone();
            tampered[i] ^= 0x01;
            refused(AlertDescription.BAD_RECORD_MAC, reader, 9, tampered, "tag check failed");
        }
    }

    @Test
    void sequenceNumberMismatchIsBadRecordMac() throws TlsException {
        Tls13RecordCipher writer = cipher(GCM128);
        Tls13RecordCipher reader = cipher(GCM128);
        byte[] seventh = writer.seal(7, ContentType.APPLICATION_DATA, "hello".getBytes());
        refused(AlertDescription.BAD_RECORD_MAC, reader, 8, seventh, "not record #8");
        refused(AlertDescription.BAD_RECORD_MAC, reader, 6, seventh);
        assertArrayEquals("hello".getBytes(), reader.open(7, seventh).content(), "the right number still opens it");
    }

    @Test
    void otherKeysAreBadRecordMac() {
        byte[] record = Tls13RecordCipher.of(GCM128, secret(GCM128, 1)).seal(0, ContentType.ALERT, new byte[] {1, 0});
        refused(AlertDescription.BAD_RECORD_MAC, Tls13RecordCipher.of(GCM128, secret(GCM128, 2)), 0, record);
    }

    @Test
    void outerTypeOtherThanApplicationDataIsUnexpectedMessage() {
        byte[] record = cipher(GCM128).seal(0, ContentType.HANDSHAKE, new byte[] {20, 0, 0, 0});
        for (ContentType type : new ContentType[] {ContentType.HANDSHAKE, ContentType.ALERT, ContentType.CHANGE_CIPHER_SPEC}) {
            record[0] = (byte) type.code;
            refused(AlertDescription.UNEXPECTED_MESSAGE, cipher(GCM128), 0, record, "opaque_type " + type.code, "at byte 0");
        }
    }

    @Test
    void ciphertextOver2To14Plus256IsRecordOverflowBeforeDecrypting() {
        byte[] tooLong = header(MAX + 257, MAX + 257);
        refused(AlertDescription.RECORD_OVERFLOW, cipher(GCM128), 4, tooLong, "length 16641 at byte 3", "2^14 + 256");
        // At exactly the limit the length passes; these bytes are no valid record, so the tag fails.
        refused(AlertDescription.BAD_RECORD_MAC, cipher(GCM128), 4, header(MAX + 256, MAX + 256));
    }

    @Test
    void contentOver2To14IsRecordOverflow() throws TlsException {
        byte[] content = new byte[MAX + 1];
        content[0] = 1;
        byte[] inner = Arrays.copyOf(content, MAX + 2);
        inner[MAX + 1] = (byte) ContentType.APPLICATION_DATA.code;
        byte[] record = cipher(GCM128).protect(2, inner);
        refused(AlertDescription.RECORD_OVERFLOW, cipher(GCM128), 2, record, "16386 bytes", "2^14 + 1");

        // 2^14 bytes of content is the most a record may carry, and it opens.
        byte[] full = cipher(GCM128).seal(2, ContentType.APPLICATION_DATA, new byte[MAX]);
        assertEquals(MAX, cipher(GCM128).open(2, full).content().length);
    }

    @Test
    void paddingCountsTowardsTheInnerLimit() throws TlsException {
        // content + type + padding = 2^14 + 1: the limit, accepted ...
        byte[] atLimit = cipher(GCM128).seal(0, ContentType.APPLICATION_DATA, new byte[MAX - 10], 10);
        assertEquals(new TlsInnerPlaintext(ContentType.APPLICATION_DATA, new byte[MAX - 10], 10), cipher(GCM128).open(0, atLimit));
        // ... one zero more is an overflow, although the content alone is small.
        byte[] inner = new byte[MAX + 2];
        inner[MAX - 10] = (byte) ContentType.APPLICATION_DATA.code;
        refused(AlertDescription.RECORD_OVERFLOW, cipher(GCM128), 0, cipher(GCM128).protect(0, inner));
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void allZeroInnerPlaintextIsUnexpectedMessage(Tls13CipherSuite suite) {
        for (int zeros : new int[] {0, 1, 300}) {
            byte[] record = cipher(suite).protect(5, new byte[zeros]);
            refused(AlertDescription.UNEXPECTED_MESSAGE, cipher(suite), 5, record, "all zeros", "no content type");
        }
    }

    @Test
    void unknownOrChangeCipherSpecInnerTypeIsUnexpectedMessage() {
        byte[] unknown = cipher(GCM128).protect(1, new byte[] {1, 2, 0x42, 0, 0});
        refused(AlertDescription.UNEXPECTED_MESSAGE, cipher(GCM128), 1, unknown, "type 66 at byte 2");
        byte[] ccs = cipher(GCM128).protect(1, new byte[] {1, 20});
        refused(AlertDescription.UNEXPECTED_MESSAGE, cipher(GCM128), 1, ccs, "change_cipher_spec is never encrypted");
    }

    @Test
    void emptyHandshakeOrAlertIsUnexpectedMessageButEmptyApplicationDataIsFine() throws TlsException {
        for (ContentType type : new ContentType[] {ContentType.HANDSHAKE, ContentType.ALERT}) {
            byte[] record = cipher(GCM128).protect(0, new byte[] {(byte) type.code, 0, 0});
            refused(AlertDescription.UNEXPECTED_MESSAGE, cipher(GCM128), 0, record, type.rfcName(), "zero-length");
        }
        byte[] empty = cipher(GCM128).seal(0, ContentType.APPLICATION_DATA, new byte[0], 7);
        assertEquals(new TlsInnerPlaintext(ContentType.APPLICATION_DATA, new byte[0], 7), cipher(GCM128).open(0, empty));
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void paddingIsStrippedButTrailingZerosOfTheContentAreKept(Tls13CipherSuite suite) throws TlsException {
        byte[] content = {22, 0, 0}; // ends in zeros: only the type byte tells content from padding
        byte[] record = cipher(suite).seal(11, ContentType.HANDSHAKE, content, 100);
        assertEquals(5 + content.length + 1 + 100 + 16, record.length);
        TlsInnerPlaintext opened = cipher(suite).open(11, record);
        assertEquals(new TlsInnerPlaintext(ContentType.HANDSHAKE, content, 100), opened);
    }

    @Test
    void recordsTooShortOrCutAreRefused() {
        refused(AlertDescription.DECODE_ERROR, cipher(GCM128), 0, new byte[] {23, 3, 3}, "5-byte record header");
        byte[] record = cipher(GCM128).seal(0, ContentType.APPLICATION_DATA, new byte[10]);
        refused(AlertDescription.DECODE_ERROR, cipher(GCM128), 0, Arrays.copyOf(record, record.length - 1),
                "length 27 at byte 3, but 26 bytes follow");
        refused(AlertDescription.BAD_RECORD_MAC, cipher(GCM128), 0, header(15, 15), "shorter than", "tag (16)");
    }

    @Test
    void sealRefusesWhatNoRecordMayCarry() {
        Tls13RecordCipher writer = cipher(GCM128);
        assertThrows(IllegalArgumentException.class, () -> writer.seal(0, ContentType.APPLICATION_DATA, new byte[MAX + 1]));
        assertThrows(IllegalArgumentException.class, () -> writer.seal(0, ContentType.APPLICATION_DATA, new byte[MAX], 1));
        assertThrows(IllegalArgumentException.class, () -> writer.seal(0, ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> writer.seal(0, ContentType.ALERT, new byte[] {1, 0}, -1));
        assertThrows(IllegalArgumentException.class, () -> Tls13RecordCipher.of(Tls13CipherSuite.TLS_AES_256_GCM_SHA384,
                new byte[32]), "SHA-384 suites take 48-byte secrets");
    }

    @Test
    void nonceIsIvXorSequenceNumberPaddedLeft() {
        byte[] iv = Hex.parse("00 11 22 33 44 55 66 77 88 99 aa bb");
        assertEquals("00112233445566778899aabb", Hex.of(Tls13RecordCipher.nonce(iv, 0)));
        assertEquals("00112233445566778899aaba", Hex.of(Tls13RecordCipher.nonce(iv, 1)));
        assertEquals("00112233455765738d9fadb3", Hex.of(Tls13RecordCipher.nonce(iv, 0x0102030405060708L)));
        assertEquals("00112233bbaa998877665544", Hex.of(Tls13RecordCipher.nonce(iv, -1L)), "the first 4 bytes never change");
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void keyUpdateDerivesTheNextSecretsKeysAndNumberingRestarts(Tls13CipherSuite suite) throws TlsException {
        byte[] secret0 = secret(suite, 0x33);
        Tls13RecordCipher writer = Tls13RecordCipher.of(suite, secret0);
        Tls13RecordCipher updated = writer.afterKeyUpdate();

        TrafficKeys expected = TrafficKeys.derive(suite, SecretSchedule.nextApplicationTrafficSecret(suite.hash, secret0));
        assertEquals(Hex.of(expected.key()), Hex.of(updated.keys().key()));
        assertEquals(Hex.of(expected.iv()), Hex.of(updated.keys().iv()));
        assertEquals(Hex.of(TrafficKeys.derive(suite, SecretSchedule.nextApplicationTrafficSecret(suite.hash,
                SecretSchedule.nextApplicationTrafficSecret(suite.hash, secret0))).key()),
                Hex.of(updated.afterKeyUpdate().keys().key()), "a second update goes one secret further");

        byte[] first = updated.seal(0, ContentType.APPLICATION_DATA, "after the update".getBytes());
        Tls13RecordCipher reader = Tls13RecordCipher.of(suite, secret0);
        refused(AlertDescription.BAD_RECORD_MAC, reader, 0, first, "keys differ");
        assertArrayEquals("after the update".getBytes(), reader.afterKeyUpdate().open(0, first).content());
    }

    /** A header saying application_data and {@code length}, followed by {@code body} zero bytes. */
    static byte[] header(int length, int body) {
        byte[] record = new byte[5 + body];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        return record;
    }
}
