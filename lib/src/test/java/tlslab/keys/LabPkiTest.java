package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslab.keys.TestKeys.CA;
import static tlslab.keys.TestKeys.CA_KEYS;
import static tlslab.keys.TestKeys.NOW;
import static tlslab.keys.TestKeys.SERVER_KEYS;
import static tlslab.keys.TestKeys.START;
import static tlslab.keys.TestKeys.YEAR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabPkiTest {
    @Test
    void caCertificateShape() {
        X509Certificate ca = CA.certificate();
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertEquals("CN=TLS Lab CA", ca.getSubjectX500Principal().getName());
        assertTrue(ca.getBasicConstraints() >= 0);
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertDoesNotThrow(() -> ca.verify(CA_KEYS.getPublic()));
    }

    @Test
    void serverCertificateShape() throws Exception {
        X509Certificate server = CA.issueServer(SERVER_KEYS, START, YEAR, "www.mybank.test", "localhost", "127.0.0.1");
        assertEquals("CN=www.mybank.test", server.getSubjectX500Principal().getName());
        assertEquals(CA.certificate().getSubjectX500Principal(), server.getIssuerX500Principal());
        assertEquals(-1, server.getBasicConstraints());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertTrue(server.getKeyUsage()[0] && server.getKeyUsage()[2], "digitalSignature and keyEncipherment");
        assertEquals(List.of(List.of(2, "www.mybank.test"), List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                List.copyOf(server.getSubjectAlternativeNames()));
        assertTrue(server.getExtensionValue("2.5.29.35") != null, "authority key identifier");
        assertEquals(START, server.getNotBefore().toInstant());
        server.verify(CA_KEYS.getPublic());
    }

    @Test
    void clientCertificateShape() throws Exception {
        X509Certificate client = CA.issueClient(SERVER_KEYS, START, YEAR, "alice");
        assertEquals("CN=alice", client.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
        CertificateVerifier.verify(List.of(client), List.of(CA.certificate()), null, NOW);
    }

    @Test
    void sameInputsGiveIdenticalBytes() throws Exception {
        X509Certificate a = CA.issueServer(SERVER_KEYS, START, YEAR, "localhost");
        X509Certificate b = CA.issueServer(SERVER_KEYS, START, YEAR, "localhost");
        assertArrayEquals(a.getEncoded(), b.getEncoded());
        assertArrayEquals(LabPki.newCa("X", CA_KEYS, START, YEAR).certificate().getEncoded(),
                LabPki.newCa("X", CA_KEYS, START, YEAR).certificate().getEncoded());
        X509Certificate later = CA.issueServer(SERVER_KEYS, START.plusSeconds(1), YEAR, "localhost");
        assertNotEquals(a.getSerialNumber(), later.getSerialNumber());
        assertTrue(a.getSerialNumber().signum() > 0);
    }

    @Test
    void selfSignedLooksLikeAServerCertificate() throws Exception {
        X509Certificate imposter = LabPki.selfSigned(SERVER_KEYS, START, YEAR, "www.mybank.test");
        assertEquals(imposter.getSubjectX500Principal(), imposter.getIssuerX500Principal());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), imposter.getExtendedKeyUsage());
        imposter.verify(SERVER_KEYS.getPublic());
    }

    @Test
    void labFilesAreWrittenThenReused(@TempDir Path dir) throws Exception {
        LabPki.LabFiles files = LabPki.writeLabFiles(dir, new SeededRandom("lab"));
        for (Path p : List.of(files.caCert(), files.caKey(), files.serverChain(), files.serverKey())) {
            assertTrue(Files.isRegularFile(p), p.toString());
        }
        List<X509Certificate> chain = Pem.readCertificates(files.serverChain());
        X509Certificate ca = Pem.readCertificates(files.caCert()).get(0);
        assertEquals(2, chain.size());
        assertEquals(ca, chain.get(1));
        assertEquals("CN=TLS Lab CA", ca.getSubjectX500Principal().getName());
        for (String host : new String[] {"www.mybank.test", "localhost", "127.0.0.1"}) {
            CertificateVerifier.verify(chain, List.of(ca), host, Instant.now());
        }
        PrivateKey key = Pem.readPrivateKey(files.serverKey());
        byte[] signature = RsaKeys.sign(key, new byte[] {1, 2, 3});
        assertTrue(RsaKeys.verify(chain.get(0).getPublicKey(), new byte[] {1, 2, 3}, signature));
        assertEquals("RSA 2048-bit", CertificateInfo.publicKey(chain.get(0).getPublicKey()).substring(0, 12));

        // A second run with a different seed must keep what is there, not make new keys.
        String before = Files.readString(files.serverChain());
        LabPki.writeLabFiles(dir, new SeededRandom("other"));
        assertEquals(before, Files.readString(files.serverChain()));
        assertEquals(ca, Pem.readCertificates(files.caCert()).get(0));

        // A damaged server key means a new server certificate, from the same CA.
        Files.writeString(files.serverKey(), "garbage");
        LabPki.writeLabFiles(dir, new SeededRandom("other"));
        List<X509Certificate> renewed = Pem.readCertificates(files.serverChain());
        assertFalse(renewed.get(0).equals(chain.get(0)));
        assertEquals(ca, renewed.get(1));
    }

    @Test
    void sameSeedGivesSameLabFiles(@TempDir Path one, @TempDir Path two) throws Exception {
        LabPki.LabFiles a = LabPki.writeLabFiles(one, new SeededRandom("lab"));
        LabPki.LabFiles b = LabPki.writeLabFiles(two, new SeededRandom("lab"));
        // Same day, same seed: same keys, same certificates (the validity starts at a whole day).
        assertEquals(Files.readString(a.serverChain()), Files.readString(b.serverChain()));
        assertEquals(Files.readString(a.caKey()), Files.readString(b.caKey()));
    }
}
