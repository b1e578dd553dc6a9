package tlslab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tlslab.keys.CertificateAuthority;
import tlslab.keys.LabPki;
import tlslab.keys.Pem;
import tlslab.keys.RsaKeys;
import tlslab.wire.ProtocolVersion;

/** One lab CA, server and client identity shared by all tests in the JVM (RSA-2048 keys are slow to make). */
public final class TestPki {
    public static final CertificateAuthority CA;
    public static final KeyPair SERVER_KEYS;
    public static final X509Certificate SERVER_CERT;
    public static final KeyPair CLIENT_KEYS;
    public static final X509Certificate CLIENT_CERT;
    private static Path dir;

    static {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now().minus(Duration.ofDays(1));
        CA = LabPki.newCa("TLS Lab Test CA", RsaKeys.generate(2048, random), now, Duration.ofDays(30));
        SERVER_KEYS = RsaKeys.generate(2048, random);
        SERVER_CERT = CA.issueServer(SERVER_KEYS, now, Duration.ofDays(30), "www.mybank.test", "localhost", "127.0.0.1");
        CLIENT_KEYS = RsaKeys.generate(2048, random);
        CLIENT_CERT = CA.issueClient(CLIENT_KEYS, now, Duration.ofDays(30), "student");
    }

    private TestPki() {
    }

    public static TlsConfig server() {
        return new TlsConfig().identity(List.of(SERVER_CERT, CA.certificate()), SERVER_KEYS.getPrivate());
    }

    /** A TLS 1.2 client (most tests are about 1.2; the 1.3 ones set {@code versions} themselves). */
    public static TlsConfig client() {
        return new TlsConfig().trust(List.of(CA.certificate())).serverName("www.mybank.test").versions(ProtocolVersion.TLS12);
    }

    /** PEM files of everything above, for external peers (openssl, curl). */
    public static synchronized Path files() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("tlslab-pki");
            Files.writeString(dir.resolve("ca.pem"), Pem.encode(CA.certificate()));
            Files.writeString(dir.resolve("server.pem"), Pem.encode(SERVER_CERT, CA.certificate()));
            Files.writeString(dir.resolve("server.key"), Pem.encode(SERVER_KEYS.getPrivate()));
            Files.writeString(dir.resolve("client.pem"), Pem.encode(CLIENT_CERT, CA.certificate()));
            Files.writeString(dir.resolve("client.key"), Pem.encode(CLIENT_KEYS.getPrivate()));
            dir.toFile().deleteOnExit();
        }
        return dir;
    }
}
