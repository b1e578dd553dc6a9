package tlslab.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;

import tlslab.alert.AbruptCloseException;
import tlslab.alert.AlertDescription;
import tlslab.alert.AlertLevel;
import tlslab.alert.AlertReceivedException;
import tlslab.alert.TlsException;
import tlslab.engine.Alerts.PeerClosed;
import tlslab.handshake.KeyUpdate;
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordLayer;
import tlslab.transcript.Transcript;
import tlslab.transport.Transport;
import tlslab.wire.ProtocolVersion;

/**
 * One TLS 1.2 or 1.3 connection over a {@link Transport}: run {@link #handshake()}, then {@link #write}
 * and {@link #read} application data, then {@link #close()}. Any error sends the alert the RFC asks
 * for and closes the transport. Not thread-safe except that one thread may read while another writes.
 */
public final class Connection implements Closeable {
    private final boolean client;
    final TlsConfig config;
    private final Transport transport;
    final RecordLayer records;
    private final Transcript transcript;
    final HandshakeIO io;
    private final Alerts alerts;
    private final Object writeLock = new Object();
    private Session session;
    private Secrets secrets;
    private Tls13Secrets tls13Secrets;
    private List<X509Certificate> peerCertificates = List.of();
    private Tls13PostHandshake afterTls13;
    private boolean resumed;
    private boolean handshakeDone;
    private boolean closed;
    private boolean peerClosed;

    private Connection(boolean client, Transport transport, TlsConfig config) throws IOException {
        this.client = client;
        this.config = config;
        this.transport = transport;
        this.records = new RecordLayer(transport.input(), transport.output());
        this.transcript = new Transcript(client, config.clock);
        config.observers.forEach(transcript::onEntry);
        records.setListener(transcript::record);
        this.io = new HandshakeIO(this, records, transcript);
        this.alerts = new Alerts(records, transcript, io, writeLock);
    }

    public static Connection client(Transport transport, TlsConfig config) throws IOException {
        return new Connection(true, transport, config);
    }

    public static Connection server(Transport transport, TlsConfig config) throws IOException {
        return new Connection(false, transport, config);
    }

    /** Runs the full or resumed handshake (once; later calls return at once). */
    public Connection handshake() throws IOException {
        if (handshakeDone) return this;
        if (closed) throw new IOException("connection is closed");
        guard(() -> {
            if (client) new ClientHandshake(this).run();
            else new ServerHandshake(this).run();
        });
        handshakeDone = true;
        return this;
    }

    /** Sends application data (after the handshake, which it runs if needed). */
    public void write(byte[] data) throws IOException {
        handshake();
        synchronized (writeLock) {
            guard(() -> {
                records.write(ContentType.APPLICATION_DATA, data);
                transcript.other(true, "ApplicationData", data, true);
            });
        }
    }

    /** The next chunk of application data, or null once the peer has closed. */
    public byte[] read() throws IOException {
        handshake();
        byte[][] out = new byte[1][];
        guard(() -> out[0] = readApplicationData());
        return out[0];
    }

    /** Sends close_notify and closes the transport. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        try {
            if (handshakeDone) alerts.send(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
        } catch (IOException ignored) {
            // the peer may already be gone; closing is all that is left
        } finally {
            closed = true;
            transport.close();
        }
    }

    public InputStream inputStream() {
        return ConnectionStreams.input(this);
    }

    public OutputStream outputStream() {
        return ConnectionStreams.output(this);
    }

    public Transcript transcript() {
        return transcript;
    }

    /** The session (for resumption), once the handshake is done. */
    public Session session() {
        return session;
    }

    public Secrets secrets() {
        return secrets;
    }

    public boolean resumed() {
        return resumed;
    }

    /**
     * The secrets of a TLS 1.3 handshake (null after TLS 1.2, where {@link #secrets()} has them); after a
     * KeyUpdate, the application traffic secrets are the ones in use now.
     */
    public Tls13Secrets tls13Secrets() {
        return afterTls13 != null ? afterTls13.current() : tls13Secrets;
    }

    /**
     * {@code length} bytes of keying material for another protocol, the same at both ends for the same
     * label and context (RFC 5705, RFC 8446 §7.5); {@code context} may be null (none).
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws IOException {
        handshake();
        return tls13Secrets != null ? KeyingMaterialExporter.tls13(tls13Secrets, label, context, length)
                : KeyingMaterialExporter.tls12(secrets, label, context, length);
    }

    /** ProtocolVersion.TLS12 or TLS13, once the handshake is done. */
    public int version() {
        return tls13Secrets != null ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12;
    }

