package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.cli.LabServer;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeyExchange;
import tlslab.crypto.NamedGroup;
import tlslab.engine.TestPki;

/** {@code openssl s_client} against our server. */
@Timeout(60)
class OpenSslClientTest {

    static Peer sClient(int port, String cipher, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2",
                "-servername", "www.mybank.test", "-CAfile", "ca.pem", "-verify_return_error", "-verify_hostname",
                "www.mybank.test", "-ign_eof"));
        if (cipher != null) cmd.addAll(List.of("-cipher", cipher));
        cmd.addAll(extra);
        Peer p = Peer.start(TestPki.files(), cmd);
        p.input("GET / HTTP/1.0\r\n\r\n");
        return p;
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everySuite(CipherSuite suite) throws Exception {
        try (LabServer server = OurServer.start(c -> c); Peer client = sClient(server.port(), suite.openSslName, List.of())) {
            assertEquals(0, client.waitFor(30), client.output());
            String out = client.output();
            assertTrue(out.contains("Cipher is " + suite.openSslName), out);
            assertTrue(out.contains("Verify return code: 0 (ok)"), out);
            assertTrue(out.contains("HTTP/1.1 200 OK"), out);
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1", "SECP521R1"})
    void everyCurve(NamedGroup g) throws Exception {
        try (LabServer server = OurServer.start(c -> c);
             Peer client = sClient(server.port(), null, List.of("-groups", OpenSslServerTest.openSslGroup(g)))) {
            assertEquals(0, client.waitFor(30), client.output());
            String out = client.output();
            String tempKey = switch (g) {
                case X25519 -> "Server Temp Key: X25519, 253 bits";
                case SECP256R1 -> "Server Temp Key: ECDH, prime256v1, 256 bits";
                case SECP384R1 -> "Server Temp Key: ECDH, secp384r1, 384 bits";
                case SECP521R1 -> "Server Temp Key: ECDH, secp521r1, 521 bits";
                default -> throw new AssertionError(g + " is not a curve");
            };
            assertTrue(out.contains(tempKey), out);
            assertTrue(out.contains("HTTP/1.1 200 OK"), out);
        }
    }

    /**
     * openssl s_client as it comes (no version or cipher options) gets TLS 1.3 from our default server;
     * held to TLS 1.2 it gets forward secrecy, an AEAD and the extended master secret.
     */
    @Test
    void defaultChoiceIsTls13ElseAnEcdheAeadSuite() throws Exception {
        for (boolean only12 : new boolean[] {false, true}) {
            try (LabServer server = OurServer.start(c -> c);
                 Peer client = Peer.start(TestPki.files(), only12
                         ? List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-tls1_2",
                                 "-servername", "www.mybank.test", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof")
                         : List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                                 "-servername", "www.mybank.test", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof"))) {
                client.input("GET / HTTP/1.0\r\n\r\n");
                assertEquals(0, client.waitFor(30), client.output());
                String out = client.output();
                if (!only12) {
                    assertTrue(out.contains("New, TLSv1.3"), out);
                    continue;
                }
                Matcher m = Pattern.compile("Cipher is (\\S+)").matcher(out);
                assertTrue(m.find(), out);
                CipherSuite chosen = CipherSuite.byName(m.group(1));
                assertEquals(KeyExchange.ECDHE, chosen.keyExchange, out);
                assertTrue(chosen.aead, out);
                assertTrue(out.contains("Extended master secret: yes"), out);
            }
        }
    }

    @Test
    void sessionResumption() throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            String sess = TestPki.files().resolve("s_client.sess").toString();
            try (Peer first = sClient(server.port(), null, List.of("-sess_out", sess))) {
                assertEquals(0, first.waitFor(30), first.output());
                assertTrue(first.output().contains("New, TLSv1.2"), first.output());
            }
            try (Peer second = sClient(server.port(), null, List.of("-sess_in", sess))) {
                assertEquals(0, second.waitFor(30), second.output());
                assertTrue(second.output().contains("Reused, TLSv1.2"), second.output());
            }
        }
    }

    @Test
    void keyLogMatchesOpenSsls() throws Exception {
        java.nio.file.Path ours = java.nio.file.Files.createTempFile("ours", ".log");
        java.nio.file.Path theirs = java.nio.file.Files.createTempFile("theirs", ".log");
        try (LabServer server = OurServer.start(c -> c.keyLog(new tlslab.transcript.KeyLog(ours)));
             Peer client = sClient(server.port(), null, List.of("-keylogfile", theirs.toString()))) {
            assertEquals(0, client.waitFor(30), client.output());
        }
        String line = java.nio.file.Files.readString(ours).trim();
        assertTrue(line.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"), line);
        assertTrue(java.nio.file.Files.readString(theirs).contains(line), java.nio.file.Files.readString(theirs) + "\nvs\n" + line);
    }

    @Test
    void clientAuthentication() throws Exception {
        try (LabServer server = OurServer.withClientAuth();
             Peer client = sClient(server.port(), null, List.of("-cert", "client.pem", "-key", "client.key"))) {
            assertEquals(0, client.waitFor(30), client.output());
            assertTrue(client.output().contains("HTTP/1.1 200 OK"), client.output());
            for (int i = 0; i < 50 && server.served() == 0; i++) Thread.sleep(100);   // the server's thread may trail the client
            assertEquals(1, server.served());
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        try (LabServer server = OurServer.withClientAuth(); Peer client = sClient(server.port(), null, List.of())) {
            client.waitFor(30);
            assertTrue(client.output().contains("handshake failure"), client.output());
            assertEquals(0, server.served());
        }
    }

    @Test
    void oldProtocolVersionsAreRefused() throws Exception {
        try (LabServer server = OurServer.start(c -> c);
             Peer client = Peer.start(TestPki.files(), List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                     "-tls1", "-cipher", "AES128-SHA:@SECLEVEL=0"))) {
            client.input("");
            client.waitFor(30);
            assertTrue(client.output().contains("protocol version"), client.output());
            assertEquals(0, server.served());
        }
    }
}
