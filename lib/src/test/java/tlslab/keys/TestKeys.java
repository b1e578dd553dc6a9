package tlslab.keys;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/** Keys and certificates shared by the tests, because making RSA keys is slow. */
final class TestKeys {
    static final KeyPair CA_KEYS = RsaKeys.generate(1024, new SeededRandom("test ca"));
    static final KeyPair SERVER_KEYS = RsaKeys.generate(1024, new SeededRandom("test server"));
    static final KeyPair OTHER_KEYS = RsaKeys.generate(1024, new SeededRandom("test other"));

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final Instant NOW = START.plus(Duration.ofDays(30));

    static final CertificateAuthority CA = LabPki.newCa("TLS Lab CA", CA_KEYS, START, YEAR);

    private TestKeys() {
    }
}
