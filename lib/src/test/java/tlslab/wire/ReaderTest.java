package tlslab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.handshake.Handshake;

class ReaderTest {

    @Test
    void vectorsRoundTrip() throws Exception {
        byte[] b = new Writer().u8(1).u16(0x0303).u24(70000).opaque8(new byte[] {9}).vector16(w -> w.u16(0x002F).u16(0x009C)).toByteArray();
        Reader r = Reader.of("Test", b);
        assertEquals(1, r.u8("a"));
        assertEquals(0x0303, r.u16("b"));
        assertEquals(70000, r.u24("c"));
        assertArrayEquals(new byte[] {9}, r.opaque8("d", 0, 255));
        Reader list = r.vector16("suites", 2, 100);
        assertEquals(0x002F, list.u16("[0]"));
        assertEquals(0x009C, list.u16("[1]"));
        r.expectEnd();
    }

    @Test
    void lengthBeyondTheDataNamesFieldAndOffset() {
        byte[] b = {0x03, 0x03, 0x00, 0x10, 0x01};
        Reader r = Reader.of("ClientHello", b);
        DecodeException e = assertThrows(DecodeException.class, () -> {
            r.u16("client_version");
            r.opaque16("session_id", 0, 32);
        });
        assertEquals("ClientHello", e.structure());
        assertEquals("session_id", e.field());
        assertEquals(4, e.offset());
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        assertTrue(e.getMessage().contains("needs 16 byte(s) but only 1 left"), e.getMessage());
    }

    @Test
    void lengthOutsideTheAllowedRangeIsRejectedBeforeReading() {
        Reader r = Reader.of("ServerHello", new byte[] {40, 0});
        DecodeException e = assertThrows(DecodeException.class, () -> r.opaque8("session_id", 0, 32));
        assertTrue(e.getMessage().contains("ServerHello.session_id at byte 0: length 40 outside the allowed 0..32"), e.getMessage());
    }

    @Test
    void nestedFieldsAreNamedInBreakdowns() throws Exception {
        byte[] b = new Writer().vector16(w -> w.u16(1).u16(2)).toByteArray();
        Reader r = Reader.recording("X", b);
        Reader list = r.vector16("cipher_suites", 2, 10);
        list.u16("[0]");
        list.note("first");
        list.u16("[1]");
        List<Field> f = r.fields();
        assertEquals(List.of("cipher_suites.length", "cipher_suites[0]", "cipher_suites[1]"), f.stream().map(Field::name).toList());
        assertEquals(2, f.get(1).offset());
        assertEquals("first", f.get(1).meaning());
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] finished = {20, 0, 0, 13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(finished));
        assertTrue(e.getMessage().startsWith("Finished.end at byte 16"), e.getMessage());
    }

    @Test
    void handshakeLengthMustMatchTheBody() {
        byte[] truncated = {2, 0, 0, 80, 3, 3};
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(truncated));
        assertTrue(e.getMessage().contains("ServerHello.length at byte 4: header says 80 body bytes but 2 follow"), e.getMessage());
    }

    @Test
    void structureIsTheNameGivenAtCreation() {
        assertEquals("ServerHello", Reader.of("ServerHello", new byte[0]).structure());
    }

    @Test
    void u64ReadsEightBigEndianBytes() throws Exception {
        Reader r = Reader.of("X", Hex.parse("0102030405060708ff"));
        assertEquals(0x0102030405060708L, r.u64("seq"));
        assertEquals(1, r.remaining());
    }

    @Test
    void vector8ReadsAOneByteLengthAndItsContents() throws Exception {
        Reader r = Reader.of("X", new byte[] {2, 5, 6, 7});
        Reader v = r.vector8("formats", 1, 255);
        assertEquals(5, v.u8("[0]"));
        assertEquals(6, v.u8("[1]"));
        assertEquals(false, v.hasRemaining());
        assertEquals(7, r.u8("next"));
    }

    @Test
    void readsInsideAVectorStopAtTheVectorsEnd() throws Exception {
        Reader r = Reader.of("X", new byte[] {1, 5, 6, 7});
        Reader v = r.vector8("formats", 1, 255);
        DecodeException e = assertThrows(DecodeException.class, () -> v.u16("[0]"));
        assertEquals("formats[0]", e.field());
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("needs 2 byte(s) but only 1 left"), e.getMessage());
    }

    @Test
    void recordedBytesFieldsKeepTheirOffsetAndContents() throws Exception {
        Reader r = Reader.recording("X", new byte[] {9, 1, 2, 3});
        r.u8("type");
        r.bytes("random", 3);
        Field f = r.fields().get(1);
        assertEquals("random", f.name());
        assertEquals(1, f.offset());
        assertEquals(3, f.length());
        assertArrayEquals(new byte[] {1, 2, 3}, f.bytes());
    }

    @Test
    void trailingBytesErrorCountsThem() throws Exception {
        Reader r = Reader.of("Finished", new byte[] {1, 2, 3, 4});
        r.u8("a");
        DecodeException e = assertThrows(DecodeException.class, r::expectEnd);
        assertEquals("Finished.end at byte 1: 3 unexpected trailing byte(s)", e.getMessage());
    }
}
