package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslab.keys.TestKeys.CA;
import static tlslab.keys.TestKeys.NOW;
import static tlslab.keys.TestKeys.OTHER_KEYS;
import static tlslab.keys.TestKeys.SERVER_KEYS;
import static tlslab.keys.TestKeys.START;
import static tlslab.keys.TestKeys.YEAR;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tlslab.alert.AlertDescription;
import tlslab.keys.CertificateProblem.Reason;

class CertificateVerifierTest {
    private static final X509Certificate SERVER =
            CA.issueServer(SERVER_KEYS, START, YEAR, "www.mybank.test", "localhost", "127.0.0.1");
    private static final List<X509Certificate> CHAIN = List.of(SERVER, CA.certificate());
    private static final List<X509Certificate> TRUSTED = List.of(CA.certificate());

    private static CertificateProblem reject(List<X509Certificate> chain, String host, Reason reason) {
        CertificateProblem e = assertThrows(CertificateProblem.class,
                () -> CertificateVerifier.verify(chain, TRUSTED, host, NOW));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(reason.alert, e.alert());
        return e;
    }

    @Test
    void acceptsEveryNameOfTheServer() {
        for (String host : new String[] {"www.mybank.test", "WWW.MyBank.Test", "localhost", "127.0.0.1", null}) {
            assertDoesNotThrow(() -> CertificateVerifier.verify(CHAIN, TRUSTED, host, NOW), String.valueOf(host));
        }
        // The root may be left out of the chain: it is already in the trust store.
        assertDoesNotThrow(() -> CertificateVerifier.verify(List.of(SERVER), TRUSTED, "localhost", NOW));
    }

    @Test
    void wrongHost() {
        CertificateProblem e = reject(CHAIN, "www.evil.test", Reason.WRONG_HOST);
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
        assertEquals("certificate is for [www.mybank.test, localhost, 127.0.0.1], not www.evil.test", e.getMessage());
        reject(CHAIN, "127.0.0.2", Reason.WRONG_HOST);
        reject(CHAIN, "mybank.test", Reason.WRONG_HOST);
    }

    @Test
    void selfSignedImposterIsUntrusted() {
        X509Certificate imposter = LabPki.selfSigned(OTHER_KEYS, START, YEAR, "www.mybank.test");
        CertificateProblem e = reject(List.of(imposter), "www.mybank.test", Reason.UNTRUSTED_ISSUER);
        assertEquals(AlertDescription.UNKNOWN_CA, e.alert());
        assertTrue(e.getMessage().contains("CN=www.mybank.test is not a trusted CA (self-signed certificate?)"), e.getMessage());
    }

    @Test
    void impostorCaWithTheSameNameIsUntrusted() {
        CertificateAuthority evil = LabPki.newCa("TLS Lab CA", OTHER_KEYS, START, YEAR);
        X509Certificate forged = evil.issueServer(SERVER_KEYS, START, YEAR, "www.mybank.test");
        CertificateProblem e = reject(List.of(forged, evil.certificate()), "www.mybank.test", Reason.UNTRUSTED_ISSUER);
        assertTrue(e.getMessage().contains("impostor CA"), e.getMessage());
    }

    @Test
    void expiredAndNotYetValid() {
        CertificateProblem e = assertThrows(CertificateProblem.class, () -> CertificateVerifier.verify(
                CHAIN, TRUSTED, "localhost", START.plus(YEAR).plusSeconds(1)));
        assertEquals(Reason.EXPIRED, e.reason());
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, e.alert());
        assertTrue(e.getMessage().contains("expired on 2026-01-01T00:00:00Z"), e.getMessage());

        e = assertThrows(CertificateProblem.class, () -> CertificateVerifier.verify(
                CHAIN, TRUSTED, "localhost", START.minusSeconds(1)));
        assertEquals(Reason.NOT_YET_VALID, e.reason());
    }

    @Test
    void caSwappedForAnotherKeyBreaksTheSignature() {
        CertificateAuthority twin = LabPki.newCa("TLS Lab CA", OTHER_KEYS, START, YEAR);
        CertificateProblem e = reject(List.of(SERVER, twin.certificate()), "localhost", Reason.BAD_SIGNATURE);
        assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert());
        assertEquals("signature of CN=www.mybank.test does not verify with the key of CN=TLS Lab CA", e.getMessage());
    }

    @Test
    void brokenChain() {
        // A certificate signed by the CA's key but naming another issuer: signature fine, names do not chain.
        CertificateAuthority renamed = new CertificateAuthority(TestKeys.CA_KEYS,
                LabPki.newCa("Renamed CA", TestKeys.CA_KEYS, START, YEAR).certificate());
        X509Certificate server = renamed.issueServer(SERVER_KEYS, START, YEAR, "localhost");
        reject(List.of(server, CA.certificate()), "localhost", Reason.BROKEN_CHAIN);
    }

    @Test
    void serverCertificateCannotActAsCa() {
        // The classic attack: use your own valid server certificate to sign one for another site.
        CertificateAuthority notACa = new CertificateAuthority(SERVER_KEYS, SERVER);
        X509Certificate forged = notACa.issueServer(OTHER_KEYS, START, YEAR, "www.evil.test");
        CertificateProblem e = reject(List.of(forged, SERVER, CA.certificate()), "www.evil.test", Reason.NOT_A_CA);
        assertTrue(e.getMessage().contains("is not a CA"), e.getMessage());
    }

    @Test
    void emptyChain() {
        reject(List.of(), "localhost", Reason.EMPTY_CHAIN);
    }

    @Test
    void wildcardMatchesExactlyOneLeftMostLabel() {
        assertTrue(CertificateVerifier.dnsNameMatches("*.mybank.test", "www.mybank.test"));
        assertTrue(CertificateVerifier.dnsNameMatches("*.MyBank.test", "WWW.mybank.test."));
        assertFalse(CertificateVerifier.dnsNameMatches("*.mybank.test", "mybank.test"));
        assertFalse(CertificateVerifier.dnsNameMatches("*.mybank.test", "a.b.mybank.test"));
        assertFalse(CertificateVerifier.dnsNameMatches("w*.mybank.test", "www.mybank.test"));
        assertFalse(CertificateVerifier.dnsNameMatches("www.*.test", "www.mybank.test"));
        assertFalse(CertificateVerifier.dnsNameMatches("*.test", "mybank.test"));

        X509Certificate wildcard = CA.issueServer(SERVER_KEYS, START, YEAR, "*.mybank.test");
        List<X509Certificate> chain = List.of(wildcard);
        assertDoesNotThrow(() -> CertificateVerifier.verify(chain, TRUSTED, "login.mybank.test", NOW));
        reject(chain, "a.login.mybank.test", Reason.WRONG_HOST);
    }

    @Test
    void ipLiteralsMatchOnlyIpAddressNames() {
        X509Certificate v6 = CA.issueServer(SERVER_KEYS, START, YEAR, "::1");
        assertDoesNotThrow(() -> CertificateVerifier.verify(List.of(v6), TRUSTED, "0:0:0:0:0:0:0:1", NOW));
        X509Certificate named = CA.issueServer(SERVER_KEYS, START, YEAR, "localhost");
        reject(List.of(named), "127.0.0.1", Reason.WRONG_HOST);
    }

    @Test
    void validityEndsAfterTheGivenDuration() {
        assertEquals(START.plus(Duration.ofDays(365)), SERVER.getNotAfter().toInstant());
    }
}
