package tlslab.handshake;

import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * message_hash (RFC 8446 §4.4.1): never sent. After a HelloRetryRequest the transcript starts with
 * this message in place of ClientHello1, its body Hash(ClientHello1), so that a stateless server
 * can keep the hash in its cookie instead of the whole hello.
 */
public record MessageHash(byte[] hash) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.MESSAGE_HASH;
    }

    @Override
    public void writeBody(Writer w) {
        w.bytes(hash);
    }

    static MessageHash read(Reader r) throws DecodeException {
        int n = r.remaining();
        if (n != 32 && n != 48) {
            throw r.error(AlertDescription.DECODE_ERROR, "hash", n + " bytes: Hash.length is 32 (SHA-256) or 48 (SHA-384)");
        }
        byte[] hash = r.bytes("hash", n);
        r.note("Hash(ClientHello1)");
        return new MessageHash(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageHash m && Arrays.equals(hash, m.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "message_hash{" + Hex.of(hash) + "}";
    }
}
