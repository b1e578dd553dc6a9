package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Writer;

/** What the server reads of a ClientHello's extensions, and the alert for each malformed body. */
class HelloExtensionsTest {

    @Test
    void readsEveryExtensionTheServerActsOn() throws Exception {
        HelloExtensions x = HelloExtensions.of(hello(List.of(0xC02F),
                Extension.serverName("www.mybank.test"),
                Extension.supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)),
                Extension.ecPointFormats(),
                Extension.signatureAlgorithms(List.of(0x0401, 0x0804)),
                Extension.renegotiationInfo(),
                Extension.empty(Extension.EXTENDED_MASTER_SECRET),
                Extension.empty(Extension.ENCRYPT_THEN_MAC)));
        assertEquals("www.mybank.test", x.serverName());
        assertEquals(List.of(29, 23), x.groups());
        assertArrayEquals(new byte[] {0}, x.pointFormats());
        assertEquals(List.of(0x0401, 0x0804), x.signatureSchemes());
        assertTrue(x.secureRenegotiation());
        assertTrue(x.extendedMasterSecret());
        assertTrue(x.encryptThenMac());
    }

    @Test
    void absentExtensionsAreNullOrFalse() throws Exception {
        HelloExtensions x = HelloExtensions.of(hello(List.of(0x002F), new Extension(0x3a3a, new byte[] {1, 2, 3})));
        assertNull(x.serverName());
        assertNull(x.groups());
        assertNull(x.pointFormats());
        assertNull(x.signatureSchemes());
        assertFalse(x.secureRenegotiation());
        assertFalse(x.extendedMasterSecret());
        assertFalse(x.encryptThenMac());
    }

    @Test
    void theRenegotiationScsvCountsAsSecureRenegotiation() throws Exception {
        assertTrue(HelloExtensions.of(hello(List.of(0x002F, Extension.EMPTY_RENEGOTIATION_INFO_SCSV))).secureRenegotiation());
    }

    @Test
    void aSecondHostNameIsIllegalParameter() {
        byte[] twoNames = new Writer().vector16(w -> w.u8(0).opaque16(ascii("a.test")).u8(0).opaque16(ascii("b.test"))).toByteArray();
        DecodeException e = assertThrows(DecodeException.class,
                () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.SERVER_NAME, twoNames))));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("ClientHello.server_name", e.structure());
        assertEquals("server_name_list.name", e.field());
    }

    @Test
    void unknownNameTypesAreSkipped() throws Exception {
        byte[] list = new Writer().vector16(w -> w.u8(7).opaque16(new byte[] {1}).u8(0).opaque16(ascii("a.test"))).toByteArray();
        assertEquals("a.test", HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.SERVER_NAME, list))).serverName());
    }

    @Test
    void hostNamesArePrintableAsciiFromBangToTilde() throws Exception {
        assertEquals("!~", serverName("!~"));
        for (String bad : new String[] {"a b", "a\u007fb", "a\nb"}) {
            DecodeException e = assertThrows(DecodeException.class, () -> serverName(bad));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
            assertTrue(e.getMessage().contains(String.format("byte 0x%02X is not allowed", (int) bad.charAt(1))), e.getMessage());
        }
        byte[] high = new Writer().vector16(w -> w.u8(0).opaque16(new byte[] {'a', (byte) 0xC3})).toByteArray();
        DecodeException e = assertThrows(DecodeException.class,
                () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.SERVER_NAME, high))));
        assertTrue(e.getMessage().contains("byte 0xC3 is not allowed"), e.getMessage());
    }

    @Test
    void emptyServerNameListIsDecodeError() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.SERVER_NAME, new byte[] {0, 0}))));
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
    }

    @Test
    void oddOrEmptyCodeListsAreDecodeErrors() {
        for (int type : new int[] {Extension.SUPPORTED_GROUPS, Extension.SIGNATURE_ALGORITHMS}) {
            DecodeException odd = assertThrows(DecodeException.class,
                    () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(type, new byte[] {0, 3, 0, 29, 0}))));
            assertEquals(AlertDescription.DECODE_ERROR, odd.alert());
            assertTrue(odd.field().endsWith(".length"), odd.field());
            DecodeException empty = assertThrows(DecodeException.class,
                    () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(type, new byte[] {0, 0}))));
            assertEquals(AlertDescription.DECODE_ERROR, empty.alert());
        }
    }

    @Test
    void pointFormatsMustIncludeUncompressed() throws Exception {
        DecodeException e = assertThrows(DecodeException.class,
                () -> HelloExtensions.of(hello(List.of(0xC02F), new Extension(Extension.EC_POINT_FORMATS, new byte[] {2, 1, 2}))));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("ec_point_format_list", e.field());
        byte[] last = {3, 1, 2, 0};
        assertArrayEquals(new byte[] {1, 2, 0},
                HelloExtensions.of(hello(List.of(0xC02F), new Extension(Extension.EC_POINT_FORMATS, last))).pointFormats());
    }

    @Test
    void nonEmptyRenegotiationInfoIsHandshakeFailure() {
        DecodeException e = assertThrows(DecodeException.class,
                () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.RENEGOTIATION_INFO, new byte[] {1, 9}))));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertEquals("renegotiated_connection", e.field());
    }

    @Test
    void extensionsThatMustBeEmptyRejectABody() {
        for (int type : new int[] {Extension.EXTENDED_MASTER_SECRET, Extension.ENCRYPT_THEN_MAC, Extension.RENEGOTIATION_INFO}) {
            byte[] body = type == Extension.RENEGOTIATION_INFO ? new byte[] {0, 0} : new byte[] {0};
            DecodeException e = assertThrows(DecodeException.class,
                    () -> HelloExtensions.of(hello(List.of(0x002F), new Extension(type, body))));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
            assertEquals("end", e.field());
        }
    }

    @Test
    void extensionBuildersWriteTheRfcLayouts() {
        assertEquals("000c000009" + "6c6f63616c686f7374", Hex.of(Extension.serverName("localhost").data()));
        assertEquals("0004001d0017", Hex.of(
                Extension.supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).data()));
        assertEquals("000404010804", Hex.of(Extension.signatureAlgorithms(List.of(0x0401, 0x0804)).data()));
        assertEquals(0, Extension.empty(Extension.ENCRYPT_THEN_MAC).data().length);
    }

    @Test
    void findReturnsTheExtensionOfThatTypeOrNull() {
        Extension ems = Extension.empty(Extension.EXTENDED_MASTER_SECRET);
        List<Extension> list = List.of(Extension.ecPointFormats(), ems);
        assertEquals(ems, Extension.find(list, Extension.EXTENDED_MASTER_SECRET));
        assertNull(Extension.find(list, Extension.SERVER_NAME));
    }

    private static String serverName(String host) throws DecodeException {
        byte[] list = new Writer().vector16(w -> w.u8(0).opaque16(ascii(host))).toByteArray();
        return HelloExtensions.of(hello(List.of(0x002F), new Extension(Extension.SERVER_NAME, list))).serverName();
    }

    private static ClientHello hello(List<Integer> suites, Extension... extensions) {
        return new ClientHello(0x0303, new byte[32], new byte[0], suites, new byte[] {0}, List.of(extensions));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
