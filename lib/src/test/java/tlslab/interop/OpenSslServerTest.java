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

    @Test
    void bothCurves() throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            int port = Peer.freePort();
            String name = g == NamedGroup.X25519 ? "X25519" : "P-256";
            try (Peer server = sServer(port, List.of("-groups", name))) {
                Connection c = get(port, TestPki.client().groups(g).cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
                assertTrue(c.transcript().names().contains("ServerKeyExchange"));
            }
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
