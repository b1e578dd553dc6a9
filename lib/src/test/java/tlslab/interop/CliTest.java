package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.cli.Main;
import tlslab.engine.TestPki;

/** The CLI's client against {@code openssl s_server -www}, and its server answering curl. */
@Timeout(60)
class CliTest {

    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void clientGetsAPageFromOpenSsl() throws Exception {
        Path pki = TestPki.files();
        Path keylog = pki.resolve("cli-keys.log");
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer(port, List.of())) {
            String[] r = run("client", "127.0.0.1:" + port, "--servername", "www.mybank.test", "--cafile",
                    pki.resolve("ca.pem").toString(), "--cipher", "TLS_RSA_WITH_AES_128_GCM_SHA256", "--keylog", keylog.toString(), "--resume");
            assertEquals("0", r[0], r[1] + r[2]);
            for (String m : List.of("ClientHello", "ServerHello", "Certificate", "ServerHelloDone", "ClientKeyExchange",
                    "ChangeCipherSpec", "Finished", "cipher_suites[0]", "HTTP/1.0 200 ok", "session resumed")) {
                assertTrue(r[1].contains(m), m + " missing from:\n" + r[1]);
            }
            assertTrue(Files.readString(keylog).startsWith("CLIENT_RANDOM "), Files.readString(keylog));
        }
    }

    @Test
    void clientSpeaksTls13WhenAsked() throws Exception {
        Path pki = TestPki.files();
        int port = Peer.freePort();
        try (Peer server = OpenSslServerTest.sServer13(port, List.of())) {
            String[] r = run("client", "127.0.0.1:" + port, "--tls1.3", "--servername", "www.mybank.test", "--cafile",
                    pki.resolve("ca.pem").toString(), "--cipher", "TLS_CHACHA20_POLY1305_SHA256");
            assertEquals("0", r[0], r[1] + r[2]);
            for (String m : List.of("EncryptedExtensions", "CertificateVerify", "handshake complete: TLS 1.3, TLS_CHACHA20_POLY1305_SHA256",
                    "HTTP/1.0 200 ok")) {
                assertTrue(r[1].contains(m), m + " missing from:\n" + r[1]);
            }
        }
    }

    @Test
    void clientFailsClearlyOnAnUntrustedServer() throws Exception {
        int port = Peer.freePort();
        Path otherCa = Files.createTempFile("other-ca", ".pem");
        Files.writeString(otherCa, tlslab.keys.Pem.encode(TestPki.CLIENT_CERT)); // not the server's CA
        try (Peer server = OpenSslServerTest.sServer(port, List.of())) {
            String[] r = run("client", "127.0.0.1:" + port, "--servername", "www.mybank.test", "--cafile", otherCa.toString());
            assertEquals("1", r[0]);
            assertTrue(r[2].contains("unknown_ca") || r[2].contains("not a trusted CA"), r[2]);
        }
    }

    @Test
    void certIssuesAServerCertificateFromTheLabCaForEachHost() throws Exception {
        Path out = Files.createTempDirectory("tlslab-cert");
        String[] r = run("cert", "--out", out.toString(), "--host", "hub.workshop.test", "--host", "192.0.2.7", "--days", "30");
        assertEquals("0", r[0], r[1] + r[2]);
        Path caFile = Path.of(r[1].lines().filter(l -> l.contains("lab CA:")).findFirst().orElseThrow().replaceFirst(".*lab CA: *", ""));
        List<java.security.cert.X509Certificate> chain = tlslab.keys.Pem.readCertificates(out.resolve("server.pem"));
        List<java.security.cert.X509Certificate> ca = tlslab.keys.Pem.readCertificates(caFile);
        assertEquals(ca.get(0), chain.get(1), "the chain ends with the lab CA");
        for (String host : List.of("hub.workshop.test", "192.0.2.7")) {
            tlslab.keys.CertificateVerifier.verify(chain, ca, host, java.time.Instant.now());
        }
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> tlslab.keys.CertificateVerifier.verify(chain, ca, "other.test", java.time.Instant.now()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("server.key.pem"))));
        assertTrue(r[1].matches("(?s).*SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}.*"), r[1]);
        assertEquals("2", run("cert", "--out", out.toString())[0], "no --host is a usage error");
    }

    @Test
    void serverAnswersCurl() throws Exception {
        Path pki = TestPki.files();
        int port = Peer.freePort();
        CompletableFuture<String[]> server = CompletableFuture.supplyAsync(() -> run("server", "--port", String.valueOf(port),
                "--cert", pki.resolve("server.pem").toString(), "--key", pki.resolve("server.key").toString(), "--once", "--brief"));
        String[] r;
        try (Peer curl = Peer.start(pki, List.of("curl", "-sS", "--retry", "5", "--retry-connrefused", "--retry-delay", "1",
                "--tls-max", "1.2", "--cacert", "ca.pem", "--resolve", "www.mybank.test:" + port + ":127.0.0.1",
                "https://www.mybank.test:" + port + "/"))) {
            assertEquals(0, curl.waitFor(30), curl.output());
            assertTrue(curl.output().contains("Welcome to www.mybank.test"), curl.output());
            r = server.get(30, TimeUnit.SECONDS);
        }
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("ClientHello") && r[1].contains("response sent"), r[1]);
    }

    @Test
    void unknownCipherNameListsTheKnownOnes() {
        String[] r = run("client", "127.0.0.1:1", "--cipher", "TLS_RSA_WITH_RC4_128_MD5", "--insecure");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("TLS_RSA_WITH_AES_128_CBC_SHA"), r[2]);
    }
}
