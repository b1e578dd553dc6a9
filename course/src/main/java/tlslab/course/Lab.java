package tlslab.course;

import static tlslab.wire.ProtocolVersion.TLS12;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import tlslab.crypto.RandomSource;
import tlslab.engine.Connection;
import tlslab.engine.MemoryPair;
import tlslab.engine.SessionCache;
import tlslab.engine.TlsConfig;
import tlslab.keys.CertificateAuthority;
import tlslab.keys.LabPki;
import tlslab.keys.Pem;
import tlslab.keys.RsaKeys;
import tlslab.transport.Interceptor;

/**
 * The course's world in one object: a lab CA, www.mybank.test's certificate and a student's
 * client certificate, all made from a seed with fixed dates, so every re-run of a notebook shows
 * the same bytes. Configs it hands out are seeded too (each one a new stream).
 */
public final class Lab {
    public static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration VALIDITY = Duration.ofDays(3650);
    public static final String HOST = "www.mybank.test";

    public final String seed;
    public final CertificateAuthority ca;
    public final KeyPair serverKeys;
    public final X509Certificate serverCert;
    public final KeyPair clientKeys;
    public final X509Certificate clientCert;
    private final SessionCache sessions = new SessionCache();
    private final AtomicInteger streams = new AtomicInteger();
    private Path dir;

    private Lab(String seed) {
        this.seed = seed;
        ca = LabPki.newCa("TLS Lab CA", RsaKeys.generate(2048, RandomSource.seeded(seed + "/ca")), NOT_BEFORE, VALIDITY);
        serverKeys = RsaKeys.generate(2048, RandomSource.seeded(seed + "/server"));
        serverCert = ca.issueServer(serverKeys, NOT_BEFORE, VALIDITY, HOST, "localhost", "127.0.0.1");
        clientKeys = RsaKeys.generate(2048, RandomSource.seeded(seed + "/client"));
        clientCert = ca.issueClient(clientKeys, NOT_BEFORE, VALIDITY, "student");
    }

    /** The lab every notebook uses. */
    public static Lab create() {
        return new Lab("tlslab-course");
    }

    public static Lab create(String seed) {
        return new Lab(seed);
    }

    /**
     * A client that trusts the lab CA and expects www.mybank.test, with its own seeded randomness.
     * It leaves out the extended master secret (RFC 7627) so the course can derive the master secret
     * step by step as RFC 5246 does; notebook 05 then shows the extended one with
     * {@code client().extendedMasterSecret(true)}.
     */
    public TlsConfig client() {
        return new TlsConfig().trust(List.of(ca.certificate())).serverName(HOST).extendedMasterSecret(false).versions(TLS12)
                .random(RandomSource.seeded(seed + "/client-run-" + streams.incrementAndGet()));
    }

    /**
     * The www.mybank.test server (one session cache for all its connections, so resumption works). Like
     * the client it speaks TLS 1.2, the version notebooks 01–08 take apart; {@code .versions(...)} changes that.
     */
    public TlsConfig server() {
        return new TlsConfig().identity(List.of(serverCert, ca.certificate()), serverKeys.getPrivate()).sessionCache(sessions)
                .versions(TLS12)
                .random(RandomSource.seeded(seed + "/server-run-" + streams.incrementAndGet()));
    }

    /** A whole handshake in memory; returns {client, server} connections. */
    public Connection[] handshake(TlsConfig client, TlsConfig server) throws IOException {
        return MemoryPair.connect(client, server);
    }

    /** The same with a man in the middle who may change bytes on the way. */
    public Connection[] handshake(TlsConfig client, TlsConfig server, Interceptor mitm) throws IOException {
        return MemoryPair.connect(client, server, mitm);
    }

    /** PEM files for external programs: ca.pem, server.pem (with the CA), server.key, client.pem, client.key. */
    public synchronized Path files() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("tlslab-lab");
            Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
            Files.writeString(dir.resolve("server.pem"), Pem.encode(serverCert, ca.certificate()));
            Files.writeString(dir.resolve("server.key"), Pem.encode(serverKeys.getPrivate()));
            Files.writeString(dir.resolve("client.pem"), Pem.encode(clientCert, ca.certificate()));
            Files.writeString(dir.resolve("client.key"), Pem.encode(clientKeys.getPrivate()));
        }
        return dir;
    }
}
