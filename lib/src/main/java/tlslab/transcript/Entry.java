package tlslab.transcript;

import java.time.Instant;
import java.util.List;

import tlslab.crypto.KeyExchange;
import tlslab.handshake.Handshake;
import tlslab.handshake.HandshakeMessage;
import tlslab.wire.DecodeException;
import tlslab.wire.Field;

/**
 * One message of a run: which way it went, what it is, its bytes, the decoded message (for
 * handshake messages), whether it travelled encrypted, and when.
 */
public record Entry(Direction direction, String name, byte[] bytes, HandshakeMessage message,
                    KeyExchange keyExchange, boolean encrypted, Instant time, boolean tls13) {

    /** Field-by-field breakdown of a handshake message (empty for other entries). */
    public List<Field> fields() {
        if (message == null) return List.of();
        try {
            return tls13 ? Handshake.explain13(bytes) : Handshake.explain(bytes, keyExchange);
        } catch (DecodeException e) {
            throw new IllegalStateException("recorded message no longer decodes: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format("%-16s %-18s %5d bytes%s", direction.arrow, name, bytes.length, encrypted ? "  (encrypted)" : "");
    }
}
