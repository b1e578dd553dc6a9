package tlslab.bench;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import tlslab.keys.CertificateAuthority;
import tlslab.keys.LabPki;
import tlslab.keys.RsaKeys;

/**
 * The one RSA-2048 server key and certificate both implementations use, issued by an RSA-2048 lab
 * CA that both clients trust. Made once per benchmark JVM (key generation takes a while).
 */
final class Identity {
    static final String HOST = "www.mybank.test";

    final X509Certificate caCertificate;
    final X509Certificate serverCertificate;
    final PrivateKey serverKey;

    private Identity() {
        SecureRandom random = new SecureRandom();
        Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        CertificateAuthority ca = LabPki.newCa("TLS Lab Bench CA", RsaKeys.generate(2048, random), notBefore, Duration.ofDays(30));
        KeyPair server = RsaKeys.generate(2048, random);
        this.caCertificate = ca.certificate();
        this.serverCertificate = ca.issueServer(server, notBefore, Duration.ofDays(30), HOST);
        this.serverKey = server.getPrivate();
    }

    private static final class Holder {
        static final Identity INSTANCE = new Identity();
    }

    static Identity get() {
        return Holder.INSTANCE;
    }
}
