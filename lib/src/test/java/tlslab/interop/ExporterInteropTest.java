package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tlslab.engine.Connection;
import tlslab.engine.MemoryPair;
import tlslab.engine.TestPki;
import tlslab.transport.Transport;
import tlslab.wire.Hex;
import tlslab.wire.ProtocolVersion;

/**
 * Keying material exporters (RFC 5705 for TLS 1.2, RFC 8446 §7.5 for 1.3): our server and
 * {@code openssl s_client -keymatexport} must export the same bytes for the same label; two tlslab
 * ends must too, with a context, and different labels or contexts must give different bytes.
 */
class ExporterInteropTest {
    static final String LABEL = "EXPERIMENTAL-tlslab";
    static final Pattern KEYING = Pattern.compile("Keying material: ([0-9A-F]+)");

    @ParameterizedTest
    @ValueSource(ints = {ProtocolVersion.TLS12, ProtocolVersion.TLS13})
    void ourServerAndOpenSslExportTheSameKeys(int version) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> ours = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    Connection c = Connection.server(Transport.of(s), TestPki.server().versions(version)).handshake();
                    byte[] out = c.exportKeyingMaterial(LABEL, null, 32);
                    c.read();   // until s_client closes
                    return out;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Peer client = Peer.start(TestPki.files(), List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + listener.getLocalPort(), version == ProtocolVersion.TLS13 ? "-tls1_3" : "-tls1_2",
                    "-CAfile", "ca.pem", "-verify_return_error", "-keymatexport", LABEL, "-keymatexportlen", "32"))) {
                client.input("");
                assertEquals(0, client.waitFor(30), client.output());
                Matcher m = KEYING.matcher(client.output());
                assertTrue(m.find(), client.output());
                assertEquals(m.group(1), Hex.of(ours.get(30, TimeUnit.SECONDS)).toUpperCase());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {ProtocolVersion.TLS12, ProtocolVersion.TLS13})
    void bothEndsAgreeAndLabelsAndContextsSeparate(int version) throws Exception {
        Connection[] c = MemoryPair.connect(TestPki.client().versions(version), TestPki.server().versions(version));
        byte[] context = "channel binding".getBytes(StandardCharsets.US_ASCII);
        byte[] client = c[0].exportKeyingMaterial(LABEL, context, 48);
        assertArrayEquals(client, c[1].exportKeyingMaterial(LABEL, context, 48));
        assertEquals(48, client.length);
        assertFalse(Arrays.equals(client, c[0].exportKeyingMaterial(LABEL + "2", context, 48)), "another label");
        assertFalse(Arrays.equals(client, c[0].exportKeyingMaterial(LABEL, new byte[1], 48)), "another context");
        if (version == ProtocolVersion.TLS12) {
            // RFC 5705: "no context" and "an empty context" differ in 1.2; RFC 8446 §7.5 makes them the same in 1.3
            assertFalse(Arrays.equals(c[0].exportKeyingMaterial(LABEL, null, 16), c[0].exportKeyingMaterial(LABEL, new byte[0], 16)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c[0].exportKeyingMaterial("key expansion", null, 16));
            assertTrue(e.getMessage().contains("RFC 5705"), e.getMessage());
        } else {
            assertArrayEquals(c[0].exportKeyingMaterial(LABEL, null, 16), c[0].exportKeyingMaterial(LABEL, new byte[0], 16));
        }
    }
}
