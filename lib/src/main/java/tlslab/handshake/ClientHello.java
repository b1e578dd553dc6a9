package tlslab.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.alert.AlertDescription;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.ProtocolVersion;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * The client's first message (RFC 5246 §7.4.1.2): the highest version it speaks, 32 random bytes,
 * a session ID to resume (or none), the cipher suites it accepts in order of preference, the
 * compression methods (only "null" today), and extensions.
 */
public record ClientHello(int clientVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
                          byte[] compressionMethods, List<Extension> extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void writeBody(Writer w) {
        w.u16(clientVersion).bytes(random).opaque8(sessionId);
        w.vector16(v -> cipherSuites.forEach(v::u16));
        w.opaque8(compressionMethods);
        Extension.writeAll(w, extensions);
    }

    /** The same hello with other extensions (a second ClientHello, a binder filled in). */
    public ClientHello withExtensions(List<Extension> newExtensions) {
        return new ClientHello(clientVersion, random, sessionId, cipherSuites, compressionMethods, newExtensions);
    }

    static ClientHello read(Reader r) throws DecodeException {
        return read(r, false);
    }

    /**
     * The TLS 1.3 reading (RFC 8446 §4.1.2): the same layout, with the RFC's legacy_ field names,
     * an extensions block that must be there ({@code <8..2^16-1>}) and the 1.3 extensions read
     * field by field ({@link Tls13Extensions}).
     */
    static ClientHello read13(Reader r) throws DecodeException {
        return read(r, true);
    }

    private static ClientHello read(Reader r, boolean tls13) throws DecodeException {
        String legacy = tls13 ? "legacy_" : "";
        int version = r.u16(tls13 ? "legacy_version" : "client_version");
        r.note(tls13 ? ProtocolVersion.name(version) + " for old middleboxes; supported_versions has the real list"
                : ProtocolVersion.name(version));
        byte[] random = r.bytes("random", 32);
        r.note("client random: 32 fresh bytes, mixed into every key");
        byte[] sessionId = r.opaque8(legacy + "session_id", 0, 32);
        r.note(tls13 ? "echoed by the server: non-empty in middlebox compatibility mode"
                : sessionId.length == 0 ? "empty: a new session" : "asks to resume this session");
        Reader suites = r.vector16("cipher_suites", 2, 0xfffe);
        if (suites.remaining() % 2 != 0) {
            throw suites.error(AlertDescription.DECODE_ERROR, "length", "odd length for a list of 2-byte codes");
        }
        List<Integer> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            int cs = suites.u16("[" + cipherSuites.size() + "]");
            suites.note(tls13 ? suiteName13(cs) : CipherSuite.nameOf(cs));
            cipherSuites.add(cs);
        }
        byte[] compression = r.opaque8(legacy + "compression_methods", 1, 255);
        r.note(compression.length == 1 && compression[0] == 0 ? "null (no compression)" : Hex.of(compression));
        List<Extension> extensions = tls13
                ? Tls13Extensions.readList(r, "extensions", ExtensionContext.CLIENT_HELLO, 8, 0xffff)
                : Extension.readAll(r);
        return new ClientHello(version, random, sessionId, cipherSuites, compression, extensions);
    }

    /** A TLS 1.3 suite's name (RFC 8446 §B.4), else the TLS 1.2 registry's. */
    static String suiteName13(int code) {
        Tls13CipherSuite s = Tls13CipherSuite.byCode(code);
        return s != null ? s.name() : CipherSuite.nameOf(code);
    }

    /** The host name from SNI, or null; checked as the server checks it ({@link HelloExtensions}). */
    public String serverName() throws DecodeException {
        return HelloExtensions.of(this).serverName();
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        cipherSuites.forEach(cs -> names.add(suiteName13(cs)));
        return "ClientHello{version=" + ProtocolVersion.name(clientVersion) + ", random=" + Hex.abbreviate(random, 8)
                + ", session_id=" + Hex.of(sessionId) + ", cipher_suites=" + names + ", extensions="
                + extensions.stream().map(e -> Extension.nameOf(e.type())).toList() + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello h && clientVersion == h.clientVersion && Arrays.equals(random, h.random)
                && Arrays.equals(sessionId, h.sessionId) && Objects.equals(cipherSuites, h.cipherSuites)
                && Arrays.equals(compressionMethods, h.compressionMethods) && Objects.equals(extensions, h.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientVersion, Arrays.hashCode(random), Arrays.hashCode(sessionId), cipherSuites,
                Arrays.hashCode(compressionMethods), extensions);
    }
}
