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
        // BEGIN SOLUTION ChainVerifier.check: the seven checks, in order
        if (chain.isEmpty()) return "EMPTY_CHAIN";
        java.util.Date at = new java.util.Date(now * 1000);
        for (X509Certificate c : chain) {
            if (at.after(c.getNotAfter())) return "EXPIRED";
            if (at.before(c.getNotBefore())) return "NOT_YET_VALID";
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signedBy(chain.get(i), chain.get(i + 1))) return "BAD_SIGNATURE";
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                return "BROKEN_CHAIN";
            }
        }
        X509Certificate top = chain.get(chain.size() - 1);
        boolean trusted = false;
        for (X509Certificate a : anchors) {
            if (a.equals(top) || (a.getSubjectX500Principal().equals(top.getIssuerX500Principal()) && signedBy(top, a))) {
                trusted = true;
                break;
            }
        }
        if (!trusted) return "UNTRUSTED_ISSUER";
        for (int i = 1; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            boolean[] ku = c.getKeyUsage();
            if (c.getBasicConstraints() < 0 || (ku != null && !ku[5])) return "NOT_A_CA";
        }
        if (hostname != null && !hostMatches(chain.get(0), hostname)) return "WRONG_HOST";
        return "OK";
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean hostMatches(X509Certificate leaf, String hostname) {
        String host = norm(hostname);
        boolean isIp = isIpLiteral(hostname);
        List<String> names = new ArrayList<>();
        boolean matched = false;
        try {
            java.util.Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = (String) san.get(1);
                    if (type == 2) {
                        names.add(value);
                        matched |= !isIp && dnsMatches(norm(value), host);
                    } else if (type == 7) {
                        names.add(value);
                        matched |= isIp && sameAddress(value, hostname);
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        if (names.isEmpty()) {
            String cn = commonName(leaf);
            return cn != null && !isIp && dnsMatches(norm(cn), host);
        }
        return matched;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            int dot = host.indexOf('.');
            return suffix.indexOf('.', 1) > 0 && dot > 0 && host.substring(dot).equals(suffix);
        }
        return pattern.equals(host);
    }

    private static String norm(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
    // END SOLUTION

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
