package tlslab.engine;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.KeyUpdate;
import tlslab.handshake.NewSessionTicket;
import tlslab.record.ContentType;
import tlslab.record.RecordCipher;
import tlslab.record.RecordLayer;
import tlslab.transcript.Transcript;

/**
 * Handshake messages after a TLS 1.3 handshake (RFC 8446 §4.6): NewSessionTicket, which this
 * library notes and does not use yet, and KeyUpdate, which moves one direction to the next
 * application traffic secret (and, when asked, ours too).
 */
final class Tls13PostHandshake {
    private final RecordLayer records;
    private final Transcript transcript;
    private final Tls13Secrets secrets;
    private final boolean client;
    private final List<X509Certificate> peerCertificates;
    private final Clock clock;
    private final Hkdf.ExpandLabel expandLabel;
    private byte[] readSecret;
    private byte[] writeSecret;
    private volatile Tls13Ticket ticket;
    /** The start of a message whose rest is in later records. */
    private byte[] pending = new byte[0];
    /** The largest NewSessionTicket: a 2^16 - 1 byte ticket, nonce and extensions and the fixed fields. */
    private static final int MAX_MESSAGE = 4 + 4 + 256 + 0x10001 + 0x10001;

    Tls13PostHandshake(RecordLayer records, Transcript transcript, Tls13Secrets secrets, boolean client,
                       List<X509Certificate> peerCertificates, Clock clock, Hkdf.ExpandLabel expandLabel) {
        this.records = records;
        this.transcript = transcript;
        this.secrets = secrets;
        this.client = client;
        this.peerCertificates = peerCertificates;
        this.clock = clock;
        this.expandLabel = expandLabel;
        this.readSecret = client ? secrets.serverApplicationTrafficSecret() : secrets.clientApplicationTrafficSecret();
        this.writeSecret = client ? secrets.clientApplicationTrafficSecret() : secrets.serverApplicationTrafficSecret();
    }

    /**
     * One handshake record after the handshake: each message in it, in order. A message may run on
     * into the next handshake records (a peer with a small record_size_limit, a large ticket); the
     * part so far waits in {@code pending}.
     */
    void received(byte[] record) throws IOException {
        byte[] data = new byte[pending.length + record.length];
        System.arraycopy(pending, 0, data, 0, pending.length);
        System.arraycopy(record, 0, data, pending.length, record.length);
        int at = 0;
        while (data.length - at >= Handshake.HEADER_LENGTH) {
            int length = ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
            if (length > MAX_MESSAGE) {
                throw new TlsException(AlertDescription.DECODE_ERROR, "a post-handshake message announces " + length
                        + " bytes; NewSessionTicket and KeyUpdate need at most " + MAX_MESSAGE);
            }
            int end = at + Handshake.HEADER_LENGTH + length;
            if (end > data.length) break;
            byte[] bytes = java.util.Arrays.copyOfRange(data, at, end);
            HandshakeMessage m = Handshake.decode13(bytes);
            transcript.handshake(false, m, bytes, null, true, true);
            if (m instanceof KeyUpdate ku) keyUpdate(ku);
            else if (m instanceof NewSessionTicket nst && client) keep(nst);
            else {
                throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, m.type().rfcName + " after the handshake: a TLS 1.3 "
                        + (client ? "server" : "client") + " may only send " + (client ? "NewSessionTicket or KeyUpdate" : "KeyUpdate") + " then");
            }
            at = end;
        }
        pending = java.util.Arrays.copyOfRange(data, at, data.length);
    }

    /** RFC 8446 §5.1: the records of one handshake message come one after the other, with nothing between. */
    void checkNoMessageCut() throws TlsException {
        if (pending.length > 0) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "application data in the middle of a "
                    + Handshake.structureName(pending) + " split across records (RFC 8446 §5.1)");
        }
    }

    Tls13Ticket ticket() {
        return ticket;
    }

    /** The handshake's secrets with the application traffic secrets in use now (the _N after N KeyUpdates each way). */
    Tls13Secrets current() {
        Tls13Secrets s = secrets;
        byte[] clientNow = client ? writeSecret : readSecret;
        byte[] serverNow = client ? readSecret : writeSecret;
        return new Tls13Secrets(s.cipherSuite(), s.clientRandom(), s.serverRandom(), s.sharedSecret(), s.earlySecret(), s.handshakeSecret(),
                s.clientHandshakeTrafficSecret(), s.serverHandshakeTrafficSecret(), s.masterSecret(), clientNow, serverNow,
                s.exporterMasterSecret(), s.resumptionMasterSecret());
    }

    /** The ticket's PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce) (§4.6.1). */
    private void keep(NewSessionTicket nst) {
        byte[] psk = SecretSchedule.ticketPsk(expandLabel, secrets.cipherSuite().hash, secrets.resumptionMasterSecret(), nst.ticketNonce());
        ticket = new Tls13Ticket(secrets.cipherSuite(), nst.ticket(), psk, nst.ticketAgeAdd(), nst.ticketLifetime(), clock.instant(),
                peerCertificates);
    }

    /** The peer's writes move on to the next secret; if it asks, ours do too (after we say so under the old keys). */
    private void keyUpdate(KeyUpdate ku) throws IOException {
        readSecret = SecretSchedule.nextApplicationTrafficSecret(expandLabel, secrets.cipherSuite().hash, readSecret);
        records.changeReadCipher(RecordCipher.tls13(expandLabel, secrets.cipherSuite(), readSecret));
        if (ku.requestUpdate() == KeyUpdate.UPDATE_REQUESTED) send(KeyUpdate.UPDATE_NOT_REQUESTED);
    }

    /** Sends KeyUpdate and moves our writes to the next application traffic secret. */
    void send(int requestUpdate) throws IOException {
        KeyUpdate ku = new KeyUpdate(requestUpdate);
        byte[] bytes = ku.encode();
        records.write(ContentType.HANDSHAKE, bytes);
        transcript.handshake(true, ku, bytes, null, true, true);
        writeSecret = SecretSchedule.nextApplicationTrafficSecret(expandLabel, secrets.cipherSuite().hash, writeSecret);
        records.changeWriteCipher(RecordCipher.tls13(expandLabel, secrets.cipherSuite(), writeSecret));
    }
}
