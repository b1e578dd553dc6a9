package tlslab.record;

/** The first byte of every record (RFC 5246 §6.2.1). */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    public final int code;
    private final String rfcName = name().toLowerCase();

    ContentType(int code) {
        this.code = code;
    }

    public static ContentType of(int code) {
        for (ContentType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }

    public String rfcName() {
        return rfcName;
    }
}
