package tlslab.exercises.ex03;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.ClientHelloEncoder;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.Handshake;
import tlslab.wire.DecodeException;

@DisplayName("Exercise 3 · Encode a ClientHello")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientHelloWriterTest {
    final ClientHelloEncoder encoder = Impl.of(ClientHelloEncoder.class);

    /** The library's bytes for the same hello, and the check that the student's are equal. */
    static void check(ClientHelloEncoder encoder, int version, byte[] random, byte[] sessionId, int[] suites, String host,
                      String hint) throws DecodeException {
        List<Extension> ext = new ArrayList<>();
        if (host != null) ext.add(Extension.serverName(host));
        byte[] expected = new ClientHello(version, random, sessionId, Arrays.stream(suites).boxed().toList(), new byte[] {0}, ext)
                .encode();
        byte[] actual = encoder.encode(version, random.clone(), sessionId.clone(), suites.clone(), host);
        String call = "encode(" + String.format("0x%04x", version) + ", random, " + sessionId.length + "-byte session_id, "
                + suites.length + " suites, " + (host == null ? "null" : "\"" + host + "\"") + ")";
        Expect.bytes(call, expected, actual, hint, Handshake.explain(expected, null));
    }

    static byte[] counting(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (start + i);
        return b;
    }

    @Test
    @Tag("points=2")
    @DisplayName("no session ID, two suites, no extensions")
    void minimal() throws Exception {
        check(encoder, 0x0303, counting(32, 0), new byte[0], new int[] {0x009c, 0x002f}, null,
                "handshake header: type 1 and a 3-byte body length; then version, random, an empty session_id (length 0), "
                        + "cipher_suites with a 2-byte length in bytes (not in suites), compression 01 00, and nothing after it");
    }

    @Test
    @Tag("points=2")
    @DisplayName("with a server_name (SNI) extension")
    void withServerName() throws Exception {
        check(encoder, 0x0303, counting(32, 100), new byte[0], new int[] {0xc02f}, "www.mybank.test",
                "extensions: a 2-byte length of the whole block, then type 00 00, a 2-byte data length, and the data: "
                        + "a 2-byte list length, name_type 0 and the name with a 2-byte length; every length counts the bytes after it");
    }

    @Test
    @Tag("points=2")
    @DisplayName("resuming: a 32-byte session ID and five suites")
    void withSessionId() throws Exception {
        check(encoder, 0x0303, counting(32, 7), counting(32, 200), new int[] {0xc02f, 0xc013, 0x009c, 0x003c, 0x002f},
                "localhost", "session_id is a 1-byte length then the bytes; each suite is 2 bytes, big-endian");
    }
}
