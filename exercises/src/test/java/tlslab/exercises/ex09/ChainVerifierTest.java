package tlslab.exercises.ex09;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.ChainChecker;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.keys.CertificateAuthority;
import tlslab.keys.CertificateProblem;
import tlslab.keys.CertificateVerifier;
import tlslab.keys.LabPki;

@DisplayName("Exercise 9 · Certificate chain and host name")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChainVerifierTest {
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final CertificateAuthority CA = LabPki.newCa("Exercise CA", Fixtures.ecKeys(), NOW.minus(YEAR), YEAR.multipliedBy(5));
    static final KeyPair SERVER = Fixtures.ecKeys();

    final ChainChecker checker = Impl.of(ChainChecker.class);

    /** The library's verdict ("OK" or a reason) and the check that the student's is the same. */
    static void check(ChainChecker checker, String what, List<X509Certificate> chain, List<X509Certificate> anchors, String host,
                      Instant now, String hint) throws Exception {
        String expected;
        try {
            CertificateVerifier.verify(chain, anchors, host, now);
            expected = "OK";
        } catch (CertificateProblem p) {
            expected = p.reason().name();
        }
        String actual = checker.check(der(chain), der(anchors), host, now.getEpochSecond());
        Expect.equal(what, expected, actual, hint);
    }

    static byte[][] der(List<X509Certificate> certs) throws Exception {
        byte[][] out = new byte[certs.size()][];
        for (int i = 0; i < out.length; i++) out[i] = certs.get(i).getEncoded();
        return out;
    }

    @Test
    @Tag("points=2")
    @DisplayName("a good chain for the right host is OK")
    void good() throws Exception {
        X509Certificate leaf = CA.issueServer(SERVER, NOW.minus(Duration.ofDays(10)), YEAR, "www.mybank.test", "localhost");
        check(checker, "leaf + CA, trusted CA, host www.mybank.test", List.of(leaf, CA.certificate()), List.of(CA.certificate()),
                "www.mybank.test", NOW, "every check passes: answer exactly \"OK\"");
        check(checker, "leaf alone, signed by a trusted CA, host localhost", List.of(leaf), List.of(CA.certificate()), "localhost",
                NOW, "the top of the chain may also be a certificate that a trust anchor signed");
    }

    @Test
    @Tag("points=1")
    @DisplayName("an expired certificate")
    void expired() throws Exception {
        X509Certificate leaf = CA.issueServer(SERVER, NOW.minus(YEAR.multipliedBy(2)), YEAR, "www.mybank.test");
        check(checker, "a leaf that expired a year ago", List.of(leaf, CA.certificate()), List.of(CA.certificate()),
                "www.mybank.test", NOW, "compare now (seconds since 1970) with getNotAfter() of every certificate");
    }

    @Test
    @Tag("points=1")
    @DisplayName("a certificate for another host")
    void wrongHost() throws Exception {
        X509Certificate leaf = CA.issueServer(SERVER, NOW.minus(Duration.ofDays(10)), YEAR, "www.mybank.test");
        check(checker, "certificate for www.mybank.test, connecting to www.evil.test", List.of(leaf, CA.certificate()),
                List.of(CA.certificate()), "www.evil.test", NOW,
                "look at the DNS names in the subject alternative names (type 2) of the leaf");
    }

    @Test
    @Tag("points=2")
    @DisplayName("a self-signed impostor is not trusted")
    void untrusted() throws Exception {
        X509Certificate impostor = LabPki.selfSigned(Fixtures.ecKeys(), NOW.minus(Duration.ofDays(10)), YEAR, "www.mybank.test");
        check(checker, "a self-signed certificate for www.mybank.test", List.of(impostor), List.of(CA.certificate()),
                "www.mybank.test", NOW, "the last certificate must be a trust anchor, or be signed by one whose name is its issuer");
    }
}
