package tlslab.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.grader.runner.Wire;

class WireAndScanTest {

    @Test
    void everyValueTypeCrossesTheWire() throws Exception {
        Object[] values = {null, new byte[] {1, 2}, new byte[][] {{3}, null, {}}, 7, new int[] {1, -1}, 1L << 40, true,
                new boolean[] {true, false}, "héllo", new String[] {"a", null}, new BigInteger("-123456789012345678901234567890")};
        Wire.Out out = new Wire.Out().op(Wire.RETURNED, 42);
        for (Object v : values) out.value(v);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        Wire.writeFrame(frame, out.toByteArray());
        Wire.In in = new Wire.In(Wire.readFrame(new ByteArrayInputStream(frame.toByteArray()), ChildJvm.MAX_ANSWER));
        assertEquals(Wire.RETURNED, in.op());
        assertEquals(42, in.seq());
        for (Object v : values) {
            Object back = in.value();
            if (v instanceof Object[] a) assertArrayEquals(a, (Object[]) back);
            else if (v instanceof byte[] b) assertArrayEquals(b, (byte[]) back);
            else if (v instanceof int[] i) assertArrayEquals(i, (int[]) back);
            else if (v instanceof boolean[] z) assertArrayEquals(z, (boolean[]) back);
            else assertEquals(v, back);
        }
    }

    @Test
    void garbageAndHugeFramesAreRefused() {
        assertThrows(IOException.class, () -> Wire.readFrame(new ByteArrayInputStream("{\"score\": 1000}".getBytes()), 100));
        byte[] big = {0x54, 0x4c, 0x41, 0x42, 0, 0x10, 0, 1};   // 1 MiB + 1
        IOException e = assertThrows(IOException.class, () -> Wire.readFrame(new ByteArrayInputStream(big), ChildJvm.MAX_ANSWER));
        assertTrue(e.getMessage().contains("the limit is 1048576"), e.getMessage());
    }

    @Test
    void theScanSeesMembersClassesAndStrings() throws Exception {
        byte[] bytes = Files.readAllBytes(Grader.codeSource(Grader.class).resolve("tlslab/grader/LibraryView.class"));
        ClassScan.Refs refs = ClassScan.read(bytes);
        assertTrue(refs.classes().contains("java/util/zip/ZipOutputStream"), refs.classes().toString());
        assertTrue(refs.members().contains("java/util/zip/ZipFile.stream"), refs.members().toString());
        assertTrue(refs.strings().contains(".class"), refs.strings().toString());
    }
}
