package tlslab.alert;

/** The first byte of an alert (RFC 5246 §7.2). */
public enum AlertLevel {
    WARNING(1), FATAL(2);

    public final int code;

    AlertLevel(int code) {
        this.code = code;
    }
}
