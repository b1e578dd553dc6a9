package tlslab.exercises.ex09;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import tlslab.exercise.ChainChecker;

/**
 * Exercise 9 — check a certificate chain the way a TLS client does (see {@link ChainChecker} for
 * the order of the checks and the answers).
 *
 * <p>Useful JDK calls: {@code X509Certificate.getNotBefore/getNotAfter}, {@code verify(PublicKey)}
 * (throws if the signature is wrong), {@code getIssuerX500Principal/getSubjectX500Principal},
 * {@code getBasicConstraints} (−1 if not a CA), {@code getKeyUsage} (index 5 = keyCertSign),
 * {@code getSubjectAlternativeNames} (entries [2, "dns.name"] and [7, "ip address"]), and
 * {@code equals} (compares the encoded bytes). The library's CertificateVerifier is off limits here.
 */
public class ChainVerifier implements ChainChecker {

    @Override
    public String check(byte[][] chainDer, byte[][] anchorsDer, String hostname, long now) {
        List<X509Certificate> chain = parse(chainDer);
        List<X509Certificate> anchors = parse(anchorsDer);
        // TODO: the seven checks, in order
        throw new UnsupportedOperationException("not written yet: ChainVerifier.check");
    }

    /** DER bytes to X509Certificate objects (given: not part of the exercise). */
    private static List<X509Certificate> parse(byte[][] ders) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a certificate: " + e.getMessage(), e);
        }
        return out;
    }
}
