package tlslab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FieldTest {

    @Test
    void hexIsTheFieldsBytes() {
        assertEquals("0303", new Field("client_version", 4, 2, new byte[] {3, 3}, "").hex());
    }

    @Test
    void toStringShowsOffsetLengthNameBytesAndMeaning() {
        Field f = new Field("client_version", 4, 2, new byte[] {3, 3}, "TLS 1.2");
        assertEquals(String.format("%4d %4d  %-28s %s", 4, 2, "client_version", "0303") + "  (TLS 1.2)", f.toString());
    }

    @Test
    void toStringLeavesOutAnEmptyOrMissingMeaning() {
        String expected = String.format("%4d %4d  %-28s %s", 0, 1, "type", "01");
        assertEquals(expected, new Field("type", 0, 1, new byte[] {1}, "").toString());
        assertEquals(expected, new Field("type", 0, 1, new byte[] {1}, null).toString());
    }
}
