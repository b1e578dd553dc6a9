package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.Side;
import tlslab.crypto.RandomSource;

class RecordLayerTest {
    static final SecureRandom RANDOM = RandomSource.seeded("records");

    static KeySchedule.KeyBlock keys(CipherSuite suite) {
        return KeySchedule.keyBlock(suite, new byte[48], new byte[32], new byte[32]);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void sealedRecordsOpenOnlyUnchanged(CipherSuite suite) throws Exception {
        RecordCipher writer = RecordCipher.forWriting(suite, keys(suite), Side.CLIENT, RANDOM);
        RecordCipher reader = RecordCipher.forReading(suite, keys(suite), Side.SERVER, RANDOM);
        byte[] data = "GET / HTTP/1.0\r\n\r\n".getBytes();
        byte[] sealed = writer.seal(7, ContentType.APPLICATION_DATA, data, 0, data.length);
        assertArrayEquals(data, reader.open(7, ContentType.APPLICATION_DATA, sealed));

        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        TlsException e = assertThrows(TlsException.class, () -> reader.open(7, ContentType.APPLICATION_DATA, flipped));
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(TlsException.class, () -> reader.open(8, ContentType.APPLICATION_DATA, sealed)).alert(), "wrong sequence number");
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(TlsException.class, () -> reader.open(7, ContentType.HANDSHAKE, sealed)).alert(), "wrong content type");
        assertEquals(AlertDescription.BAD_RECORD_MAC,
                assertThrows(TlsException.class, () -> reader.open(7, ContentType.APPLICATION_DATA, new byte[3])).alert(), "too short");
    }

    /**
     * A padding oracle needs to tell bad padding from a bad MAC (Vaudenay 2002, Lucky 13): both must
     * give the same alert with the same words.
     */
    @Test
    void badCbcPaddingAndABadMacLookTheSame() throws Exception {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        RecordCipher writer = RecordCipher.forWriting(suite, keys(suite), Side.CLIENT, RANDOM);
        RecordCipher reader = RecordCipher.forReading(suite, keys(suite), Side.SERVER, RANDOM);
        byte[] data = new byte[40];
        byte[] sealed = writer.seal(3, ContentType.APPLICATION_DATA, data, 0, data.length);
        // CBC: flipping a byte of one ciphertext block flips the same byte of the next plaintext block
        byte[] badPadding = sealed.clone();
        badPadding[badPadding.length - 16 - 1] ^= 0x01;   // the last plaintext byte: the padding length
        byte[] badMac = sealed.clone();
        badMac[0] ^= 0x01;                                 // the IV: the first data byte, padding intact
        TlsException padding = assertThrows(TlsException.class, () -> reader.open(3, ContentType.APPLICATION_DATA, badPadding));
        TlsException mac = assertThrows(TlsException.class, () -> reader.open(3, ContentType.APPLICATION_DATA, badMac));
        assertEquals(AlertDescription.BAD_RECORD_MAC, padding.alert());
        assertEquals(AlertDescription.BAD_RECORD_MAC, mac.alert());
        assertEquals(mac.getMessage(), padding.getMessage());
    }

    @Test
    void gcmRecordIsNonceCiphertextTag() {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        byte[] sealed = RecordCipher.forWriting(suite, keys(suite), Side.CLIENT, RANDOM).seal(5, ContentType.APPLICATION_DATA, new byte[100], 0, 100);
        assertEquals(8 + 100 + 16, sealed.length);
        assertEquals(5, sealed[7]); // explicit nonce = sequence number
    }

    @Test
    void largeWritesAreFragmentedAt16K() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordLayer out = new RecordLayer(new ByteArrayInputStream(new byte[0]), wire);
        out.write(ContentType.APPLICATION_DATA, new byte[40000]);
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(wire.toByteArray()), OutputStream.nullOutputStream());
        assertEquals(16384, in.read().plaintext().length);
        assertEquals(16384, in.read().plaintext().length);
        assertEquals(40000 - 32768, in.read().plaintext().length);
        assertEquals(null, in.read());
    }

    static TlsException readError(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return readError(bytes);
    }

    static TlsException readError(byte[] bytes) {
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream());
        return assertThrows(TlsException.class, in::read);
    }

    @Test
    void badHeadersGetTheRightAlert() {
        TlsException overflow = readError(23, 3, 3, 0x48, 0x01);
        assertEquals(AlertDescription.RECORD_OVERFLOW, overflow.alert());
        assertTrue(overflow.getMessage().contains("length 18433 at byte 3"), overflow.getMessage());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, readError(99, 3, 3, 0, 1, 0).alert());
        assertTrue(readError("GET / HTTP/1.1\r\n".getBytes()).getMessage().contains("plain HTTP"));
        assertEquals(AlertDescription.PROTOCOL_VERSION, readError(22, 2, 0, 0, 1, 0).alert());
        TlsException truncated = readError(22, 3, 3, 0, 10, 1, 2);
        assertEquals(AlertDescription.DECODE_ERROR, truncated.alert());
        assertTrue(truncated.getMessage().contains("8 byte(s) missing"), truncated.getMessage());
    }
}
