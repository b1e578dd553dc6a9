package tlslab.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** The fields of a certificate as short, readable rows {field, value}, like a browser's viewer. */
public final class CertificateInfo {
    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final Map<String, String> PURPOSES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4", "emailProtection");
    private static final Map<Integer, String> SAN_TYPES = Map.of(1, "email", 2, "DNS", 6, "URI", 7, "IP");
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";

    private CertificateInfo() {
    }

    public static List<String[]> describe(X509Certificate cert) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("Version", "v" + cert.getVersion()));
        rows.add(row("Serial", cert.getSerialNumber().toString(16)));
        rows.add(row("Signature algorithm", cert.getSigAlgName()));
        rows.add(row("Issuer", cert.getIssuerX500Principal().getName(X500Principal.RFC2253)));
        rows.add(row("Subject", cert.getSubjectX500Principal().getName(X500Principal.RFC2253)));
        rows.add(row("Not before", cert.getNotBefore().toInstant().toString()));
        rows.add(row("Not after", cert.getNotAfter().toInstant().toString()));
        rows.add(row("Public key", publicKey(cert.getPublicKey())));
        rows.add(row("Subject alternative names", subjectAltNames(cert)));
        rows.add(row("Basic constraints", basicConstraints(cert)));
        rows.add(row("Key usage", keyUsage(cert.getKeyUsage())));
        rows.add(row("Extended key usage", extendedKeyUsage(cert)));
        rows.add(row("SHA-256 fingerprint", fingerprint(cert)));
        return rows;
    }

    private static String[] row(String field, String value) {
        return new String[] {field, value};
    }

    /** "RSA 2048-bit, e=65537, modulus a1b2c3d4…": the start of the modulus is enough to tell keys apart. */
    static String publicKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            String modulus = rsa.getModulus().toString(16);
            return "RSA " + rsa.getModulus().bitLength() + "-bit, e=" + rsa.getPublicExponent()
                    + ", modulus " + modulus.substring(0, Math.min(16, modulus.length())) + "…";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        return key.getAlgorithm();
    }

    private static String subjectAltNames(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) return "none";
            List<String> names = new ArrayList<>();
            for (List<?> san : sans) {
                names.add(SAN_TYPES.getOrDefault((Integer) san.get(0), "other") + ":" + san.get(1));
            }
            return String.join(", ", names);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String basicConstraints(X509Certificate cert) {
        // getBasicConstraints() is -1 both for CA:false and for "no extension", so look for the extension.
        if (cert.getExtensionValue(BASIC_CONSTRAINTS) == null) return "none";
        int pathLength = cert.getBasicConstraints();
        String value = pathLength < 0 ? "CA:false"
                : pathLength == Integer.MAX_VALUE ? "CA:true" : "CA:true, path length " + pathLength;
        return cert.getCriticalExtensionOIDs().contains(BASIC_CONSTRAINTS) ? value + " (critical)" : value;
    }

    private static String keyUsage(boolean[] bits) {
        if (bits == null) return "none";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) names.add(KEY_USAGES[i]);
        }
        return String.join(", ", names);
    }

    private static String extendedKeyUsage(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            if (oids == null) return "none";
            List<String> names = new ArrayList<>();
            for (String oid : oids) names.add(PURPOSES.getOrDefault(oid, oid));
            return String.join(", ", names);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** Hash of the whole certificate: how people compare certificates by eye. */
    static String fingerprint(X509Certificate cert) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }
}
