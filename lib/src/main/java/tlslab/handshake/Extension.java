package tlslab.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * An extension: type and opaque data (RFC 5246 §7.4.1.4, RFC 8446 §4.2). In TLS 1.2 they ride only
 * in the hellos; TLS 1.3 also puts them in EncryptedExtensions, each CertificateEntry,
 * CertificateRequest and NewSessionTicket. The TLS 1.3 ones this library reads have a class each
 * (SupportedVersions, KeyShare, PreSharedKey, ...) and are gathered by {@link Tls13Extensions}.
 */
public record Extension(int type, byte[] data) {
    public static final int SERVER_NAME = 0;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int RECORD_SIZE_LIMIT = 28;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xff01;
    /** The cipher-suite-list signal a client may send instead of an empty renegotiation_info (RFC 5746 §3.3). */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;

    public static String nameOf(int type) {
        return switch (type) {
            case SERVER_NAME -> "server_name";
            case 1 -> "max_fragment_length";
            case 5 -> "status_request";
            case SUPPORTED_GROUPS -> "supported_groups";
            case EC_POINT_FORMATS -> "ec_point_formats";
            case SIGNATURE_ALGORITHMS -> "signature_algorithms";
            case 14 -> "use_srtp";
            case 15 -> "heartbeat";
            case 16 -> "application_layer_protocol_negotiation";
            case 18 -> "signed_certificate_timestamp";
            case 19 -> "client_certificate_type";
            case 20 -> "server_certificate_type";
            case 21 -> "padding";
            case ENCRYPT_THEN_MAC -> "encrypt_then_mac (RFC 7366)";
            case EXTENDED_MASTER_SECRET -> "extended_master_secret (RFC 7627)";
            case RECORD_SIZE_LIMIT -> "record_size_limit (RFC 8449)";
            case 35 -> "session_ticket (not implemented: ignored)";
            case PRE_SHARED_KEY -> "pre_shared_key (TLS 1.3)";
            case EARLY_DATA -> "early_data (TLS 1.3)";
            case SUPPORTED_VERSIONS -> "supported_versions (TLS 1.3)";
            case COOKIE -> "cookie (TLS 1.3)";
            case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes (TLS 1.3)";
            case 47 -> "certificate_authorities (TLS 1.3)";
            case 48 -> "oid_filters (TLS 1.3)";
            case 49 -> "post_handshake_auth (TLS 1.3)";
            case SIGNATURE_ALGORITHMS_CERT -> "signature_algorithms_cert (TLS 1.3)";
            case KEY_SHARE -> "key_share (TLS 1.3)";
            case RENEGOTIATION_INFO -> "renegotiation_info (RFC 5746)";
            default -> String.format("extension 0x%04X", type);
        };
    }

