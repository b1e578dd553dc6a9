package tlslab.keys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.util.IPAddress;
import tlslab.keys.CertificateProblem.Reason;

/**
 * The checks a TLS client makes on the server's certificate chain, one at a time and in plain
 * sight, each failing with a message that says which certificate and why. Real verifiers (the
 * JDK's PKIX) check more: revocation, name constraints, path lengths, key usage of the leaf.
 */
public final class CertificateVerifier {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final int KEY_CERT_SIGN = 5;   // index in getKeyUsage()

    private CertificateVerifier() {
    }

    /** @param chain leaf first, each next certificate the issuer of the one before */
    public static void verify(List<X509Certificate> chain, Collection<X509Certificate> trustAnchors,
                              String hostname, Instant now) throws CertificateProblem {
        if (chain == null || chain.isEmpty()) {
            throw new CertificateProblem(Reason.EMPTY_CHAIN, "the peer sent no certificate at all");
        }
        for (X509Certificate cert : chain) checkValidity(cert, now);
        for (int i = 0; i + 1 < chain.size(); i++) checkSignature(chain.get(i), chain.get(i + 1));
        for (int i = 0; i + 1 < chain.size(); i++) checkNames(chain.get(i), chain.get(i + 1));
        checkTrusted(chain.get(chain.size() - 1), trustAnchors);
        for (int i = 1; i < chain.size(); i++) checkIsCa(chain.get(i), chain.get(i - 1));
        if (hostname != null) checkHostname(chain.get(0), hostname);
    }

    private static void checkValidity(X509Certificate cert, Instant now) throws CertificateProblem {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new CertificateProblem(Reason.EXPIRED, "certificate " + subject(cert) + " expired on " + notAfter
                    + " (it is now " + now + ")");
        }
        if (now.isBefore(notBefore)) {
            throw new CertificateProblem(Reason.NOT_YET_VALID, "certificate " + subject(cert) + " is not valid until "
                    + notBefore + " (it is now " + now + "); is a clock wrong?");
        }
    }

    /** The issuer's public key must verify the signature over the certificate's contents. */
    private static void checkSignature(X509Certificate cert, X509Certificate issuer) throws CertificateProblem {
        if (!signedBy(cert, issuer)) {
            throw new CertificateProblem(Reason.BAD_SIGNATURE, "signature of " + subject(cert)
                    + " does not verify with the key of " + subject(issuer));
        }
    }

    private static void checkNames(X509Certificate cert, X509Certificate next) throws CertificateProblem {
        if (!cert.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
            throw new CertificateProblem(Reason.BROKEN_CHAIN, "certificate " + subject(cert) + " was issued by "
                    + issuer(cert) + ", but the next certificate in the chain is " + subject(next));
        }
    }

    /** The top of the chain must be a trust anchor, or be signed by one: that is where trust comes from. */
    private static void checkTrusted(X509Certificate top, Collection<X509Certificate> anchors) throws CertificateProblem {
        boolean sameNameAnchor = false;
        for (X509Certificate anchor : anchors) {
            if (anchor.equals(top)) return;   // X509Certificate.equals compares the encoded bytes
            if (anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                if (signedBy(top, anchor)) return;
                sameNameAnchor = true;
            }
        }
        String why = sameNameAnchor ? " (a trusted CA has that name, but its key did not make this signature: an impostor CA?)"
                : top.getSubjectX500Principal().equals(top.getIssuerX500Principal()) ? " (self-signed certificate?)" : "";
        throw new CertificateProblem(Reason.UNTRUSTED_ISSUER, "issuer " + issuer(top) + " is not a trusted CA" + why);
    }

    /** Without this check, any server could use its own certificate to sign one for someone else's name. */
    private static void checkIsCa(X509Certificate cert, X509Certificate child) throws CertificateProblem {
        boolean[] keyUsage = cert.getKeyUsage();
        if (cert.getBasicConstraints() < 0) {
            throw new CertificateProblem(Reason.NOT_A_CA, subject(cert) + " signed " + subject(child)
                    + " but is not a CA (its Basic Constraints do not say CA:true)");
        }
        if (keyUsage != null && !keyUsage[KEY_CERT_SIGN]) {
            throw new CertificateProblem(Reason.NOT_A_CA, subject(cert) + " signed " + subject(child)
                    + " but its Key Usage does not allow signing certificates (keyCertSign)");
        }
    }

    /** RFC 6125: look only at the subject alternative names, and at the CN only if there are none. */
    private static void checkHostname(X509Certificate leaf, String hostname) throws CertificateProblem {
        List<String> names = new ArrayList<>();
        InetAddress hostIp = ipLiteral(hostname);
        boolean matched = false;
        for (List<?> san : subjectAltNames(leaf)) {
            int type = (Integer) san.get(0);
            String value = (String) san.get(1);
            if (type == DNS_NAME) {
                names.add(value);
                matched |= hostIp == null && dnsNameMatches(value, hostname);
            } else if (type == IP_ADDRESS) {
                names.add(value);
                matched |= hostIp != null && hostIp.equals(ipLiteral(value));
            }
        }
        if (names.isEmpty()) {
            // Legacy fallback that browsers have dropped; kept so old-style certificates still work here.
            String cn = commonName(leaf);
            if (cn != null) {
                names.add(cn);
                matched = hostIp == null && dnsNameMatches(cn, hostname);
            }
        }
        if (!matched) {
            throw new CertificateProblem(Reason.WRONG_HOST, "certificate is for " + names + ", not " + hostname);
        }
    }

    /** Case-insensitive; "*" only as the whole left-most label, standing for exactly one label. */
    static boolean dnsNameMatches(String pattern, String hostname) {
        String p = normalize(pattern);
        String h = normalize(hostname);
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);                       // ".example.com"
            int firstDot = h.indexOf('.');
            // "*.com" would cover a whole top-level domain, so the rest must have two labels at least.
            return suffix.indexOf('.', 1) > 0 && firstDot > 0 && h.substring(firstDot).equals(suffix);
        }
        return p.equals(h);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;   // "example.com." is absolute form
    }

    /** The address if the text is an IPv4 or IPv6 literal, else null; never asks DNS. */
    static InetAddress ipLiteral(String text) {
        // Checked first, because getByName would ask DNS about anything that is not a valid literal.
        if (!IPAddress.isValid(text)) return null;
        try {
            return InetAddress.getByName(text);   // a literal is parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate cert) throws CertificateProblem {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            return sans == null ? List.of() : sans;
        } catch (CertificateParsingException e) {
            throw new CertificateProblem(Reason.WRONG_HOST, "the subject alternative names of " + subject(cert)
                    + " cannot be parsed", e);
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
            }
        } catch (InvalidNameException e) {
            // fall through: no usable CN
        }
        return null;
    }

    static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static String issuer(X509Certificate cert) {
        return cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }
}
