package tlslab.alert;

import java.io.EOFException;

/**
 * The peer closed the connection without close_notify. Not an alert: none arrived and none is sent
 * back (the peer is gone). After the handshake it means the data may have been cut short, which is
 * what close_notify exists to rule out (RFC 5246 §7.2.1).
 */
public final class AbruptCloseException extends EOFException {
    public AbruptCloseException(String message) {
        super(message);
    }
}
