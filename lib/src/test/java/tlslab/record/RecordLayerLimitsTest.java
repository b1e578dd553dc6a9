package tlslab.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.RandomSource;
import tlslab.crypto.Side;
import tlslab.wire.Hex;

/** The record layer's header, size limits, sequence numbers and version rule, at their boundaries. */
class RecordLayerLimitsTest {
    static final CipherSuite GCM = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    static final KeySchedule.KeyBlock KEYS = KeySchedule.keyBlock(GCM, new byte[48], new byte[32], new byte[32]);

    @Test
    void headerIsTypeTls12AndLength() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new RecordLayer(InputStream.nullInputStream(), wire).write(ContentType.ALERT, new byte[] {1, 0});
        assertEquals("15030300020100", Hex.of(wire.toByteArray()));
    }

    @Test
    void anEmptyWriteSendsOneEmptyRecord() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new RecordLayer(InputStream.nullInputStream(), wire).write(ContentType.APPLICATION_DATA, new byte[0]);
        assertEquals("1703030000", Hex.of(wire.toByteArray()));
    }

    @Test
    void exactly16KIsOneRecordAndOneByteMoreIsTwo() throws Exception {
        assertEquals(List.of(16384), fragmentSizes(16384));
        assertEquals(List.of(16384, 1), fragmentSizes(16385));
    }

    @Test
    void headerLengthOver255UsesBothBytes() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new RecordLayer(InputStream.nullInputStream(), wire).write(ContentType.HANDSHAKE, new byte[0x0123]);
        assertEquals("1603030123", Hex.of(wire.toByteArray(), 0, 5));
    }

    @Test
    void sequenceNumbersCountPerDirectionAndRestartWithANewCipher() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordLayer out = new RecordLayer(InputStream.nullInputStream(), wire);
        List<String> seen = new ArrayList<>();
        out.setListener((sent, r) -> seen.add(sent + " " + r.type().rfcName() + " #" + r.seq() + (r.encrypted() ? " encrypted" : "")));
        assertFalse(out.writeEncrypted());
        out.write(ContentType.HANDSHAKE, new byte[3]);
        out.write(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        out.changeWriteCipher(RecordCipher.forWriting(GCM, KEYS, Side.CLIENT, RandomSource.seeded("x")));
        assertTrue(out.writeEncrypted());
        out.write(ContentType.HANDSHAKE, new byte[16]);
        out.write(ContentType.APPLICATION_DATA, new byte[2]);
        assertEquals(List.of("true handshake #0", "true change_cipher_spec #1", "true handshake #0 encrypted",
                "true application_data #1 encrypted"), seen);

        RecordLayer in = new RecordLayer(new ByteArrayInputStream(wire.toByteArray()), OutputStream.nullOutputStream());
        List<Record> read = new ArrayList<>();
        in.setListener((sent, r) -> {
            assertFalse(sent);
            read.add(r);
        });
        Record first = in.read();
        assertEquals(0, first.seq());
        assertFalse(first.encrypted());
        assertEquals(1, in.read().seq());
        assertFalse(in.readEncrypted());
        in.changeReadCipher(RecordCipher.forReading(GCM, KEYS, Side.SERVER, RandomSource.seeded("x")));
        assertTrue(in.readEncrypted());
        Record fin = in.read();
        assertEquals(0, fin.seq());
        assertTrue(fin.encrypted());
        assertArrayEquals(new byte[16], fin.plaintext());
        assertEquals(5 + 8 + 16 + 16, fin.wire().length);
        assertEquals(1, in.read().seq());
        assertEquals(4, read.size());
        assertNull(in.read());
    }

    @Test
    void listenerSeesTheSentPlaintextSlice() throws Exception {
        RecordLayer out = new RecordLayer(InputStream.nullInputStream(), OutputStream.nullOutputStream());
        List<Record> seen = new ArrayList<>();
        out.setListener((sent, r) -> seen.add(r));
        byte[] data = new byte[16385];
        data[16384] = 7;
        out.write(ContentType.APPLICATION_DATA, data);
        assertArrayEquals(new byte[] {7}, seen.get(1).plaintext());
        assertEquals("1703030001", Hex.of(seen.get(1).wire(), 0, 5));
    }

    @Test
    void clearRecordsMayBeExactly16KButNotMore() throws Exception {
        assertEquals(16384, read(record(23, 0x0303, new byte[16384])).plaintext().length);
        TlsException e = readError(record(23, 0x0303, new byte[16385]));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertEquals("record #0: length 16385 at byte 3 exceeds the limit of 16384", e.getMessage());
    }

    @Test
    void encryptedRecordsMayGrowByTheCiphersExpansion() throws Exception {
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(record(23, 0x0303, new byte[16384 + 25])), OutputStream.nullOutputStream());
        in.changeReadCipher(RecordCipher.forReading(GCM, KEYS, Side.SERVER, RandomSource.seeded("x")));
        TlsException e = assertThrows(TlsException.class, in::read);
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertTrue(e.getMessage().endsWith("exceeds the limit of 16408"), e.getMessage());

        // 16384 + 24 is allowed through to the cipher, which then finds the tag wrong
        RecordLayer atLimit = new RecordLayer(new ByteArrayInputStream(record(23, 0x0303, new byte[16384 + 24])), OutputStream.nullOutputStream());
        atLimit.changeReadCipher(RecordCipher.forReading(GCM, KEYS, Side.SERVER, RandomSource.seeded("x")));
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(TlsException.class, atLimit::read).alert());
    }

    @Test
    void aRecordThatDecryptsToMoreThan16KIsRecordOverflow() throws Exception {
        CipherSuite cbc = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        KeySchedule.KeyBlock keys = KeySchedule.keyBlock(cbc, new byte[48], new byte[32], new byte[32]);
        RecordCipher writer = RecordCipher.forWriting(cbc, keys, Side.CLIENT, RandomSource.seeded("x"));
        for (int size : new int[] {16384, 16385}) {
            byte[] fragment = writer.seal(0, ContentType.APPLICATION_DATA, new byte[size], 0, size);
            RecordLayer in = new RecordLayer(new ByteArrayInputStream(record(23, 0x0303, fragment)), OutputStream.nullOutputStream());
            in.changeReadCipher(RecordCipher.forReading(cbc, keys, Side.SERVER, RandomSource.seeded("x")));
            if (size == 16384) {
                assertEquals(16384, in.read().plaintext().length);
            } else {
                TlsException e = assertThrows(TlsException.class, in::read);
                assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
                assertEquals("record #0 decrypts to 16385 bytes, more than 2^14", e.getMessage());
            }
        }
    }

    /** RFC 8449: after the peer's record_size_limit we send shorter records, and take none longer than ours. */
    @Test
    void aRecordSizeLimitShortensWritesAndBoundsReads() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordLayer out = new RecordLayer(InputStream.nullInputStream(), wire);
        out.recordSizeLimits(63, 16384);
        out.write(ContentType.APPLICATION_DATA, new byte[130]);
        assertEquals("170303", Hex.of(wire.toByteArray(), 0, 3));
        List<Integer> sizes = new ArrayList<>();
        byte[] w = wire.toByteArray();
        for (int at = 0; at < w.length; at += 5 + sizes.get(sizes.size() - 1)) sizes.add(((w[at + 3] & 0xff) << 8) | (w[at + 4] & 0xff));
        assertEquals(List.of(63, 63, 4), sizes);

        RecordLayer in = new RecordLayer(new ByteArrayInputStream(record(23, 0x0303, new byte[64])), OutputStream.nullOutputStream());
        in.recordSizeLimits(16384, 63);
        TlsException e = assertThrows(TlsException.class, in::read);
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertEquals("record #0 decrypts to 64 bytes, more than 63 bytes of content, as our record_size_limit allows (RFC 8449)",
                e.getMessage());
    }

    @Test
    void anyRecordVersionOfSsl3OrTlsIsAcceptedUntilAgreed() throws Exception {
        assertEquals(ContentType.HANDSHAKE, read(record(22, 0x0301, new byte[] {1})).type());
        assertEquals(ContentType.HANDSHAKE, read(record(22, 0x0300, new byte[] {1})).type());
        TlsException two = readError(record(22, 0x0200, new byte[] {1}));
        assertEquals(AlertDescription.PROTOCOL_VERSION, two.alert());
        assertEquals("record #0: version 0x0200 at byte 1 is not SSL/TLS", two.getMessage());
        assertEquals(AlertDescription.PROTOCOL_VERSION, readError(record(22, 0x0403, new byte[] {1})).alert());
    }

    @Test
    void afterAgreementEveryRecordMustSayTls12() throws Exception {
        byte[] both = CbcHmacCipherTest.concat(record(22, 0x0303, new byte[] {1}), record(22, 0x0301, new byte[] {1}));
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(both), OutputStream.nullOutputStream());
        in.versionAgreed();
        in.read();
        TlsException e = assertThrows(TlsException.class, in::read);
        assertEquals(AlertDescription.PROTOCOL_VERSION, e.alert());
        assertTrue(e.getMessage().startsWith("record #1: version 0x0301 at byte 1, but this connection agreed on TLS 1.2"),
                e.getMessage());
    }

    @Test
    void errorsNumberTheRecord() throws Exception {
        byte[] two = CbcHmacCipherTest.concat(record(22, 0x0303, new byte[] {1}), new byte[] {99, 3, 3, 0, 0});
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(two), OutputStream.nullOutputStream());
        in.read();
        TlsException e = assertThrows(TlsException.class, in::read);
        assertEquals("record #1: content type 99 at byte 0 is not one TLS defines", e.getMessage());
    }

    @Test
    void plainHttpIsRecognisedInTheFirstBytes() {
        for (String start : new String[] {"GET / HTTP/1.1", "POST /x HTTP/1.1", "HTTP/1.1 200 OK"}) {
            TlsException e = readError(start.getBytes());
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
            assertTrue(e.getMessage().endsWith(": plain HTTP, not TLS)"), e.getMessage());
            assertTrue(e.getMessage().contains("these bytes read \"" + start.substring(0, 5) + "\""), e.getMessage());
        }
        assertFalse(readError("PUT / HTTP/1.1".getBytes()).getMessage().contains("HTTP, not TLS"));
    }

    @Test
    void recordsArriveWhole1ByteAtATime() throws Exception {
        byte[] bytes = record(23, 0x0303, new byte[] {5, 6, 7});
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
        Record r = new RecordLayer(trickle, OutputStream.nullOutputStream()).read();
        assertArrayEquals(new byte[] {5, 6, 7}, r.plaintext());
        assertArrayEquals(bytes, r.wire());
    }

    @Test
    void aConnectionClosedInTheHeaderIsADecodeError() {
        TlsException e = readError(new byte[] {22, 3});
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        assertEquals("connection closed in the middle of the record header (3 byte(s) missing)", e.getMessage());
        TlsException body = readError(new byte[] {21, 3, 3, 0, 2, 1});
        assertEquals("connection closed in the middle of the alert record body (1 byte(s) missing)", body.getMessage());
    }

    @Test
    void contentTypesAreFoundByCode() {
        for (ContentType t : ContentType.values()) assertEquals(t, ContentType.of(t.code));
        assertNull(ContentType.of(24));
        assertEquals("change_cipher_spec", ContentType.CHANGE_CIPHER_SPEC.rfcName());
    }

    @Test
    void writesAreFlushedToTheConnection() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RecordLayer out = new RecordLayer(InputStream.nullInputStream(), new BufferedOutputStream(sink, 1 << 16));
        out.write(ContentType.HANDSHAKE, new byte[] {1, 2});
        assertEquals("16030300020102", Hex.of(sink.toByteArray()));
    }

    private static List<Integer> fragmentSizes(int n) throws Exception {
        RecordLayer out = new RecordLayer(InputStream.nullInputStream(), OutputStream.nullOutputStream());
        List<Integer> sizes = new ArrayList<>();
        out.setListener((sent, r) -> sizes.add(r.plaintext().length));
        out.write(ContentType.APPLICATION_DATA, new byte[n]);
        return sizes;
    }

    static byte[] record(int type, int version, byte[] body) {
        byte[] out = new byte[5 + body.length];
        out[0] = (byte) type;
        out[1] = (byte) (version >>> 8);
        out[2] = (byte) version;
        out[3] = (byte) (body.length >>> 8);
        out[4] = (byte) body.length;
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }

    private static Record read(byte[] bytes) throws IOException {
        return new RecordLayer(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream()).read();
    }

    private static TlsException readError(byte[] bytes) {
        RecordLayer in = new RecordLayer(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream());
        return assertThrows(TlsException.class, in::read);
    }
}
