package tlslab.exercises.hidden;

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

@DisplayName("Exercise 9 · Certificates (hidden)")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex09CertificatesHiddenTest {
    static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final KeyPair CA_KEYS = Fixtures.ecKeys();
    static final CertificateAuthority CA = LabPki.newCa("Hidden CA", CA_KEYS, NOW.minus(YEAR), YEAR.multipliedBy(5));
    static final KeyPair SERVER = Fixtures.ecKeys();

    final ChainChecker checker = Impl.of(ChainChecker.class);

    void check(String what, List<X509Certificate> chain, String host, String expectedReason) throws Exception {
        String expected;
        try {
            CertificateVerifier.verify(chain, List.of(CA.certificate()), host, NOW);
            expected = "OK";
        } catch (CertificateProblem p) {
            expected = p.reason().name();
        }
        Expect.equal("library's verdict on " + what + " (test set-up)", expectedReason, expected, null);
        byte[][] ders = new byte[chain.size()][];
        for (int i = 0; i < ders.length; i++) ders[i] = chain.get(i).getEncoded();
        Expect.equal(what, expected, checker.check(ders, new byte[][] {CA.certificate().getEncoded()}, host, NOW.getEpochSecond()),
                null);
    }

    X509Certificate leaf(String... hosts) {
        return CA.issueServer(SERVER, NOW.minus(Duration.ofDays(5)), YEAR, hosts);
    }

    @Test
    @Tag("points=2")
    @DisplayName("not yet valid, bad signature, broken chain, not a CA, empty chain")
    void problems() throws Exception {
        check("a leaf valid only from next month", List.of(CA.issueServer(SERVER, NOW.plus(Duration.ofDays(30)), YEAR,
                "www.mybank.test"), CA.certificate()), "www.mybank.test", "NOT_YET_VALID");
        CertificateAuthority twin = LabPki.newCa("Hidden CA", Fixtures.ecKeys(), NOW.minus(YEAR), YEAR.multipliedBy(5));
        check("a leaf signed by another key of the same name", List.of(twin.issueServer(SERVER, NOW.minus(Duration.ofDays(5)),
                YEAR, "www.mybank.test"), CA.certificate()), "www.mybank.test", "BAD_SIGNATURE");
        CertificateAuthority renamed = new CertificateAuthority(CA_KEYS,
                LabPki.newCa("Other Name CA", CA_KEYS, NOW.minus(YEAR), YEAR.multipliedBy(5)).certificate());
        check("a CA certificate whose name is not the leaf's issuer", List.of(leaf("www.mybank.test"), renamed.certificate()),
                "www.mybank.test", "BROKEN_CHAIN");
        X509Certificate server = leaf("www.mybank.test");
        CertificateAuthority fake = new CertificateAuthority(SERVER, server);
        check("a server certificate used as a CA", List.of(fake.issueServer(Fixtures.ecKeys(), NOW.minus(Duration.ofDays(5)), YEAR,
                "www.bank.test"), server, CA.certificate()), "www.bank.test", "NOT_A_CA");
        check("an empty chain", List.of(), "www.mybank.test", "EMPTY_CHAIN");
    }

    @Test
    @Tag("points=2")
    @DisplayName("host names: case, wildcards, IP addresses, no host")
    void hostNames() throws Exception {
        X509Certificate wild = leaf("*.mybank.test");
        check("*.mybank.test for WWW.MyBank.Test", List.of(wild), "WWW.MyBank.Test", "OK");
        check("*.mybank.test for a.b.mybank.test", List.of(wild), "a.b.mybank.test", "WRONG_HOST");
        check("*.mybank.test for mybank.test", List.of(wild), "mybank.test", "WRONG_HOST");
        X509Certificate ip = leaf("www.mybank.test", "127.0.0.1");
        check("an IP address entry for 127.0.0.1", List.of(ip), "127.0.0.1", "OK");
        check("an IP address entry for 127.0.0.2", List.of(ip), "127.0.0.2", "WRONG_HOST");
        check("no host name to check", List.of(ip), null, "OK");
        check("www.mybank.test. (absolute form)", List.of(ip), "www.mybank.test.", "OK");
    }
}
