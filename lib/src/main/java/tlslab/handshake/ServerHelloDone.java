package tlslab.handshake;

import tlslab.wire.Writer;

/** ServerHelloDone (RFC 5246 §7.4.5): the server has said all it will say; the client's turn. */
public record ServerHelloDone() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void writeBody(Writer w) {
    }
}
