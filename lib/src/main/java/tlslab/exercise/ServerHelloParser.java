package tlslab.exercise;

/**
 * Exercise 4: read the fields of a ServerHello handshake message (RFC 5246 §7.4.1.3). Each method
 * gets the whole message, 4-byte header included, and throws IllegalArgumentException if it is not a
 * well-formed ServerHello: wrong type, a length that does not match, a field cut short, a session_id
 * longer than 32 bytes, or bytes left over.
 */
public interface ServerHelloParser {

    int serverVersion(byte[] message);

    byte[] random(byte[] message);

    byte[] sessionId(byte[] message);

    int cipherSuite(byte[] message);

    int compressionMethod(byte[] message);

    /** The extension types in the order they appear; empty if there is no extensions block. */
    int[] extensionTypes(byte[] message);
}
