package tlslab.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.Hash;
import tlslab.crypto.tls13.TranscriptHash;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.record.RecordCipher;
import tlslab.record.RecordLayer;
import tlslab.transcript.Transcript;
import tlslab.wire.Hex;

/**
 * Handshake messages over records: sends them, reassembles received ones from as many records as
 * they span, keeps every message's bytes for Finished and CertificateVerify, and switches ciphers
 * at ChangeCipherSpec.
 */
final class HandshakeIO {
    private final Connection conn;
    private final RecordLayer records;
    private final Transcript transcript;
    private final ByteArrayOutputStream handshakeMessages = new ByteArrayOutputStream();
    /** The flight being gathered into shared records, or null when each message goes out at once. */
    private ByteArrayOutputStream flight;
    private byte[] pending = new byte[0];
    /** The negotiated key exchange, once known: only to show a ClientKeyExchange's fields in the transcript. */
    private KeyExchange keyExchange;
    /** After a TLS 1.3 ServerHello: messages use 1.3 layouts, and a clear ChangeCipherSpec is ignored (RFC 8446 §5). */
    private boolean tls13;

    HandshakeIO(Connection conn, RecordLayer records, Transcript transcript) {
        this.conn = conn;
        this.records = records;
        this.transcript = transcript;
    }

    /** All handshake messages sent and received so far, in order: the input to Finished and CertificateVerify. */
    byte[] handshakeMessages() {
        return handshakeMessages.toByteArray();
    }

    void send(HandshakeMessage m) throws IOException {
        byte[] bytes = m.encode();
        handshakeMessages.writeBytes(bytes);
        transcript.handshake(true, m, bytes, keyExchange, records.writeEncrypted(), tls13);
        if (flight != null) flight.writeBytes(bytes);
        else records.write(ContentType.HANDSHAKE, bytes);
    }

    /**
     * Messages sent from here to {@link #endFlight} go out together, in as few records as fit, as TLS 1.3
     * peers send their encrypted flights (RFC 8446 §5.1 lets handshake messages share records under one key).
     */
    void startFlight() {
        flight = new ByteArrayOutputStream();
    }

    void endFlight() throws IOException {
        byte[] bytes = flight.toByteArray();
        flight = null;
        if (bytes.length > 0) records.write(ContentType.HANDSHAKE, bytes);
    }

