package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import tlslab.cli.LabServer;
import tlslab.crypto.CipherSuite;
import tlslab.engine.Connection;
import tlslab.engine.TestPki;
import tlslab.transcript.KeyLog;

/**
 * Extended master secret (RFC 7627) and encrypt-then-MAC (RFC 7366) with real peers, both
 * directions: OpenSSL and curl speak both; the JDK speaks EMS but not ETM (it never offers it).
 */
@Timeout(60)
class ExtendedMasterSecretInteropTest {
    static final CipherSuite CBC = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;

    @Test
    void openSslClientNegotiatesBothWithOurServer() throws Exception {
        try (LabServer server = OurServer.start(c -> c);
             Peer client = OpenSslClientTest.sClient(server.port(), CBC.openSslName, List.of("-tlsextdebug"))) {
            assertEquals(0, client.waitFor(30), client.output());
            String out = client.output();
            assertTrue(out.contains("Extended master secret: yes"), out);
            assertTrue(out.contains("TLS server extension \"encrypt-then-mac\""), out);
            assertTrue(out.contains("<li>Encrypt-then-MAC: yes</li>"), out);
        }
    }

    @Test
    void openSslClientWithOurServerSwitchedToTheOlderForms() throws Exception {
        try (LabServer server = OurServer.start(c -> c.extendedMasterSecret(false).encryptThenMac(false));
             Peer client = OpenSslClientTest.sClient(server.port(), CBC.openSslName, List.of())) {
            assertEquals(0, client.waitFor(30), client.output());
            assertTrue(client.output().contains("Extended master secret: no"), client.output());
            assertTrue(client.output().contains("<li>Encrypt-then-MAC: no</li>"), client.output());
        }
    }

    @Test
    void ourClientNegotiatesBothWithOpenSslServer() throws Exception {
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer(port, List.of())) {
            Connection c = OpenSslServerTest.get(port, TestPki.client().cipherSuites(CBC));
            assertTrue(c.session().extendedMasterSecret());
            assertTrue(c.session().encryptThenMac());
        }
        port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer(port, List.of("-no_etm"))) {
            Connection c = OpenSslServerTest.get(port, TestPki.client().cipherSuites(CBC));
            assertTrue(c.session().extendedMasterSecret());
            assertFalse(c.session().encryptThenMac());
        }
    }

    @Test
    void keyLogMatchesOpenSslsWithEitherMasterSecret() throws Exception {
        for (boolean extended : new boolean[] {true, false}) {
            Path ours = Files.createTempFile("ours", ".log");
            Path theirs = Files.createTempFile("theirs", ".log");
            try (LabServer server = OurServer.start(c -> c.extendedMasterSecret(extended).keyLog(new KeyLog(ours)));
                 Peer client = OpenSslClientTest.sClient(server.port(), null, List.of("-keylogfile", theirs.toString()))) {
                assertEquals(0, client.waitFor(30), client.output());
                assertTrue(client.output().contains("Extended master secret: " + (extended ? "yes" : "no")), client.output());
            }
            String line = Files.readString(ours).trim();
            assertTrue(Files.readString(theirs).contains(line), Files.readString(theirs) + "\nvs\n" + line);
        }
    }

    @Test
    void curlNegotiatesBothWithOurServer() throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            int port = server.port();
            try (Peer curl = Peer.start(TestPki.files(), List.of("curl", "-sS", "--tlsv1.2", "--tls-max", "1.2",
                    "--ciphers", CBC.openSslName, "--cacert", "ca.pem", "--resolve", "www.mybank.test:" + port + ":127.0.0.1",
                    "https://www.mybank.test:" + port + "/"))) {
                assertEquals(0, curl.waitFor(30), curl.output());
                assertTrue(curl.output().contains("<li>Extended master secret: yes</li>"), curl.output());
                assertTrue(curl.output().contains("<li>Encrypt-then-MAC: yes</li>"), curl.output());
            }
        }
    }

    @Test
    void jdkClientNegotiatesTheExtendedMasterSecretOnly() throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            SSLParameters params = new SSLParameters(new String[] {CBC.name()}, new String[] {"TLSv1.2"});
            HttpClient http = HttpClient.newBuilder().sslContext(JdkPeersTest.context(false)).sslParameters(params).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(r.body().contains("<li>Extended master secret: yes</li>"), r.body());
            assertTrue(r.body().contains("<li>Encrypt-then-MAC: no</li>"), r.body());
        }
    }

    @Test
    void ourClientNegotiatesTheExtendedMasterSecretWithTheJdk() throws Exception {
        SSLServerSocket ss = JdkPeersTest.listen(CBC.name(), false);
        CompletableFuture<Void> server = JdkPeersTest.jsseServer(ss, 1);
        Connection c = JdkPeersTest.get(ss.getLocalPort(), TestPki.client().cipherSuites(CBC));
        server.get(20, TimeUnit.SECONDS);
        assertTrue(c.session().extendedMasterSecret());
        assertFalse(c.session().encryptThenMac());
    }
}
