package tlslab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void formatsLowerCaseWithoutSeparators() {
        assertEquals("00ff10", Hex.of(new byte[] {0, (byte) 0xFF, 0x10}));
        assertEquals("ff", Hex.of(new byte[] {0, (byte) 0xFF, 0x10}, 1, 2));
    }

    @Test
    void parseIgnoresSpacesColonsAndLineBreaks() {
        assertArrayEquals(new byte[] {(byte) 0xAB, 0x01, 0x02}, Hex.parse("ab:01\n 02"));
    }

    @Test
    void abbreviateKeepsExactlyMaxBytesWhole() {
        assertEquals("010203", Hex.abbreviate(new byte[] {1, 2, 3}, 3));
        assertEquals("0102… (3 bytes)", Hex.abbreviate(new byte[] {1, 2, 3}, 2));
    }

    @Test
    void badHexIsQuotedAndCutAfter40Characters() {
        String forty = "0".repeat(39) + "z";
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> Hex.parse(forty));
        assertEquals("not valid hex: \"" + forty + "\"", shortOne.getMessage().substring(0, 16 + 40 + 1));
        IllegalArgumentException longOne = assertThrows(IllegalArgumentException.class, () -> Hex.parse(forty + "00"));
        assertEquals("not valid hex: \"" + forty + "…\" (", longOne.getMessage().substring(0, 16 + 40 + 4));
    }
}
