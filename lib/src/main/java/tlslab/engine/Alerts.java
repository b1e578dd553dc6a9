package tlslab.engine;

import java.io.IOException;

import tlslab.alert.AlertDescription;
import tlslab.alert.AlertLevel;
import tlslab.alert.AlertReceivedException;
import tlslab.alert.TlsException;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeType;
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordLayer;
import tlslab.transcript.Transcript;

/** The alert protocol of one connection (RFC 5246 §7.2, RFC 8446 §6): sending alerts, and what a received one means. */
final class Alerts {
    /** OpenSSL stops after 5 too: an endless run of warnings keeps a server busy for nothing (CVE-2016-8610). */
    static final int MAX_WARNINGS_IN_A_ROW = 4;

    private final RecordLayer records;
    private final Transcript transcript;
    private final HandshakeIO io;
    private final Object writeLock;
    private int warningsInARow;

    Alerts(RecordLayer records, Transcript transcript, HandshakeIO io, Object writeLock) {
        this.records = records;
        this.transcript = transcript;
        this.io = io;
        this.writeLock = writeLock;
    }

    void send(AlertLevel level, AlertDescription d) throws IOException {
        byte[] alert = {(byte) level.code, (byte) d.code};
        synchronized (writeLock) {
            records.write(ContentType.ALERT, alert);
        }
        transcript.other(true, "Alert(" + d.rfcName() + ")", alert, records.writeEncrypted());
    }

    /** A record that is not an alert came in: the run of warnings is over. */
    void otherRecord() {
        warningsInARow = 0;
    }

    /**
     * An alert came in. Returns for a warning that needs no action; throws {@link PeerClosed} for
     * close_notify, {@link AlertReceivedException} for a fatal alert, and unexpected_message after too
     * many warnings in a row.
     */
    void received(byte[] a) throws IOException {
        if (a.length != 2) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "Alert record of " + a.length + " bytes: an alert is exactly 2");
        }
        int level = a[0] & 0xff;
        AlertDescription d = AlertDescription.of(a[1] & 0xff);
        transcript.other(false, "Alert(" + (d == null ? String.valueOf(a[1] & 0xff) : d.rfcName()) + ")", a, records.readEncrypted());
        if (d == AlertDescription.CLOSE_NOTIFY) throw new PeerClosed();
        // TLS 1.3 has no warnings left but these two (RFC 8446 §6): any other alert ends the connection
        boolean fatal = level == AlertLevel.FATAL.code || d == null || (io.tls13() && d != AlertDescription.USER_CANCELED);
        if (fatal) throw new AlertReceivedException(a[1] & 0xff, d);
        if (++warningsInARow > MAX_WARNINGS_IN_A_ROW) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, warningsInARow + " warning alerts in a row: more than "
                    + MAX_WARNINGS_IN_A_ROW + " is a denial of service, not a conversation");
        }
    }

    /** close_notify from the peer while reading. */
    static final class PeerClosed extends TlsException {
        PeerClosed() {
            super(AlertDescription.CLOSE_NOTIFY, "the peer closed the connection (close_notify)");
        }
    }

    /**
     * When a write fails because the peer hung up, its reason is often an alert already waiting to
     * be read: report that instead of "broken pipe".
     */
    AlertReceivedException waitingAfterHangUp() {
        try {
            Record r = records.read();
            if (r != null && r.type() == ContentType.ALERT && r.plaintext().length == 2) {
                return new AlertReceivedException(r.plaintext()[1] & 0xff, AlertDescription.of(r.plaintext()[1] & 0xff));
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing readable: the original error stands
        }
        return null;
    }

    /** A HelloRequest or a new ClientHello after the handshake asks to renegotiate: we say no (RFC 5246 §7.2.2). */
    void refuseRenegotiation(byte[] message, boolean client) throws IOException {
        int type = message.length == 0 ? -1 : message[0] & 0xff;
        boolean asks = client ? type == HandshakeType.HELLO_REQUEST.code : type == HandshakeType.CLIENT_HELLO.code;
        if (!asks) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unexpected "
                    + Handshake.structureName(message) + " after the handshake");
        }
        send(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION);
    }
}
