package tlslab.alert;

import java.io.IOException;

/**
 * Anything that ends a TLS connection: the message says what went wrong and where, and
 * {@link #alert()} is the alert RFC 5246 asks the endpoint to send for it.
 */
public class TlsException extends IOException {
    private final AlertDescription alert;

    public TlsException(AlertDescription alert, String message) {
        super(message);
        this.alert = alert;
    }

    public TlsException(AlertDescription alert, String message, Throwable cause) {
        super(message, cause);
        this.alert = alert;
    }

    public AlertDescription alert() {
        return alert;
    }

    @Override
    public String toString() {
        return "TLS error (" + alert.rfcName() + "): " + getMessage();
    }
}
