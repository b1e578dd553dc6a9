package tlslab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WriterTest {

    @Test
    void integersAreBigEndian() {
        byte[] b = new Writer().u8(0xAB).u16(0x0102).u24(0x030405).u64(0x060708090A0B0C0DL).toByteArray();
        assertEquals("ab0102030405060708090a0b0c0d", Hex.of(b));
    }

    @Test
    void sizeCountsTheBytesWritten() {
        Writer w = new Writer();
        assertEquals(0, w.size());
        w.u16(1).bytes(new byte[5]);
        assertEquals(7, w.size());
    }

    @Test
    void opaqueVectorsCarryTheirLengthInOneTwoOrThreeBytes() {
        byte[] data = {7, 8, 9};
        assertEquals("03070809", Hex.of(new Writer().opaque8(data).toByteArray()));
        assertEquals("0003070809", Hex.of(new Writer().opaque16(data).toByteArray()));
        assertEquals("000003070809", Hex.of(new Writer().opaque24(data).toByteArray()));
    }

    @Test
    void vectorLengthsAreFilledInAfterTheBody() {
        assertEquals("020001", Hex.of(new Writer().vector8(w -> w.u16(1)).toByteArray()));
        assertEquals("00020001", Hex.of(new Writer().vector16(w -> w.u16(1)).toByteArray()));
        assertEquals("0000020001", Hex.of(new Writer().vector24(w -> w.u16(1)).toByteArray()));
        assertEquals("aa00", Hex.of(new Writer().u8(0xAA).vector8(w -> { }).toByteArray()));
    }

    @Test
    void opaque8TakesAtMost255Bytes() {
        assertEquals(256, new Writer().opaque8(new byte[255]).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Writer().opaque8(new byte[256]));
        assertEquals("256 bytes do not fit a 1-byte length", e.getMessage());
    }

    @Test
    void vector8BodyOver255BytesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Writer().vector8(w -> w.bytes(new byte[256])));
    }

    @Test
    void writesThatExactlyFillTheBufferThenGrowKeepEveryByte() {
        Writer w = new Writer();
        byte[] first = new byte[255];
        for (int i = 0; i < first.length; i++) first[i] = (byte) i;
        w.bytes(first).u8(0xFF).u16(0x1234);
        byte[] out = w.toByteArray();
        assertEquals(258, out.length);
        assertArrayEquals(first, Arrays.copyOf(out, 255));
        assertEquals("ff1234", Hex.of(out, 255, 258));
    }

    @Test
    void bytesWithOffsetCopiesOnlyThatSlice() {
        assertEquals("0203", Hex.of(new Writer().bytes(new byte[] {1, 2, 3, 4}, 1, 2).toByteArray()));
    }
}
