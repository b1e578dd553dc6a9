package tlslab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void namesKnownVersions() {
        assertEquals("SSL 3.0", ProtocolVersion.name(0x0300));
        assertEquals("TLS 1.0", ProtocolVersion.name(0x0301));
        assertEquals("TLS 1.1", ProtocolVersion.name(0x0302));
        assertEquals("TLS 1.2", ProtocolVersion.name(0x0303));
        assertEquals("TLS 1.3", ProtocolVersion.name(0x0304));
    }

    @Test
    void unknownVersionsAreShownAsHex() {
        assertEquals("0x7F1C", ProtocolVersion.name(0x7F1C));
        assertEquals("0x7F1C", ProtocolVersion.nameAndCode(0x7F1C));
    }

    @Test
    void nameAndCodeAddsTheNumberToKnownNames() {
        assertEquals("TLS 1.0 (0x0301)", ProtocolVersion.nameAndCode(0x0301));
    }
}
