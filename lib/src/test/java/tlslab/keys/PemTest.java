package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslab.keys.TestKeys.CA;
import static tlslab.keys.TestKeys.SERVER_KEYS;
import static tlslab.keys.TestKeys.START;
import static tlslab.keys.TestKeys.YEAR;

import java.io.FileNotFoundException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    private static final X509Certificate SERVER = CA.issueServer(SERVER_KEYS, START, YEAR, "localhost");

    @Test
    void certificateChainRoundTrip(@TempDir Path dir) throws Exception {
        String pem = Pem.encode(SERVER, CA.certificate());
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        Path file = dir.resolve("chain.pem");
        Pem.write(file, pem);
        assertEquals(List.of(SERVER, CA.certificate()), Pem.readCertificates(file));
        assertEquals(List.of(SERVER, CA.certificate()), Pem.readCertificates(pem));
    }

    @Test
    void pkcs8KeyRoundTrip(@TempDir Path dir) throws Exception {
        String pem = Pem.encode(SERVER_KEYS.getPrivate());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        Path file = dir.resolve("key.pem");
        Pem.write(file, pem);
        assertArrayEquals(SERVER_KEYS.getPrivate().getEncoded(), Pem.readPrivateKey(file).getEncoded());
    }

    @Test
    void readsOpenSslPkcs1Keys() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(SERVER_KEYS.getPrivate());   // Bouncy Castle writes RSA keys the old OpenSSL way
        }
        assertTrue(out.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"), out.toString());
        PrivateKey key = Pem.readPrivateKey(out.toString());
        assertArrayEquals(SERVER_KEYS.getPrivate().getEncoded(), key.getEncoded());
    }

    /** Made with `openssl ecparam -name prime256v1 -genkey -noout`: the SEC1 format OpenSSL writes. */
    private static final String OPENSSL_EC_KEY = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIE1+Mxv+0a44QasTCtoVTzexa+cQ6+B02QwKB5E8gqrxoAoGCCqGSM49
            AwEHoUQDQgAE0pd24njHooZI83kqiPYpaHunwyxwM9sTLPKCOv2382XWjX9xd9O5
            endC0HZ6XY4yb1Fbf8NYojn7HsMVtcZRDQ==
            -----END EC PRIVATE KEY-----
            """;

    @Test
    void readsEcKeys() throws Exception {
        ECPrivateKey key = (ECPrivateKey) Pem.readPrivateKey(OPENSSL_EC_KEY);
        assertEquals(new BigInteger("4d7e331bfed1ae3841ab130ada154f", 16), key.getS().shiftRight(136));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair ec = generator.generateKeyPair();
        assertArrayEquals(ec.getPrivate().getEncoded(), Pem.readPrivateKey(Pem.encode(ec.getPrivate())).getEncoded());
    }

    @Test
    void errorsSayWhatWasFound(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.pem");
        Pem.write(key, Pem.encode(SERVER_KEYS.getPrivate()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(key));
        assertEquals("no CERTIFICATE block in key.pem (found: PRIVATE KEY)", e.getMessage());

        Path cert = dir.resolve("cert.pem");
        Pem.write(cert, Pem.encode(SERVER));
        e = assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(cert));
        assertTrue(e.getMessage().contains("in cert.pem (found: CERTIFICATE)"), e.getMessage());

        Path der = dir.resolve("cert.der");
        Files.write(der, SERVER.getEncoded());
        e = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(der));
        assertTrue(e.getMessage().contains("no PEM blocks at all"), e.getMessage());

        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> Pem.readCertificates(dir.resolve("nope.pem")));
        assertTrue(missing.getMessage().startsWith("file not found: "), missing.getMessage());
    }
}
