package tlslab.handshake;

import tlslab.wire.Writer;

/** HelloRequest (RFC 5246 §7.4.1.1): a server asking for renegotiation, which this library declines. */
public record HelloRequest() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void writeBody(Writer w) {
    }
}