    /** The IANA name of the cipher suite in use, for either version. */
    public String cipherSuiteName() {
        return tls13Secrets != null ? tls13Secrets.cipherSuite().name() : session.cipherSuite().name();
    }

    /** The peer's certificate chain, peer's own first (empty if it sent none). */
    public List<X509Certificate> peerCertificates() {
        return session != null ? session.peerCertificates() : peerCertificates;
    }

    /** TLS 1.3: the last ticket the server sent (after a read), to resume with {@code TlsConfig.resume(ticket)}; else null. */
    public Tls13Ticket tls13Ticket() {
        return afterTls13 == null ? null : afterTls13.ticket();
    }

    /** TLS 1.3: sends KeyUpdate and moves our writes to new keys; {@code requestPeer} asks the peer to do the same. */
    public void keyUpdate(boolean requestPeer) throws IOException {
        handshake();
        if (afterTls13 == null) throw new IllegalStateException("KeyUpdate exists only in TLS 1.3; this connection is TLS 1.2");
        synchronized (writeLock) {
            guard(() -> afterTls13.send(requestPeer ? KeyUpdate.UPDATE_REQUESTED : KeyUpdate.UPDATE_NOT_REQUESTED));
        }
    }

    public boolean isClient() {
        return client;
    }

    // ---- used by ClientHandshake and ServerHandshake ----

    void finishHandshake13(Tls13Secrets sec, List<X509Certificate> peer, boolean wasResumed) {
        this.tls13Secrets = sec;
        this.resumed = wasResumed;
        this.peerCertificates = List.copyOf(peer);
        this.afterTls13 = new Tls13PostHandshake(records, transcript, sec, client, peer, config.clock, config.hkdfExpandLabel);
    }

    void finishHandshake(Session s, Secrets sec, boolean wasResumed) {
        this.session = s;
        this.secrets = sec;
        this.resumed = wasResumed;
        if (config.keyLog != null) config.keyLog.log(sec.clientRandom(), sec.masterSecret());
    }

    // ---- internals ----

    private interface Step {
        void run() throws IOException;
    }

    /** Runs a step; on failure sends the fitting alert, closes, and rethrows as the library's exception. */
    private void guard(Step step) throws IOException {
        try {
            step.run();
        } catch (AlertReceivedException | PeerClosed e) {
            closed = true;
            transport.close();
            throw e;
        } catch (TlsException e) {
            fail(e.alert());
            throw e;
        } catch (IOException e) {
            AlertReceivedException why = alerts.waitingAfterHangUp();
            closed = true;
            transport.close();
            if (why != null) throw why;
            throw e;
        } catch (TlsConfig.PluggedInFailure e) {
            fail(AlertDescription.INTERNAL_ERROR);
            throw new TlsException(AlertDescription.INTERNAL_ERROR, e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            fail(AlertDescription.INTERNAL_ERROR);
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "internal error in tlslab (a bug; please report): " + e, e);
        }
    }

    private void fail(AlertDescription alert) throws IOException {
        if (closed) return;
        try {
            alerts.send(AlertLevel.FATAL, alert);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the connection is failing anyway
        }
        closed = true;
        transport.close();
    }

    /** The next record that is not a warning alert. */
    Record nextRecord() throws IOException {
        while (true) {
            Record r = records.read();
            if (r == null) {   // not an alert of ours to send: the peer is gone, and the data may be cut short
                throw new AbruptCloseException("the peer closed the connection without a close_notify alert"
                        + (handshakeDone ? " (what it sent may be cut short)" : " during the handshake"));
            }
            if (r.type() != ContentType.ALERT) {
                alerts.otherRecord();
                return r;
            }
            try {
                alerts.received(r.plaintext());
            } catch (PeerClosed e) {
                peerClosed = true;
                throw e;
            }
        }
    }

    private byte[] readApplicationData() throws IOException {
        if (peerClosed) return null;
        while (true) {
            Record r;
            try {
                r = nextRecord();
            } catch (PeerClosed e) {
                close();
                return null;
            }
            switch (r.type()) {
                case APPLICATION_DATA -> {
                    if (afterTls13 != null) afterTls13.checkNoMessageCut();
                    transcript.other(false, "ApplicationData", r.plaintext(), true);
                    if (r.plaintext().length > 0) return r.plaintext();
                }
                case HANDSHAKE -> {
                    if (afterTls13 != null) afterTls13.received(r.plaintext());
                    else alerts.refuseRenegotiation(r.plaintext(), client);
                }
                default -> throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                        "unexpected " + r.type().rfcName() + " record after the handshake");
            }
        }
    }
}
