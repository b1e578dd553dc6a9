package tlslab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import tlslab.engine.TestPki;

/** {@code curl --tls-max 1.2} against our server, over the real name www.mybank.test resolved to 127.0.0.1. */
@Timeout(60)
class CurlTest {

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everySuite(CipherSuite suite) throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            int port = server.port();
            try (Peer curl = Peer.start(TestPki.files(), List.of("curl", "-sS", "--tlsv1.2", "--tls-max", "1.2",
                    "--ciphers", suite.openSslName, "--cacert", "ca.pem", "--resolve", "www.mybank.test:" + port + ":127.0.0.1",
                    "-w", "\n%{http_code}", "https://www.mybank.test:" + port + "/"))) {
                assertEquals(0, curl.waitFor(30), curl.output());
                assertTrue(curl.output().contains("Cipher suite: <code>" + suite.name()), curl.output());
                assertTrue(curl.output().endsWith("200"), curl.output());
            }
        }
    }

    /**
     * curl as it comes (no --ciphers, no version limit) gets TLS 1.3 from our default server; held to
     * TLS 1.2 it gets forward secrecy, an AEAD and the extended master secret.
     */
    @Test
    void defaultChoiceIsTls13ElseAnEcdheAeadSuite() throws Exception {
        try (LabServer server = OurServer.start(c -> c)) {
            int port = server.port();
            for (boolean max12 : new boolean[] {false, true}) {
                List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--cacert", "ca.pem",
                        "--resolve", "www.mybank.test:" + port + ":127.0.0.1", "-w", "\n%{http_code}", "https://www.mybank.test:" + port + "/"));
                if (max12) cmd.addAll(1, List.of("--tls-max", "1.2"));
                try (Peer curl = Peer.start(TestPki.files(), cmd)) {
                    assertEquals(0, curl.waitFor(30), curl.output());
                    assertTrue(curl.output().endsWith("200"), curl.output());
                    if (!max12) {
                        assertTrue(curl.output().contains("<li>Protocol: TLS 1.3</li>"), curl.output());
                        continue;
                    }
                    Matcher m = Pattern.compile("Cipher suite: <code>(\\w+)").matcher(curl.output());
                    assertTrue(m.find(), curl.output());
                    CipherSuite chosen = CipherSuite.byName(m.group(1));
                    assertEquals(KeyExchange.ECDHE, chosen.keyExchange, curl.output());
                    assertTrue(chosen.aead, curl.output());
                    assertTrue(curl.output().contains("<li>Extended master secret: yes</li>"), curl.output());
                }
            }
        }
    }
}
