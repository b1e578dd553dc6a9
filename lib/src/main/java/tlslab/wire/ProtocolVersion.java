package tlslab.wire;

/** Protocol version numbers as they go on the wire (RFC 5246 §6.2.1, RFC 8446 §4.1.2), and their names. */
public final class ProtocolVersion {
    public static final int SSL30 = 0x0300;
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;

    private ProtocolVersion() {
    }

    /** "TLS 1.2", or the hex code for a number no version has. */
    public static String name(int version) {
        return switch (version) {
            case SSL30 -> "SSL 3.0";
            case TLS10 -> "TLS 1.0";
            case TLS11 -> "TLS 1.1";
            case TLS12 -> "TLS 1.2";
            case TLS13 -> "TLS 1.3";
            default -> String.format("0x%04X", version);
        };
    }

    /** "TLS 1.0 (0x0301)": the name and the code, for error messages. */
    public static String nameAndCode(int version) {
        String name = name(version);
        return name.startsWith("0x") ? name : String.format("%s (0x%04X)", name, version);
    }
}
