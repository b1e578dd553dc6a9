package tlslab.keys;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A CA is just a key pair plus a certificate that names it. Nothing here checks that the
 * certificate really says CA:true: that is on purpose, so the lab can show what happens when a
 * verifier forgets to check (and {@link CertificateVerifier} does check).
 */
public final class CertificateAuthority {
    private final KeyPair keys;
    private final X509Certificate certificate;

    public CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    public KeyPair keys() {
        return keys;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for a TLS server; the first hostname also becomes the subject CN. */
    public X509Certificate issueServer(KeyPair serverKeys, Instant notBefore, Duration validity, String... hostnames) {
        return LabPki.build(LabPki.Kind.SERVER, LabPki.subjectFor(hostnames), serverKeys.getPublic(), issuer(),
                keys, notBefore, validity, List.of(hostnames));
    }

    /** A certificate a TLS client can present when the server asks for one. */
    public X509Certificate issueClient(KeyPair clientKeys, Instant notBefore, Duration validity, String commonName) {
        return LabPki.build(LabPki.Kind.CLIENT, LabPki.cn(commonName), clientKeys.getPublic(), issuer(),
                keys, notBefore, validity, List.of());
    }

    private X500Name issuer() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }
}
