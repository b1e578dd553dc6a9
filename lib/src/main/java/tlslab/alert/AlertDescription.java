package tlslab.alert;

/** Alert descriptions from RFC 5246 §7.2 and RFC 8446 §6, with their wire codes. */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    NO_RENEGOTIATION(100),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    CERTIFICATE_REQUIRED(116);

    public final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /** The description for a wire code, or null if this library does not know it. */
    public static AlertDescription of(int code) {
        for (AlertDescription d : values()) {
            if (d.code == code) return d;
        }
        return null;
    }

    /** RFC spelling, e.g. {@code bad_record_mac}. */
    public String rfcName() {
        return name().toLowerCase();
    }
}
