package tlslab.handshake;

import tlslab.wire.Writer;

/**
 * EndOfEarlyData (RFC 8446 §4.5): empty. The client sends it, still under the 0-RTT keys, when the
 * server accepted early data, to say the early data is over and the handshake keys take over.
 */
public record EndOfEarlyData() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void writeBody(Writer w) {
    }
}
