package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslab.keys.TestKeys.CA;
import static tlslab.keys.TestKeys.SERVER_KEYS;
import static tlslab.keys.TestKeys.START;
import static tlslab.keys.TestKeys.YEAR;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateInfoTest {
    private static Map<String, String> describe(X509Certificate cert) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String[] row : CertificateInfo.describe(cert)) fields.put(row[0], row[1]);
        return fields;
    }

    @Test
    void describesAServerCertificate() {
        X509Certificate server = CA.issueServer(SERVER_KEYS, START, YEAR, "www.mybank.test", "127.0.0.1");
        Map<String, String> f = describe(server);
        assertEquals(List.of("Version", "Serial", "Signature algorithm", "Issuer", "Subject", "Not before", "Not after",
                "Public key", "Subject alternative names", "Basic constraints", "Key usage", "Extended key usage",
                "SHA-256 fingerprint"), List.copyOf(f.keySet()));
        assertEquals("v3", f.get("Version"));
        assertEquals("SHA256withRSA", f.get("Signature algorithm"));
        assertEquals("CN=TLS Lab CA", f.get("Issuer"));
        assertEquals("2025-01-01T00:00:00Z", f.get("Not before"));
        assertTrue(f.get("Public key").matches("RSA 1024-bit, e=65537, modulus [0-9a-f]{16}…"), f.get("Public key"));
        assertEquals("DNS:www.mybank.test, IP:127.0.0.1", f.get("Subject alternative names"));
        assertEquals("CA:false (critical)", f.get("Basic constraints"));
        assertEquals("digitalSignature, keyEncipherment", f.get("Key usage"));
        assertEquals("serverAuth", f.get("Extended key usage"));
        assertTrue(f.get("SHA-256 fingerprint").matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), f.get("SHA-256 fingerprint"));
    }

    @Test
    void describesACaCertificate() {
        Map<String, String> f = describe(CA.certificate());
        assertEquals("CA:true (critical)", f.get("Basic constraints"));
        assertEquals("keyCertSign, cRLSign", f.get("Key usage"));
        assertEquals("none", f.get("Subject alternative names"));
        assertEquals("none", f.get("Extended key usage"));
    }
}
