package tlslab.handshake;

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
 */
public record ServerHello(int serverVersion, byte[] random, byte[] sessionId, int cipherSuite,
                          int compressionMethod, List<Extension> extensions) implements HandshakeMessage {

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

    @Override
    public String toString() {
        return "ServerHello{version=" + ProtocolVersion.name(serverVersion) + ", random=" + Hex.abbreviate(random, 8)
                + ", session_id=" + Hex.abbreviate(sessionId, 8) + ", cipher_suite=" + CipherSuite.nameOf(cipherSuite) + "}";
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
