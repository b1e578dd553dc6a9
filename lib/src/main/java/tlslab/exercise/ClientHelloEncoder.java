package tlslab.exercise;

/** Exercise 3: write a ClientHello handshake message byte by byte (RFC 5246 §7.4.1.2). */
public interface ClientHelloEncoder {

    /**
     * The whole handshake message, 4-byte header included: compression_methods is the single null
     * method (0); if {@code serverName} is not null the message ends with an extensions block holding
     * one server_name extension (RFC 6066 §3, one host_name entry), otherwise with no extensions
     * block at all.
     */
    byte[] encode(int clientVersion, byte[] random, byte[] sessionId, int[] cipherSuites, String serverName);
}
