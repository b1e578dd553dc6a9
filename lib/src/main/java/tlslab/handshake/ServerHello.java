package tlslab.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.crypto.CipherSuite;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.ProtocolVersion;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * The server's choice (RFC 5246 §7.4.1.3): the version, its own 32 random bytes, the session ID
 * (the client's, when resuming), one cipher suite from the client's list, and compression null.
 *
 * <p>TLS 1.3 keeps the layout (RFC 8446 §4.1.3) but freezes the version at 0x0303 and echoes the
 * client's legacy_session_id; the real version is in supported_versions. A HelloRetryRequest is a
 * ServerHello whose random is SHA-256("HelloRetryRequest"): it asks the client to try again,
 * typically with a key share in another group.
 */
public record ServerHello(int serverVersion, byte[] random, byte[] sessionId, int cipherSuite,
                          int compressionMethod, List<Extension> extensions) implements HandshakeMessage {

    /** SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3), computed rather than pasted in. */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = sha256("HelloRetryRequest");

    /** The random that marks a HelloRetryRequest. */
    public static byte[] helloRetryRequestRandom() {
        return HELLO_RETRY_REQUEST_RANDOM.clone();
    }

    /** A TLS 1.3 HelloRetryRequest: legacy_version 0x0303, the special random, compression 0. */
    public static ServerHello helloRetryRequest(byte[] legacySessionIdEcho, int cipherSuite, List<Extension> extensions) {
        return new ServerHello(ProtocolVersion.TLS12, helloRetryRequestRandom(), legacySessionIdEcho, cipherSuite, 0, extensions);
    }

    /** Whether this is a HelloRetryRequest rather than a real ServerHello. */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void writeBody(Writer w) {
        w.u16(serverVersion).bytes(random).opaque8(sessionId).u16(cipherSuite).u8(compressionMethod);
        Extension.writeAll(w, extensions);
    }

    static ServerHello read(Reader r) throws DecodeException {
        int version = r.u16("server_version");
        r.note(ProtocolVersion.name(version));
        byte[] random = r.bytes("random", 32);
        r.note("server random: 32 fresh bytes, mixed into every key");
        byte[] sessionId = r.opaque8("session_id", 0, 32);
        r.note("names this session, so a later connection can resume it");
        int suite = r.u16("cipher_suite");
        r.note(CipherSuite.nameOf(suite));
        int compression = r.u8("compression_method");
        r.note(compression == 0 ? "null (no compression)" : "compression " + compression);
        return new ServerHello(version, random, sessionId, suite, compression, Extension.readAll(r));
    }

    /**
     * The TLS 1.3 reading (RFC 8446 §4.1.3): legacy_ field names, extensions {@code <6..2^16-1>}
     * read as a ServerHello's or, when the random says so, a HelloRetryRequest's.
     */
    static ServerHello read13(Reader r) throws DecodeException {
        int version = r.u16("legacy_version");
        r.note(ProtocolVersion.name(version) + " for old middleboxes; supported_versions has the real one");
        byte[] random = r.bytes("random", 32);
        boolean retry = Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
        r.note(retry ? "SHA-256(\"HelloRetryRequest\"): this is a HelloRetryRequest" : "server random: 32 fresh bytes");
        byte[] sessionId = r.opaque8("legacy_session_id_echo", 0, 32);
        r.note("the client's legacy_session_id, echoed");
        int suite = r.u16("cipher_suite");
        r.note(ClientHello.suiteName13(suite));
        int compression = r.u8("legacy_compression_method");
        r.note(compression == 0 ? "null (no compression)" : "compression " + compression);
        ExtensionContext where = retry ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO;
        return new ServerHello(version, random, sessionId, suite, compression, Tls13Extensions.readList(r, "extensions", where, 6, 0xffff));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello") + "{version=" + ProtocolVersion.name(serverVersion) + ", random=" + Hex.abbreviate(random, 8)
                + ", session_id=" + Hex.abbreviate(sessionId, 8) + ", cipher_suite=" + ClientHello.suiteName13(cipherSuite) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello h && serverVersion == h.serverVersion && Arrays.equals(random, h.random)
                && Arrays.equals(sessionId, h.sessionId) && cipherSuite == h.cipherSuite
                && compressionMethod == h.compressionMethod && Objects.equals(extensions, h.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverVersion, Arrays.hashCode(random), Arrays.hashCode(sessionId), cipherSuite,
                compressionMethod, extensions);
    }
}
