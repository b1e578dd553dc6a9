package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.NamedGroup;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.engine.TlsConfig;
import tlslab.handshake.ServerKeyExchange;

/** Our client against Debian's {@code openssl s_server -www}. */
@Timeout(60)
class OpenSslServerTest {

    static Peer sServer(int port, List<String> extra) throws Exception {
        Path pki = TestPki.files();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", "server.pem", "-key", "server.key", "-tls1_2", "-www"));
        cmd.addAll(extra);
        Peer p = Peer.start(pki, cmd);
        p.await("ACCEPT", 15);
        return p;
    }

    /** {@code openssl s_server -tls1_3 -www}: TLS 1.3 only. */
    static Peer sServer13(int port, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", "server.pem", "-key", "server.key", "-tls1_3", "-www"));
        cmd.addAll(extra);
        Peer p = Peer.start(TestPki.files(), cmd);
        p.await("ACCEPT", 15);
        return p;
    }

    static Connection get(int port, TlsConfig config) throws IOException {
        return HttpGet.get(port, config, "HTTP/1.0 200 ok");
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everySuite(CipherSuite suite) throws Exception {
        int port = Peer.freePort();
        try (Peer server = sServer(port, List.of("-cipher", suite.openSslName))) {
            Connection c = get(port, TestPki.client().cipherSuites(suite));
            assertEquals(suite, c.session().cipherSuite());
        }
    }

    /** OpenSSL's name for a group in -groups. */
    static String openSslGroup(NamedGroup g) {
        return switch (g) {
            case X25519 -> "X25519";
            case SECP256R1 -> "P-256";
            case SECP384R1 -> "P-384";
            case SECP521R1 -> "P-521";
            default -> g.rfcName;   // ffdhe2048 …
        };
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1", "SECP521R1"})
    void everyCurve(NamedGroup g) throws Exception {
        int port = Peer.freePort();
        try (Peer server = sServer(port, List.of("-groups", openSslGroup(g)))) {
            // the client offers every group; the server has only g
            Connection c = get(port, TestPki.client().groups(NamedGroup.values())
                    .cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
            ServerKeyExchange ske = (ServerKeyExchange) c.transcript().find("ServerKeyExchange").message();
            assertEquals(g.id, ske.namedCurve());
            assertEquals(g == NamedGroup.X25519 ? 32 : 1 + 2 * g.coordinateLength, ske.publicKey().length);
        }
    }

    @Test
    void sessionResumption() throws Exception {
        int port = Peer.freePort();
        try (Peer server = sServer(port, List.of())) {
            Connection first = get(port, TestPki.client());
            assertFalse(first.resumed());
            Connection second = get(port, TestPki.client().resume(first.session()));
            assertTrue(second.resumed(), second.transcript().names().toString());
            assertFalse(second.transcript().names().contains("Certificate"));
        }
    }

    @Test
    void clientAuthentication() throws Exception {
        int port = Peer.freePort();
        try (Peer server = sServer(port, List.of("-Verify", "1", "-CAfile", "ca.pem"))) {
            TlsConfig client = TestPki.client().identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate());
            Connection c = get(port, client);
            assertTrue(c.transcript().names().contains("CertificateRequest"));
            assertTrue(c.transcript().names().contains("CertificateVerify"));
        }
    }
}
