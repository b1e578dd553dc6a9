package tlslab.exercises.ex04;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.ServerHelloParser;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.handshake.Extension;
import tlslab.handshake.ServerHello;

@DisplayName("Exercise 4 · Parse a ServerHello")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerHelloReaderTest {
    final ServerHelloParser parser = Impl.of(ServerHelloParser.class);

    static byte[] counting(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (start + i);
        return b;
    }

    @Test
    @Tag("points=2")
    @DisplayName("version, random, session ID, suite and compression")
    void fields() {
        byte[] random = counting(32, 40);
        byte[] sid = counting(32, 1);
        byte[] m = new ServerHello(0x0303, random, sid, 0xc02f, 0, List.of()).encode();
        Expect.equal("serverVersion", 0x0303, parser.serverVersion(m.clone()),
                "the version is the 2 bytes right after the 4-byte handshake header");
        Expect.bytes("random", random, parser.random(m.clone()), "32 bytes after the version");
        Expect.bytes("sessionId", sid, parser.sessionId(m.clone()), "a 1-byte length, then that many bytes");
        Expect.equal("cipherSuite", 0xc02f, parser.cipherSuite(m.clone()), "2 bytes, big-endian, after the session_id");
        Expect.equal("compressionMethod", 0, parser.compressionMethod(m.clone()), "1 byte after the cipher suite");
        byte[] empty = new ServerHello(0x0303, random, new byte[0], 0x009c, 0, List.of()).encode();
        Expect.bytes("sessionId of a hello with an empty session_id", new byte[0], parser.sessionId(empty),
                "a length of 0 means no bytes follow");
        Expect.equal("cipherSuite after an empty session_id", 0x009c, parser.cipherSuite(empty),
                "the session_id length tells where the cipher suite starts");
    }

    @Test
    @Tag("points=2")
    @DisplayName("extension types, in order")
    void extensions() {
        byte[] m = new ServerHello(0x0303, counting(32, 0), new byte[0], 0xc02f, 0,
                List.of(Extension.renegotiationInfo(), Extension.ecPointFormats())).encode();
        int[] types = parser.extensionTypes(m);
        Expect.equal("extensionTypes", "[65281, 11]", java.util.Arrays.toString(types),
                "after compression_method: a 2-byte length of the block, then per extension 2 bytes of type and "
                        + "opaque data with a 2-byte length");
        byte[] none = new ServerHello(0x0303, counting(32, 0), new byte[0], 0xc02f, 0, List.of()).encode();
        Expect.equal("extensionTypes of a hello without extensions", "[]", java.util.Arrays.toString(parser.extensionTypes(none)),
                "the extensions block is optional: if the message ends after compression_method there are none");
    }

    @Test
    @Tag("points=2")
    @DisplayName("refuses what is not a well-formed ServerHello")
    void refusesMalformed() {
        byte[] good = new ServerHello(0x0303, counting(32, 0), new byte[0], 0xc02f, 0, List.of()).encode();
        Expect.equal("cipherSuite of a well-formed ServerHello", 0xc02f, parser.cipherSuite(good.clone()),
                "refuse what is malformed, but still read what is well-formed");
        byte[] clientHello = good.clone();
        clientHello[0] = 1;
        Expect.rejects(IllegalArgumentException.class, "cipherSuite of a message of type 1 (ClientHello)",
                () -> parser.cipherSuite(clientHello), "check msg_type first: a ServerHello is type 2");
        byte[] cut = java.util.Arrays.copyOf(good, 20);
        Expect.rejects(IllegalArgumentException.class, "random of a message cut after 20 bytes",
                () -> parser.random(cut), "compare the header's length with the bytes that really follow");
    }
}