    /** The next handshake message, which must be of class {@code expected}. */
    <T extends HandshakeMessage> T expect(Class<T> expected) throws IOException {
        HandshakeMessage m = receive();
        if (!expected.isInstance(m)) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected " + rfcName(expected)
                    + " but the peer sent " + m.type().rfcName);
        }
        return expected.cast(m);
    }

    /** The next handshake message, reassembled from as many records as it spans. */
    HandshakeMessage receive() throws IOException {
        while (true) {
            if (pending.length >= Handshake.HEADER_LENGTH) {
                int len = ((pending[1] & 0xff) << 16) | ((pending[2] & 0xff) << 8) | (pending[3] & 0xff);
                if (len > Handshake.MAX_LENGTH) {
                    throw new TlsException(AlertDescription.DECODE_ERROR, Handshake.structureName(pending)
                            + ".length at byte 1: " + len + " bytes is more than this library accepts (" + Handshake.MAX_LENGTH + ")");
                }
                if (pending.length >= Handshake.HEADER_LENGTH + len) {
                    byte[] bytes = Arrays.copyOfRange(pending, 0, Handshake.HEADER_LENGTH + len);
                    pending = Arrays.copyOfRange(pending, bytes.length, pending.length);
                    HandshakeMessage m = tls13 ? Handshake.decode13(bytes) : Handshake.decode(bytes);
                    handshakeMessages.writeBytes(bytes);
                    transcript.handshake(false, m, bytes, keyExchange, records.readEncrypted(), tls13);
                    return m;
                }
            }
            Record r = conn.nextRecord();
            if (tls13 && isCompatibilityChangeCipherSpec(r)) {
                transcript.other(false, "ChangeCipherSpec (compatibility)", r.plaintext(), false);
                continue;
            }
            if (r.type() != ContentType.HANDSHAKE) {
                throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected a handshake message but got a "
                        + r.type().rfcName() + " record");
            }
            if (r.plaintext().length == 0) {
                throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "empty handshake record (RFC 5246 §6.2.1 forbids them)");
            }
            byte[] joined = Arrays.copyOf(pending, pending.length + r.plaintext().length);
            System.arraycopy(r.plaintext(), 0, joined, pending.length, r.plaintext().length);
            pending = joined;
        }
    }

    boolean tls13() {
        return tls13;
    }

    /**
     * After a HelloRetryRequest (RFC 8446 §4.4.1): the transcript's first message, ClientHello1, is
     * replaced by message_hash, a synthetic message holding only its hash.
     */
    void replaceClientHello1WithItsHash(Hash hash) {
        byte[] all = handshakeMessages.toByteArray();
        int length = Handshake.HEADER_LENGTH + (((all[1] & 0xff) << 16) | ((all[2] & 0xff) << 8) | (all[3] & 0xff));
        handshakeMessages.reset();
        handshakeMessages.writeBytes(TranscriptHash.messageHash(hash, Arrays.copyOf(all, length)));
        handshakeMessages.write(all, length, all.length - length);
    }

    /** A TLS 1.3 ServerHello is out: 1.3 message layouts from here on. */
    void negotiated13() {
        records.versionAgreed();
        tls13 = true;
    }

    /**
     * The ChangeCipherSpec of TLS 1.3's middlebox compatibility mode (RFC 8446 §D.4): sent in clear,
     * ignored by the peer, there only so that boxes which know TLS 1.2 let the connection through.
     */
    void sendCompatibilityChangeCipherSpec() throws IOException {
        records.write(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        transcript.other(true, "ChangeCipherSpec (compatibility)", new byte[] {1}, false);
    }

    private static boolean isCompatibilityChangeCipherSpec(Record r) {
        return r.type() == ContentType.CHANGE_CIPHER_SPEC && !r.encrypted() && r.plaintext().length == 1 && r.plaintext()[0] == 1;
    }

    /** ServerHello is out: the records' version is fixed from here on, and the suite is known. */
    void negotiated(CipherSuite suite) {
        records.versionAgreed();
        keyExchange = suite.keyExchange;
    }

    void sendChangeCipherSpec(RecordCipher cipher) throws IOException {
        records.write(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        transcript.other(true, "ChangeCipherSpec", new byte[] {1}, false);
        records.changeWriteCipher(cipher);
    }

    void receiveChangeCipherSpec(RecordCipher cipher) throws IOException {
        if (pending.length != 0) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "ChangeCipherSpec arrived in the middle of a handshake message");
        }
        Record r = conn.nextRecord();
        if (r.type() != ContentType.CHANGE_CIPHER_SPEC) {
            String got = r.type() == ContentType.HANDSHAKE ? Handshake.structureName(r.plaintext()) : r.type().rfcName();
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "expected ChangeCipherSpec but got " + got);
        }
        if (r.plaintext().length != 1 || r.plaintext()[0] != 1) {   // unexpected_message, as OpenSSL answers
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "ChangeCipherSpec.type at byte 0: must be the single byte 01,"
                    + " got " + r.plaintext().length + " bytes: " + Hex.of(r.plaintext()));
        }
        transcript.other(false, "ChangeCipherSpec", r.plaintext(), false);
        records.changeReadCipher(cipher);
    }

    /** Compares verify_data in constant time; a mismatch is decrypt_error (RFC 5246 §7.4.9). */
    static void checkFinished(byte[] expected, byte[] received, String from) throws TlsException {
        if (!MessageDigest.isEqual(expected, received)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "Finished from the " + from + " does not verify: verify_data "
                    + Hex.of(received) + " but this side computed " + Hex.of(expected)
                    + ". The two sides saw different handshake messages (one was altered on the way?) or derived different keys.");
        }
    }

    private static String rfcName(Class<?> c) {
        String n = c.getSimpleName();
        return n.equals("CertificateMessage") ? "Certificate" : n;
    }
}
