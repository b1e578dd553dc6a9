package tlslab.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the certificates of the lab: a CA, server and client certificates it signs, and a
 * self-signed "imposter" that looks like a server certificate but that nobody vouches for.
 * Bouncy Castle only builds the certificate bytes; the signing is done by the JDK's own providers.
 */
public final class LabPki {
    /** The four files {@link #writeLabFiles} leaves in its directory. */
    public record LabFiles(Path caCert, Path caKey, Path serverChain, Path serverKey) {
    }

    enum Kind { CA, SERVER, CLIENT }

    static final String LAB_CA_NAME = "TLS Lab CA";
    static final String[] LAB_HOSTS = {"www.mybank.test", "localhost", "127.0.0.1"};

    private LabPki() {
    }

    /** A self-signed CA certificate: it is its own issuer, and clients trust it because they are told to. */
    public static CertificateAuthority newCa(String commonName, KeyPair keys, Instant notBefore, Duration validity) {
        X500Name name = cn(commonName);
        return new CertificateAuthority(keys, build(Kind.CA, name, keys.getPublic(), name, keys, notBefore, validity, List.of()));
    }

    /** Shaped exactly like a server certificate, but signed with its own key instead of a CA's. */
    public static X509Certificate selfSigned(KeyPair keys, Instant notBefore, Duration validity, String... hostnames) {
        X500Name name = subjectFor(hostnames);
        return build(Kind.SERVER, name, keys.getPublic(), name, keys, notBefore, validity, List.of(hostnames));
    }

    /**
     * Makes (or reuses, when they are still readable, matching and valid) the lab CA and a
     * 2048-bit server certificate for www.mybank.test, localhost and 127.0.0.1.
     */
    public static LabFiles writeLabFiles(Path dir, SecureRandom random) throws IOException {
        Files.createDirectories(dir);
        LabFiles files = new LabFiles(dir.resolve("ca.pem"), dir.resolve("ca.key.pem"),
                dir.resolve("server.pem"), dir.resolve("server.key.pem"));
        // Whole days, so runs on the same day with the same seed give the same bytes.
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Duration oneYear = Duration.ofDays(365);

        CertificateAuthority ca = readCa(files);
        if (ca == null) {
            ca = newCa(LAB_CA_NAME, RsaKeys.generate(2048, random), notBefore, oneYear);
            Pem.write(files.caCert(), Pem.encode(ca.certificate()));
            Pem.write(files.caKey(), Pem.encode(ca.keys().getPrivate()));
        }
        if (!serverFilesUsable(files, ca)) {
            KeyPair serverKeys = RsaKeys.generate(2048, random);
            X509Certificate server = ca.issueServer(serverKeys, notBefore, oneYear, LAB_HOSTS);
            // Servers send their chain without the root, but including it is harmless and
            // lets students see the whole path in one file.
            Pem.write(files.serverChain(), Pem.encode(server, ca.certificate()));
            Pem.write(files.serverKey(), Pem.encode(serverKeys.getPrivate()));
        }
        return files;
    }

    /** The CA from earlier files, or null if they are missing, unreadable or do not belong together. */
    private static CertificateAuthority readCa(LabFiles files) {
        try {
            X509Certificate cert = Pem.readCertificates(files.caCert()).get(0);
            PrivateKey key = Pem.readPrivateKey(files.caKey());
            cert.checkValidity();
            return keysMatch(cert.getPublicKey(), key) ? new CertificateAuthority(new KeyPair(cert.getPublicKey(), key), cert) : null;
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            return null;
        }
    }

    private static boolean serverFilesUsable(LabFiles files, CertificateAuthority ca) {
        try {
            List<X509Certificate> chain = Pem.readCertificates(files.serverChain());
            PrivateKey key = Pem.readPrivateKey(files.serverKey());
            CertificateVerifier.verify(chain, List.of(ca.certificate()), LAB_HOSTS[0], Instant.now());
            return keysMatch(chain.get(0).getPublicKey(), key);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean keysMatch(PublicKey publicKey, PrivateKey privateKey) {
        return publicKey instanceof RSAPublicKey pub && privateKey instanceof RSAPrivateKey priv
                && pub.getModulus().equals(priv.getModulus());
    }

    static X500Name cn(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    static X500Name subjectFor(String... hostnames) {
        if (hostnames.length == 0) throw new IllegalArgumentException("a server certificate needs at least one hostname");
        return cn(hostnames[0]);
    }

    /** The one place every certificate of the lab is put together. */
    static X509Certificate build(Kind kind, X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                                 Instant notBefore, Duration validity, List<String> hostnames) {
        // X.509 times have whole seconds; cutting here makes getNotBefore() equal what was asked for.
        Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(issuer, subject, subjectKey, start),
                    Date.from(start), Date.from(start.plus(validity)), subject, subjectKey);
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey));
            if (kind == Kind.CA) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                boolean server = kind == Kind.SERVER;
                // keyEncipherment: the TLS 1.2 RSA key exchange encrypts the pre-master secret to this key.
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(server
                        ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
            }
            if (!hostnames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostnames));
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not build the certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** IP literals go in iPAddress entries (a dNSName must be a name); everything else is a dNSName. */
    private static GeneralNames subjectAltNames(List<String> hostnames) {
        GeneralName[] names = new GeneralName[hostnames.size()];
        for (int i = 0; i < names.length; i++) {
            String host = hostnames.get(i);
            InetAddress ip = CertificateVerifier.ipLiteral(host);
            names[i] = ip != null ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host);
        }
        return new GeneralNames(names);
    }

    /**
     * RFC 5280 wants serials unique per CA; a hash of what makes the certificate different does
     * that and, unlike a random serial, gives the same bytes every run.
     */
    private static BigInteger serial(X500Name issuer, X500Name subject, PublicKey key, Instant notBefore)
            throws GeneralSecurityException, IOException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(issuer.getEncoded());
        sha.update(subject.getEncoded());
        sha.update(key.getEncoded());
        sha.update(Long.toString(notBefore.getEpochSecond()).getBytes());
        // 16 bytes, read as a positive number: well under the 20-byte limit.
        return new BigInteger(1, Arrays.copyOf(sha.digest(), 16));
    }
}
