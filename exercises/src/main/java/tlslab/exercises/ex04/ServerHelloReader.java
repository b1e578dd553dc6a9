package tlslab.exercises.ex04;

import tlslab.exercise.ServerHelloParser;

/**
 * Exercise 4 — read a ServerHello, refusing anything malformed with an IllegalArgumentException
 * (never an ArrayIndexOutOfBoundsException: a server must not crash on a bad message).
 *
 * <pre>
 * Handshake:   msg_type (1 byte: 2)  length (3 bytes)  body
 * ServerHello: server_version (2)  random (32)  session_id (1-byte length, at most 32, + bytes)
 *              cipher_suite (2)  compression_method (1)
 *              extensions (2-byte length + { type (2)  data (2-byte length + bytes) }*), optional
 * </pre>
 *
 * Tip: write one private method that checks the whole message and returns its fields, and let
 * every public method call it. {@link tlslab.wire.Reader} may help, but catch its exceptions.
 */
public class ServerHelloReader implements ServerHelloParser {

    @Override
    public int serverVersion(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.serverVersion");
    }

    @Override
    public byte[] random(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.random");
    }

    @Override
    public byte[] sessionId(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.sessionId");
    }

    @Override
    public int cipherSuite(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.cipherSuite");
    }

    @Override
    public int compressionMethod(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.compressionMethod");
    }

    @Override
    public int[] extensionTypes(byte[] message) {
        // TODO
        throw new UnsupportedOperationException("not written yet: ServerHelloReader.extensionTypes");
    }
}
