package tlslab.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;

/**
 * The TLS 1.3 extensions of one message as typed values, each decoded completely. A value is null
 * (or false) when its extension is absent. Which values a message can have follows RFC 8446 §4.2:
 * a ClientHello has supportedVersions and clientShares, a ServerHello selectedVersion and
 * serverShare, a HelloRetryRequest selectedVersion, selectedGroup and cookie, and so on.
 *
 * <p>The 1.3 decoder ({@link Handshake#decode13}) reads these bodies in place, so that explain
 * shows their fields and malformed ones fail decoding; {@link #of} reads them again from a
 * message's extension list for the engine and for tests.
 */
public final class Tls13Extensions {
    private List<Integer> supportedVersions;
    private Integer selectedVersion;
    private List<KeyShareEntry> clientShares;
    private KeyShareEntry serverShare;
    private Integer selectedGroup;
    private List<Integer> pskKeyExchangeModes;
    private OfferedPsks offeredPsks;
    private Integer selectedIdentity;
    private byte[] cookie;
    private boolean earlyData;
    private Long maxEarlyDataSize;
    private List<Integer> signatureAlgorithms;
    private List<Integer> signatureAlgorithmsCert;
    private List<Integer> supportedGroups;
    private Integer recordSizeLimit;

    private Tls13Extensions() {
    }

    public static Tls13Extensions of(ClientHello hello) throws DecodeException {
        return of(hello.extensions(), ExtensionContext.CLIENT_HELLO);
    }

    /** A ServerHello's, or a HelloRetryRequest's: the random says which. */
    public static Tls13Extensions of(ServerHello hello) throws DecodeException {
        return of(hello.extensions(), hello.isHelloRetryRequest() ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO);
    }

    /** Decodes the extensions this class knows; error offsets count from each extension's data. */
    public static Tls13Extensions of(List<Extension> extensions, ExtensionContext where) throws DecodeException {
        Tls13Extensions x = new Tls13Extensions();
        for (Extension e : extensions) {
            if (!isTyped(e.type())) continue;
            Reader r = Reader.of(where.messageName + "." + Extension.shortName(e.type()), e.data());
            x.read(r, e.type(), where);
            r.expectEnd();
        }
        return x;
    }

    /** The extensions whose bodies this class decodes; others stay opaque. */
    static boolean isTyped(int type) {
        return switch (type) {
            case Extension.SUPPORTED_GROUPS, Extension.SIGNATURE_ALGORITHMS, Extension.PRE_SHARED_KEY, Extension.EARLY_DATA,
                    Extension.SUPPORTED_VERSIONS, Extension.COOKIE, Extension.PSK_KEY_EXCHANGE_MODES,
                    Extension.SIGNATURE_ALGORITHMS_CERT, Extension.KEY_SHARE, Extension.RECORD_SIZE_LIMIT -> true;
            default -> false;
        };
    }

    /** Reads one body, by its type and the message it is in (§4.2 allows each only where it has a meaning). */
    private void read(Reader r, int type, ExtensionContext where) throws DecodeException {
        boolean ch = where == ExtensionContext.CLIENT_HELLO;
        switch (type) {
            case Extension.SUPPORTED_VERSIONS -> {
                if (ch) supportedVersions = SupportedVersions.readVersions(r);
                else selectedVersion = SupportedVersions.readSelectedVersion(r);
            }
            case Extension.KEY_SHARE -> {
                switch (where) {
                    case CLIENT_HELLO -> clientShares = KeyShare.readClientShares(r);
                    case SERVER_HELLO -> serverShare = KeyShare.readServerShare(r);
                    default -> selectedGroup = KeyShare.readSelectedGroup(r);
                }
            }
            case Extension.PRE_SHARED_KEY -> {
                if (ch) offeredPsks = OfferedPsks.read(r);
                else selectedIdentity = PreSharedKey.readSelectedIdentity(r);
            }
            case Extension.PSK_KEY_EXCHANGE_MODES -> pskKeyExchangeModes = PskKeyExchangeModes.read(r);
            case Extension.COOKIE -> cookie = Cookie.read(r);
            case Extension.EARLY_DATA -> {
                earlyData = true;
                if (where == ExtensionContext.NEW_SESSION_TICKET) maxEarlyDataSize = EarlyData.readMaxEarlyDataSize(r);
            }
            case Extension.SIGNATURE_ALGORITHMS -> signatureAlgorithms = codes(r, "supported_signature_algorithms", SignatureScheme::nameOf);
            case Extension.SIGNATURE_ALGORITHMS_CERT -> signatureAlgorithmsCert = codes(r, "supported_signature_algorithms", SignatureScheme::nameOf);
            case Extension.SUPPORTED_GROUPS -> supportedGroups = codes(r, "named_group_list", NamedGroup::nameOf);
            case Extension.RECORD_SIZE_LIMIT -> {
                recordSizeLimit = r.u16("record_size_limit");
                if (recordSizeLimit < 64) {   // RFC 8449 §4: smaller limits only make records easier to count and slower
                    throw r.error(AlertDescription.ILLEGAL_PARAMETER, "record_size_limit", "is " + recordSizeLimit + ", below the least allowed, 64 (RFC 8449 §4)");
                }
            }
            default -> throw new IllegalArgumentException("not a typed extension: " + type);
        }
    }

