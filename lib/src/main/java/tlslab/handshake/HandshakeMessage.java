package tlslab.handshake;

import tlslab.wire.Writer;

/**
 * A handshake message: a 1-byte type, a 3-byte length, then the body each message class writes.
 * Decoding and explaining live in {@link Handshake}. Messages are values: two are equal when their
 * fields hold the same numbers and bytes, whichever arrays hold them.
 */
public interface HandshakeMessage {

    HandshakeType type();

    void writeBody(Writer w);

    /** The whole message, header included: the bytes that go into records and into the Finished hash. */
    default byte[] encode() {
        Writer w = new Writer().u8(type().code);
        w.vector24(this::writeBody);
        return w.toByteArray();
    }
}
