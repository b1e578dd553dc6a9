package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.cli.LabServer;
import tlslab.crypto.NamedGroup;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.transcript.KeyLog;
import tlslab.wire.ProtocolVersion;

/** TLS 1.3 with real peers, both directions: OpenSSL, curl and the JDK; every suite and group. */
@Timeout(60)
class Tls13InteropTest {
    static final int TLS13 = ProtocolVersion.TLS13, TLS12 = ProtocolVersion.TLS12;

    static Peer sClient13(int port, List<String> extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-servername", "www.mybank.test", "-CAfile", "ca.pem", "-verify_return_error", "-verify_hostname",
                "www.mybank.test", "-ign_eof"));
        cmd.addAll(extra);
        Peer p = Peer.start(TestPki.files(), cmd);
        p.input("GET / HTTP/1.0\r\n\r\n");
        return p;
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void openSslClientAgainstOurServer(Tls13CipherSuite suite) throws Exception {
        try (LabServer server = OurServer.start(c -> c.versions(TLS13, TLS12));
             Peer client = sClient13(server.port(), List.of("-ciphersuites", suite.name()))) {
            assertEquals(0, client.waitFor(30), client.output());
            String out = client.output();
            assertTrue(out.contains("New, TLSv1.3, Cipher is " + suite.name()), out);
            assertTrue(out.contains("Verify return code: 0 (ok)"), out);
            assertTrue(out.contains("<li>Protocol: TLS 1.3</li>"), out);
        }
    }

    @ParameterizedTest
    @EnumSource(Tls13CipherSuite.class)
    void ourClientAgainstOpenSslServer(Tls13CipherSuite suite) throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of("-ciphersuites", suite.name()))) {
            Connection c = OpenSslServerTest.get(port, TestPki.client().versions(TLS13, TLS12).tls13CipherSuites(suite));
            assertEquals(TLS13, c.version());
            assertEquals(suite.name(), c.cipherSuiteName());
        }
    }

    /** Our default client offers RSA-PSS for 1.3; a 1.2-only OpenSSL then signs ServerKeyExchange with it, which we must take. */
    @Test
    void ourDefaultClientAgainstATls12OnlyOpenSslServer() throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer(port, List.of())) {
            Connection c = OpenSslServerTest.get(port, new tlslab.engine.TlsConfig().trust(List.of(TestPki.CA.certificate()))
                    .serverName("www.mybank.test"));
            assertEquals(TLS12, c.version());
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", c.cipherSuiteName());
        }
    }

    @Test
    void everyGroupBothWaysWithOpenSsl() throws Exception {
        for (NamedGroup g : NamedGroup.values()) {
            String name = OpenSslServerTest.openSslGroup(g);
            int port = Peer.freePort();
            try (Peer server = OpenSslServerTest.sServer13(port, List.of("-groups", name))) {
                Connection c = OpenSslServerTest.get(port, TestPki.client().versions(TLS13).groups(g));
                assertEquals(TLS13, c.version(), name);
            }
            try (LabServer server = OurServer.start(c -> c.versions(TLS13).groups(g));
                 Peer client = sClient13(server.port(), List.of("-groups", name))) {
                assertEquals(0, client.waitFor(30), client.output());
                String openSslName = switch (g) {
                    case X25519 -> "X25519";
                    case SECP256R1 -> "ECDH, prime256v1";
                    case SECP384R1 -> "ECDH, secp384r1";
                    case SECP521R1 -> "ECDH, secp521r1";
                    default -> "DH, " + g.coordinateLength * 8 + " bits";
                };
                assertTrue(client.output().contains("Server Temp Key: " + openSslName), client.output());
            }
        }
    }

    /** OpenSSL's server takes only P-256 while our client's share is x25519: it sends HelloRetryRequest. And the other way round. */
    @Test
    void helloRetryRequestBothWays() throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of("-groups", "P-256"))) {
            Connection c = OpenSslServerTest.get(port, TestPki.client().versions(TLS13).groups(NamedGroup.X25519, NamedGroup.SECP256R1));
            assertTrue(c.transcript().names().contains("HelloRetryRequest"), c.transcript().names().toString());
            assertEquals(TLS13, c.version());
        }
        try (LabServer server = OurServer.start(c -> c.versions(TLS13).groups(NamedGroup.SECP256R1));
             Peer client = sClient13(server.port(), List.of("-groups", "X25519:P-256", "-msg"))) {
            assertEquals(0, client.waitFor(30), client.output());
            assertTrue(client.output().contains("<li>Protocol: TLS 1.3</li>"), client.output());
            assertTrue(client.output().contains("Server Temp Key: ECDH, prime256v1"), client.output());
        }
    }

    @Test
    void clientAuthenticationBothWays() throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of("-Verify", "1", "-CAfile", "ca.pem"))) {
            Connection c = OpenSslServerTest.get(port, TestPki.client().versions(TLS13)
                    .identity(List.of(TestPki.CLIENT_CERT), TestPki.CLIENT_KEYS.getPrivate()));
            assertTrue(c.transcript().names().contains("CertificateRequest"), c.transcript().names().toString());
        }
        try (LabServer server = OurServer.start(c -> c.versions(TLS13).trust(List.of(TestPki.CA.certificate())).requireClientCertificate(true));
             Peer client = sClient13(server.port(), List.of("-cert", "client.pem", "-key", "client.key"))) {
            assertEquals(0, client.waitFor(30), client.output());
            assertTrue(client.output().contains("<li>Protocol: TLS 1.3</li>"), client.output());
        }
    }

    @Test
    void ticketResumptionBothWays() throws Exception {
        try (LabServer server = OurServer.start(c -> c.versions(TLS13))) {
            String sess = TestPki.files().resolve("s_client13.sess").toString();
            try (Peer first = sClient13(server.port(), List.of("-sess_out", sess))) {
                assertEquals(0, first.waitFor(30), first.output());
                assertTrue(first.output().contains("New, TLSv1.3"), first.output());
            }
            try (Peer second = sClient13(server.port(), List.of("-sess_in", sess))) {
                assertEquals(0, second.waitFor(30), second.output());
                assertTrue(second.output().contains("Reused, TLSv1.3"), second.output());
                assertTrue(second.output().contains("<li>Session resumed: yes</li>"), second.output());
            }
        }
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of())) {
            Connection first = OpenSslServerTest.get(port, TestPki.client().versions(TLS13));
            assertTrue(first.tls13Ticket() != null, first.transcript().names().toString());
            Connection second = OpenSslServerTest.get(port, TestPki.client().versions(TLS13).resume(first.tls13Ticket()));
            assertTrue(second.resumed(), second.transcript().names().toString());
        }
    }

    /**
     * The JDK's TLS 1.3 client keeps our NewSessionTicket and resumes with it on its next connection to the
     * same server; our client resumes with the JDK server's ticket.
     */
    @Test
    void ticketResumptionBothWaysWithTheJdk() throws Exception {
        try (LabServer server = OurServer.start(c -> c.versions(TLS13))) {
            javax.net.ssl.SSLSocketFactory factory = JdkPeersTest.context(false, "TLSv1.3").getSocketFactory();
            String[] pages = new String[2];
            for (int i = 0; i < 2; i++) {
                try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) factory.createSocket("localhost", server.port())) {
                    s.setSoTimeout(15000);
                    s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                    pages[i] = new String(s.getInputStream().readAllBytes());
                }
            }
            assertTrue(pages[0].contains("<li>Session resumed: no</li>"), pages[0]);
            assertTrue(pages[1].contains("<li>Session resumed: yes</li>"), pages[1]);
        }
        SSLServerSocket ss = JdkPeersTest.listen(null, false);
        ss.setEnabledProtocols(new String[] {"TLSv1.3"});
        CompletableFuture<Void> server = JdkPeersTest.jsseServer(ss, 2);
        Connection first = JdkPeersTest.get(ss.getLocalPort(), TestPki.client().versions(TLS13));
        assertTrue(first.tls13Ticket() != null, first.transcript().names().toString());
        Connection second = JdkPeersTest.get(ss.getLocalPort(), TestPki.client().versions(TLS13).resume(first.tls13Ticket()));
        server.get(20, TimeUnit.SECONDS);
        assertTrue(second.resumed(), second.transcript().names().toString());
    }

    @Test
    void keyLogMatchesOpenSsls() throws Exception {
        Path ours = Files.createTempFile("ours13", ".log");
        Path theirs = Files.createTempFile("theirs13", ".log");
        try (LabServer server = OurServer.start(c -> c.versions(TLS13).keyLog(new KeyLog(ours)));
             Peer client = sClient13(server.port(), List.of("-keylogfile", theirs.toString()))) {
            assertEquals(0, client.waitFor(30), client.output());
        }
        List<String> lines = Files.readAllLines(ours);
        assertEquals(4, lines.size(), lines.toString());
        String logged = Files.readString(theirs);
        for (String line : lines) assertTrue(logged.contains(line), logged + "\nlacks\n" + line);
    }

    /** Our KeyUpdate asks s_server to update too: it must read ours, answer with its own, and still serve the page. */
    @Test
    void keyUpdateBothWaysWithOpenSsl() throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of());
             java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(15000);
            Connection c = Connection.client(tlslab.transport.Transport.of(s), TestPki.client().versions(TLS13));
            c.handshake();
            c.keyUpdate(true);
            c.write("GET / HTTP/1.0\r\n\r\n".getBytes());
            String page = new String(c.inputStream().readAllBytes());
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            assertEquals(2, c.transcript().names().stream().filter(n -> n.equals("KeyUpdate")).count(), c.transcript().names().toString());
        }
    }

    @Test
    void curlAgainstOurServer() throws Exception {
        try (LabServer server = OurServer.start(c -> c.versions(TLS13, TLS12))) {
            int port = server.port();
            try (Peer curl = Peer.start(TestPki.files(), List.of("curl", "-sS", "--tlsv1.3", "--cacert", "ca.pem",
                    "--resolve", "www.mybank.test:" + port + ":127.0.0.1", "https://www.mybank.test:" + port + "/"))) {
                assertEquals(0, curl.waitFor(30), curl.output());
                assertTrue(curl.output().contains("<li>Protocol: TLS 1.3</li>"), curl.output());
            }
        }
    }

    @Test
    void jdkHttpClientAgainstOurServer() throws Exception {
        try (LabServer server = OurServer.start(c -> c.versions(TLS13, TLS12))) {
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[] {"TLSv1.3"});
            HttpClient http = HttpClient.newBuilder().sslContext(JdkPeersTest.context(false, "TLSv1.3")).sslParameters(params).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<li>Protocol: TLS 1.3</li>"), r.body());
        }
    }

    @Test
    void ourClientAgainstJdkServer() throws Exception {
        SSLServerSocket ss = JdkPeersTest.listen(null, false);
        ss.setEnabledProtocols(new String[] {"TLSv1.3"});
        CompletableFuture<Void> server = JdkPeersTest.jsseServer(ss, 1);
        Connection c = JdkPeersTest.get(ss.getLocalPort(), TestPki.client().versions(TLS13, TLS12));
        server.get(20, TimeUnit.SECONDS);
        assertEquals(TLS13, c.version());
    }
}
