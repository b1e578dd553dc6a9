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
import tlslab.crypto.RandomSource;

class RecordLayerTest {
    static final SecureRandom RANDOM = RandomSource.seeded("records");

    static KeySchedule.KeyBlock keys(CipherSuite suite) {
        return KeySchedule.keyBlock(suite, new byte[48], new byte[32], new byte[32]);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void sealedRecordsOpenOnlyUnchanged(CipherSuite suite) throws Exception {
        RecordCipher writer = RecordCipher.create(suite, keys(suite), true, RANDOM);
        RecordCipher reader = RecordCipher.create(suite, keys(suite), true, RANDOM);
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
        RecordCipher writer = RecordCipher.create(suite, keys(suite), true, RANDOM);
        RecordCipher reader = RecordCipher.create(suite, keys(suite), true, RANDOM);
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
        byte[] sealed = RecordCipher.create(suite, keys(suite), true, RANDOM).seal(5, ContentType.APPLICATION_DATA, new byte[100], 0, 100);
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

    /** A client-to-server connection of one direction: what {@code client} writes, {@code server} reads. */
    static RecordLayer[] oneWay(CipherSuite suite, ByteArrayOutputStream wire, byte[] written) {
        RecordLayer client = new RecordLayer(new ByteArrayInputStream(new byte[0]), wire);
        RecordLayer server = new RecordLayer(new ByteArrayInputStream(written), OutputStream.nullOutputStream());
        client.changeWriteCipher(RecordCipher.create(suite, keys(suite), true, RANDOM));
        server.changeReadCipher(RecordCipher.create(suite, keys(suite), true, RANDOM));
        return new RecordLayer[] {client, server};
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void readIntoDecryptsIntoTheCallersBuffer(CipherSuite suite) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordLayer client = oneWay(suite, wire, new byte[0])[0];
        byte[] big = new byte[16384];
        RANDOM.nextBytes(big);
        client.write(ContentType.APPLICATION_DATA, big);
        client.write(ContentType.HANDSHAKE, "hello".getBytes());
        RecordLayer server = oneWay(suite, null, wire.toByteArray())[1];

        byte[] out = new byte[100 + RecordLayer.MAX_FRAGMENT];
        RecordLayer.Received first = server.readInto(out, 100);
        assertEquals(new RecordLayer.Received(ContentType.APPLICATION_DATA, 0, 16384), first);
        assertArrayEquals(big, java.util.Arrays.copyOfRange(out, 100, 100 + 16384));
        assertEquals(new RecordLayer.Received(ContentType.HANDSHAKE, 1, 5), server.readInto(out, 0));
        assertEquals("hello", new String(out, 0, 5));
        assertEquals(null, server.readInto(out, 0));
    }

    @Test
    void readIntoWantsRoomForTheLongestFragment() {
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(new byte[] {23, 3, 3, 0, 1, 0}), OutputStream.nullOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.readInto(new byte[RecordLayer.MAX_FRAGMENT], 1));
        assertTrue(e.getMessage().contains("room for 18432"), e.getMessage());
    }

    /** The layer reuses its buffers from record to record: what it hands out must not change afterwards. */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void recordsHandedOutKeepTheirBytes(CipherSuite suite) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordLayer client = oneWay(suite, wire, new byte[0])[0];
        java.util.List<Record> sent = new java.util.ArrayList<>();
        client.setListener((isSent, r) -> sent.add(r));
        client.write(ContentType.APPLICATION_DATA, "first".getBytes());
        byte[] firstWire = wire.toByteArray();
        client.write(ContentType.APPLICATION_DATA, "second, longer".getBytes());
        assertArrayEquals(firstWire, sent.get(0).wire());
        assertEquals("first", new String(sent.get(0).plaintext()));

        RecordLayer server = oneWay(suite, null, wire.toByteArray())[1];
        java.util.List<Record> heard = new java.util.ArrayList<>();
        server.setListener((isSent, r) -> heard.add(r));
        Record first = server.read();
        byte[] out = new byte[RecordLayer.MAX_FRAGMENT];
        server.readInto(out, 0);
        assertEquals("first", new String(first.plaintext()));
        assertArrayEquals(firstWire, first.wire());
        assertEquals(first, heard.get(0));
        assertEquals("second, longer", new String(heard.get(1).plaintext()));
        assertArrayEquals(sent.get(1).wire(), heard.get(1).wire());
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