    /** A list of 2-byte codes, {@code <2..2^16-2>}: at least one, and a whole number of them. */
    private static List<Integer> codes(Reader r, String field, IntFunction<String> name) throws DecodeException {
        Reader list = r.vector16(field, 2, 0xfffe);
        if (list.remaining() % 2 != 0) {
            throw list.error(AlertDescription.DECODE_ERROR, "length", "odd length for a list of 2-byte codes");
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.u16("[" + out.size() + "]"));
            list.note(name.apply(out.get(out.size() - 1)));
        }
        return out;
    }

    /**
     * {@code Extension extensions<min..2^16-1>} of a TLS 1.3 message (a CertificateEntry's too). Each
     * extension appears once and only where §4.2 allows it (else illegal_parameter), and the bodies
     * this class knows are read field by field. In a ClientHello pre_shared_key must come last
     * (§4.2.11: illegal_parameter otherwise).
     */
    static List<Extension> readList(Reader r, String field, ExtensionContext where, int min, int max) throws DecodeException {
        Reader list = r.vector16(field, min, max);
        List<Extension> out = new ArrayList<>();
        Tls13Extensions scratch = new Tls13Extensions();
        while (list.hasRemaining()) {
            String at = "[" + out.size() + "]";
            int type = list.u16(at + ".extension_type");
            list.note(Extension.nameOf(type));
            for (Extension seen : out) {
                if (seen.type() == type) {
                    throw list.error(AlertDescription.ILLEGAL_PARAMETER, at, "extension " + Extension.nameOf(type) + " appears twice");
                }
            }
            if (!where.allows(type)) {
                throw list.error(AlertDescription.ILLEGAL_PARAMETER, at + ".extension_type", Extension.shortName(type)
                        + " may not appear in " + where.messageName + " (RFC 8446 §4.2)");
            }
            byte[] data;
            if (isTyped(type)) {
                int start = list.offset() + 2;   // after the 2-byte length
                Reader body = list.vector16(at + "." + Extension.shortName(type), 0, 0xffff);
                scratch.read(body, type, where);
                body.expectEnd();
                data = list.since(start);
            } else {
                data = list.opaque16(at + ".extension_data", 0, 0xffff);
            }
            out.add(new Extension(type, data));
            if (type == Extension.PRE_SHARED_KEY && where == ExtensionContext.CLIENT_HELLO && list.hasRemaining()) {
                throw list.error(AlertDescription.ILLEGAL_PARAMETER, at, "pre_shared_key must be the last extension (RFC 8446 §4.2.11)");
            }
        }
        return out;
    }

    public List<Integer> supportedVersions() { return supportedVersions; }
    public Integer selectedVersion() { return selectedVersion; }
    public List<KeyShareEntry> clientShares() { return clientShares; }
    public KeyShareEntry serverShare() { return serverShare; }
    public Integer selectedGroup() { return selectedGroup; }
    public List<Integer> pskKeyExchangeModes() { return pskKeyExchangeModes; }
    public OfferedPsks offeredPsks() { return offeredPsks; }
    public Integer selectedIdentity() { return selectedIdentity; }
    public byte[] cookie() { return cookie == null ? null : cookie.clone(); }
    /** early_data is present (any form). */
    public boolean earlyData() { return earlyData; }
    /** NewSessionTicket's early_data value, or null. */
    public Long maxEarlyDataSize() { return maxEarlyDataSize; }
    public List<Integer> signatureAlgorithms() { return signatureAlgorithms; }
    public List<Integer> signatureAlgorithmsCert() { return signatureAlgorithmsCert; }
    public List<Integer> supportedGroups() { return supportedGroups; }
    /** The peer's record_size_limit, or null if it sent none. */
    public Integer recordSizeLimit() { return recordSizeLimit; }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Tls13Extensions{");
        add(s, "supported_versions", supportedVersions);
        add(s, "selected_version", selectedVersion == null ? null : String.format("0x%04X", selectedVersion));
        add(s, "client_shares", clientShares);
        add(s, "server_share", serverShare);
        add(s, "selected_group", selectedGroup == null ? null : NamedGroup.nameOf(selectedGroup));
        add(s, "psk_key_exchange_modes", pskKeyExchangeModes);
        add(s, "offered_psks", offeredPsks);
        add(s, "selected_identity", selectedIdentity);
        add(s, "cookie", cookie == null ? null : Hex.abbreviate(cookie, 8));
        add(s, "early_data", earlyData ? (maxEarlyDataSize == null ? "yes" : "max " + maxEarlyDataSize) : null);
        add(s, "signature_algorithms", signatureAlgorithms);
        add(s, "signature_algorithms_cert", signatureAlgorithmsCert);
        add(s, "supported_groups", supportedGroups);
        return s.append("}").toString();
    }

    private static void add(StringBuilder s, String name, Object value) {
        if (value == null) return;
        if (s.charAt(s.length() - 1) != '{') s.append(", ");
        s.append(name).append('=').append(value);
    }
}
