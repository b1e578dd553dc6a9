package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.Side;
import tlslab.crypto.RandomSource;
import tlslab.wire.Hex;

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
    void aes256GcmUsesTheWhole32ByteKey() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        KeySchedule.KeyBlock kb = keys(suite);
        RecordCipher writer = RecordCipher.forWriting(suite, kb, Side.CLIENT, RANDOM);
        assertEquals("AES-256-GCM", writer.toString());
        byte[] data = "forty-two".getBytes();
        byte[] sealed = writer.seal(9, ContentType.APPLICATION_DATA, data, 0, data.length);
        assertEquals(8 + data.length + 16, sealed.length);
        // the JDK's AES-GCM with the 32-byte key, nonce = salt ‖ explicit nonce, AAD = seq ‖ type ‖ version ‖ length
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        System.arraycopy(kb.clientIv(), 0, nonce, 0, 4);
        System.arraycopy(sealed, 0, nonce, 4, 8);
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kb.clientKey(), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(Hex.parse("0000000000000009" + "17" + "0303" + "0009"));
        assertArrayEquals(data, gcm.doFinal(sealed, 8, sealed.length - 8));
    }

    /** RFC 7905 §2: nonce = write_IV XOR (0x00000000 ‖ 64-bit big-endian sequence number). */
    @Test
    void chachaNonceIsTheIvXorTheSequenceNumber() {
        byte[] iv = Hex.parse("a0a1a2a3a4a5a6a7a8a9aaab");
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaab", Hex.of(Tls13RecordCipher.nonce(iv, 0)));
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaaa", Hex.of(Tls13RecordCipher.nonce(iv, 1)));
        assertEquals("a0a1a2a3a5a7a5a3adafada3", Hex.of(Tls13RecordCipher.nonce(iv, 0x0102030405060708L)));
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaab", Hex.of(iv), "the IV itself is left alone");
    }

    /** Sealed by us, opened by Bouncy Castle's ChaCha20-Poly1305 with the nonce and AAD built here from the RFC. */
    @Test
    void chachaRecordIsCiphertextAndTagOnly() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        KeySchedule.KeyBlock kb = keys(suite);
        assertEquals(32, kb.serverKey().length);
        assertEquals(12, kb.serverIv().length);
        RecordCipher writer = RecordCipher.forWriting(suite, kb, Side.SERVER, RANDOM);
        assertEquals(16, writer.maxExpansion());
        byte[] data = "HTTP/1.0 200 OK\r\n\r\n".getBytes();
        for (long seq : new long[] {0, 1, 0x0102030405060708L}) {
            byte[] sealed = writer.seal(seq, ContentType.APPLICATION_DATA, data, 0, data.length);
            assertEquals(data.length + 16, sealed.length, "no explicit nonce on the wire");
            byte[] nonce = kb.serverIv().clone();
            for (int i = 0; i < 8; i++) nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            byte[] aad = Hex.parse(String.format("%016x", seq) + "17" + "0303" + String.format("%04x", data.length));
            ChaCha20Poly1305 bc = new ChaCha20Poly1305();
            bc.init(false, new AEADParameters(new KeyParameter(kb.serverKey()), 128, nonce, aad));
            byte[] opened = new byte[bc.getOutputSize(sealed.length)];
            int n = bc.processBytes(sealed, 0, sealed.length, opened, 0);
            n += bc.doFinal(opened, n);
            assertArrayEquals(data, Arrays.copyOf(opened, n), "record #" + seq);
        }
    }

    @Test
    void chachaRejectsATamperedRecordWithBadRecordMac() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        RecordCipher writer = RecordCipher.forWriting(suite, keys(suite), Side.CLIENT, RANDOM);
        RecordCipher reader = RecordCipher.forReading(suite, keys(suite), Side.SERVER, RANDOM);
        byte[] data = new byte[64];
        byte[] sealed = writer.seal(2, ContentType.APPLICATION_DATA, data, 0, data.length);
        for (int at : new int[] {0, 63, 64, sealed.length - 1}) {   // ciphertext, its last byte, the tag
            byte[] tampered = sealed.clone();
            tampered[at] ^= 0x40;
            TlsException e = assertThrows(TlsException.class, () -> reader.open(2, ContentType.APPLICATION_DATA, tampered));
            assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), "byte " + at);
            assertTrue(e.getMessage().contains("record #2"), e.getMessage());
        }
        TlsException cut = assertThrows(TlsException.class, () -> reader.open(2, ContentType.APPLICATION_DATA, new byte[15]));
        assertEquals(AlertDescription.BAD_RECORD_MAC, cut.alert());
        assertTrue(cut.getMessage().contains("shorter than its tag"), cut.getMessage());
        // the untouched record still opens, in place and from an offset
        byte[] buffer = new byte[3 + sealed.length];
        System.arraycopy(sealed, 0, buffer, 3, sealed.length);
        assertEquals(64, reader.open(2, ContentType.APPLICATION_DATA, buffer, 3, sealed.length, buffer, 3));
        assertArrayEquals(data, Arrays.copyOfRange(buffer, 3, 67));
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
        client.changeWriteCipher(RecordCipher.forWriting(suite, keys(suite), Side.CLIENT, RANDOM));
        server.changeReadCipher(RecordCipher.forReading(suite, keys(suite), Side.SERVER, RANDOM));
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
