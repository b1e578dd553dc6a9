package tlslab.alert;

/** The peer sent a fatal alert (or close_notify where data was still expected). */
public final class AlertReceivedException extends TlsException {
    private final int code;

    public AlertReceivedException(int code, AlertDescription known) {
        super(known == null ? AlertDescription.CLOSE_NOTIFY : known,
                "peer sent fatal alert " + (known == null ? "code " + code : known.rfcName() + " (" + code + ")"));
        this.code = code;
    }

    public int code() {
        return code;
    }
}
