package tlslab.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.alert.AlertDescription;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;

/**
 * The extensions of a ClientHello that this library acts on, each decoded completely and checked
 * once, with the alert its RFC names for a malformed body. Absent extensions are null (or false).
 *
 * @param serverName         the host_name of server_name (RFC 6066 §3)
 * @param groups             supported_groups codes (RFC 8422 §5.1.1)
 * @param pointFormats       ec_point_formats (RFC 8422 §5.1.2), which must include uncompressed (0)
 * @param signatureSchemes   signature_algorithms codes (RFC 5246 §7.4.1.4.1)
 * @param secureRenegotiation an empty renegotiation_info, or its signalling cipher suite (RFC 5746)
 * @param extendedMasterSecret extended_master_secret, which is empty (RFC 7627 §5.1)
 * @param encryptThenMac      encrypt_then_mac, which is empty (RFC 7366 §2)
 */
public record HelloExtensions(String serverName, List<Integer> groups, byte[] pointFormats, List<Integer> signatureSchemes,
                              boolean secureRenegotiation, boolean extendedMasterSecret, boolean encryptThenMac) {

    /** Decodes and checks the extensions of {@code hello}. */
    public static HelloExtensions of(ClientHello hello) throws DecodeException {
        String name = null;
        List<Integer> groups = null, schemes = null;
        byte[] formats = null;
        boolean ems = false, etm = false;
        boolean reneg = hello.cipherSuites().contains(Extension.EMPTY_RENEGOTIATION_INFO_SCSV);
        // Error offsets count from the ClientHello's first byte, as the decoder's do. The extensions
        // fill the end of the message, each after its 2-byte type and 2-byte length.
        int at = hello.encode().length;
        for (Extension e : hello.extensions()) at -= 4 + e.data().length;
        for (Extension e : hello.extensions()) {
            int dataAt = at + 4;
            at = dataAt + e.data().length;
            Reader r = Reader.of("ClientHello." + Extension.nameOf(e.type()).split(" ")[0], e.data(), dataAt);
            switch (e.type()) {
                case Extension.SERVER_NAME -> name = serverName(r);
                case Extension.SUPPORTED_GROUPS -> groups = codes(r, "named_group_list");
                case Extension.SIGNATURE_ALGORITHMS -> schemes = codes(r, "supported_signature_algorithms");
                case Extension.EC_POINT_FORMATS -> formats = pointFormats(r);
                case Extension.RENEGOTIATION_INFO -> reneg = renegotiationInfo(r);
                case Extension.EXTENDED_MASTER_SECRET -> ems = true;   // expectEnd() below: its body is empty
                case Extension.ENCRYPT_THEN_MAC -> etm = true;
                default -> {
                    continue;   // not ours to read
                }
            }
            r.expectEnd();
        }
        return new HelloExtensions(name, groups, formats, schemes, reneg, ems, etm);
    }

    /** One host_name at most, of printable ASCII; entries of unknown name types are skipped (RFC 6066 §3). */
    private static String serverName(Reader r) throws DecodeException {
        Reader list = r.vector16("server_name_list", 1, 0xffff);
        String host = null;
        while (list.hasRemaining()) {
            int type = list.u8("name_type");
            byte[] name = list.opaque16("name", 1, 0xffff);
            if (type != 0) continue;
            if (host != null) {
                throw list.error(AlertDescription.ILLEGAL_PARAMETER, "name", "a second host_name: the list may hold one of each type");
            }
            for (byte b : name) {
                if (b < 0x21 || b > 0x7e) {
                    throw list.error(AlertDescription.ILLEGAL_PARAMETER, "name",
                            String.format("byte 0x%02X is not allowed in a host name", b & 0xff));
                }
            }
            host = new String(name, StandardCharsets.US_ASCII);
        }
        return host;
    }

    /** A list of 16-bit codes: at least one, and a whole number of them. */
    private static List<Integer> codes(Reader r, String field) throws DecodeException {
        Reader list = r.vector16(field, 2, 0xfffe);
        if (list.remaining() % 2 != 0) {
            throw list.error(AlertDescription.DECODE_ERROR, "length", "odd length for a list of 2-byte codes");
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) out.add(list.u16("[" + out.size() + "]"));
        return out;
    }

    private static byte[] pointFormats(Reader r) throws DecodeException {
        byte[] formats = r.opaque8("ec_point_format_list", 1, 255);
        for (byte f : formats) {
            if (f == 0) return formats;
        }
        throw r.error(AlertDescription.ILLEGAL_PARAMETER, "ec_point_format_list", "uncompressed (0) is missing: every peer must accept it");
    }

    /** On a first handshake the extension must be empty (RFC 5746 §3.6). */
    private static boolean renegotiationInfo(Reader r) throws DecodeException {
        byte[] previous = r.opaque8("renegotiated_connection", 0, 255);
        if (previous.length != 0) {
            throw r.error(AlertDescription.HANDSHAKE_FAILURE, "renegotiated_connection",
                    "must be empty on a first handshake (RFC 5746 §3.6)");
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloExtensions h && Objects.equals(serverName, h.serverName) && Objects.equals(groups, h.groups)
                && Arrays.equals(pointFormats, h.pointFormats) && Objects.equals(signatureSchemes, h.signatureSchemes)
                && secureRenegotiation == h.secureRenegotiation && extendedMasterSecret == h.extendedMasterSecret
                && encryptThenMac == h.encryptThenMac;
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverName, groups, Arrays.hashCode(pointFormats), signatureSchemes, secureRenegotiation,
                extendedMasterSecret, encryptThenMac);
    }

    @Override
    public String toString() {
        return "HelloExtensions{server_name=" + serverName + ", groups=" + groups + ", point_formats="
                + (pointFormats == null ? null : Hex.of(pointFormats)) + ", signature_schemes=" + signatureSchemes
                + ", secure_renegotiation=" + secureRenegotiation + ", extended_master_secret=" + extendedMasterSecret
                + ", encrypt_then_mac=" + encryptThenMac + "}";
    }
}
