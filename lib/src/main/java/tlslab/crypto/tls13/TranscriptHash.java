package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import java.security.MessageDigest;

import tlslab.wire.Writer;

/**
 * Transcript-Hash(M1, M2, … Mn) = Hash(M1 ‖ M2 ‖ … ‖ Mn) (RFC 8446 §4.4.1): the hash of the handshake
 * messages so far, each with its 4-byte header (type, uint24 length) and without record headers. A
 * running hash, because each secret needs the hash at a different point of the same handshake.
 */
public final class TranscriptHash {
    /** HandshakeType message_hash (RFC 8446 §4): stands in for ClientHello1 after a HelloRetryRequest. */
    public static final int MESSAGE_HASH = 254;

    private final Hash hash;
    private final MessageDigest digest;

    public TranscriptHash(Hash hash) {
        this.hash = hash;
        this.digest = hash.newDigest();
    }

    /** The hash of {@code messages} concatenated; with none, the hash of the empty string. */
    public static byte[] of(Hash hash, byte[]... messages) {
        TranscriptHash t = new TranscriptHash(hash);
        for (byte[] m : messages) t.add(m);
        return t.current();
    }

    /** Adds one handshake message, header included. */
    public TranscriptHash add(byte[] handshakeMessage) {
        digest.update(handshakeMessage);
        return this;
    }

    /** The hash of everything added so far; more can be added afterwards. */
    public byte[] current() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(hash.jcaName + " digest cannot be cloned in this JDK", e);
        }
    }

    /**
     * The synthetic message that replaces ClientHello1 when the server answers with a
     * HelloRetryRequest (§4.4.1): message_hash (254) ‖ 00 00 ‖ Hash.length ‖ Hash(ClientHello1).
     * The server can then forget ClientHello1 and keep only its hash (in a cookie, say).
     */
    public static byte[] messageHash(Hash hash, byte[] clientHello1) {
        return new Writer().u8(MESSAGE_HASH).u24(hash.length()).bytes(hash.digest(clientHello1)).toByteArray();
    }
}