    /** SNI with one host_name entry (RFC 6066 §3). */
    public static Extension serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        return new Extension(SERVER_NAME, new Writer().vector16(w -> w.u8(0).opaque16(name)).toByteArray());
    }

    public static Extension supportedGroups(List<NamedGroup> groups) {
        return new Extension(SUPPORTED_GROUPS, new Writer().vector16(w -> groups.forEach(g -> w.u16(g.id))).toByteArray());
    }

    /** Only "uncompressed" (0), the one format RFC 8422 still allows. */
    public static Extension ecPointFormats() {
        return new Extension(EC_POINT_FORMATS, new byte[] {1, 0});
    }

    public static Extension signatureAlgorithms(List<Integer> schemes) {
        return new Extension(SIGNATURE_ALGORITHMS, new Writer().vector16(w -> schemes.forEach(w::u16)).toByteArray());
    }

    /**
     * An empty renegotiation_info (RFC 5746): on a first handshake it says "I know about the
     * renegotiation attack". OpenSSL 3 and curl refuse servers that don't send it. This library
     * never renegotiates, so the empty form is all it ever needs.
     */
    public static Extension renegotiationInfo() {
        return new Extension(RENEGOTIATION_INFO, new byte[] {0});
    }

    /**
     * record_size_limit (RFC 8449): the most plaintext this side takes in one protected record, in TLS 1.3
     * counting the inner content type and padding, so 2^14 + 1 means "full-size records".
     */
    public static Extension recordSizeLimit(int limit) {
        return new Extension(RECORD_SIZE_LIMIT, new Writer().u16(limit).toByteArray());
    }

    /** An extension whose presence is the whole message: encrypt_then_mac, extended_master_secret. */
    public static Extension empty(int type) {
        return new Extension(type, new byte[0]);
    }

    /** Finds an extension by type, or null. */
    public static Extension find(List<Extension> extensions, int type) {
        for (Extension e : extensions) {
            if (e.type == type) return e;
        }
        return null;
    }

    /** "key_share" for "key_share (TLS 1.3)": the RFC's name alone, for field names. */
    public static String shortName(int type) {
        return nameOf(type).split(" ")[0];
    }

    /** A hello's extensions: an empty list writes no block at all (RFC 5246 §7.4.1.2). */
    static void writeAll(Writer w, List<Extension> extensions) {
        if (extensions.isEmpty()) return;
        writeList(w, extensions);
    }

    /** {@code Extension extensions<..>}: the length is written even for an empty list (TLS 1.3 messages). */
    static void writeList(Writer w, List<Extension> extensions) {
        w.vector16(v -> extensions.forEach(e -> v.u16(e.type).opaque16(e.data)));
    }

    static List<Extension> readAll(Reader r) throws DecodeException {
        List<Extension> out = new ArrayList<>();
        if (!r.hasRemaining()) return out;
        Reader list = r.vector16("extensions", 0, 0xffff);
        while (list.hasRemaining()) {
            String at = "[" + out.size() + "]";
            int type = list.u16(at + ".extension_type");
            list.note(nameOf(type));
            for (Extension seen : out) {
                if (seen.type == type) {
                    throw list.error(AlertDescription.ILLEGAL_PARAMETER, at, "extension " + nameOf(type) + " appears twice");
                }
            }
            Extension e = new Extension(type, list.opaque16(at + ".extension_data", 0, 0xffff));
            String meaning = meaning(e);
            if (meaning != null) list.note(meaning);
            out.add(e);
        }
        return out;
    }

    /**
     * The extension's data in words, for field tables: the names behind the codes of the extensions a
     * reader meets in the course. Null for others, and for a body that does not decode (its own
     * decoder reports that, with the RFC's alert).
     */
    static String meaning(Extension e) {
        try {
            Reader r = Reader.of("extension_data", e.data);
            return switch (e.type) {
                case SERVER_NAME -> {
                    Reader names = r.vector16("server_name_list", 1, 0xffff);
                    names.u8("name_type");
                    yield "host_name " + new String(names.opaque16("host_name", 1, 0xffff), StandardCharsets.US_ASCII);
                }
                case SUPPORTED_GROUPS -> codes(r, NamedGroup::nameOf);
                case SIGNATURE_ALGORITHMS -> codes(r, SignatureScheme::nameOf);
                case EC_POINT_FORMATS -> r.opaque8("ec_point_format_list", 1, 255)[0] == 0 ? "uncompressed" : null;
                case RENEGOTIATION_INFO -> r.opaque8("renegotiated_connection", 0, 255).length == 0 ? "empty: a first handshake" : null;
                case EXTENDED_MASTER_SECRET, ENCRYPT_THEN_MAC -> e.data.length == 0 ? "empty: its presence is the message" : null;
                default -> null;
            };
        } catch (DecodeException | RuntimeException bad) {
            return null;
        }
    }

    private static String codes(Reader r, IntFunction<String> name) throws DecodeException {
        Reader list = r.vector16("list", 2, 0xfffe);
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) names.add(name.apply(list.u16("code")));
        return String.join(", ", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && type == e.type && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return nameOf(type) + "=" + Hex.abbreviate(data, 16);
    }
}
