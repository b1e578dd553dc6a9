package tlslab.keys;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM is Base64 of the DER bytes between "-----BEGIN X-----" and "-----END X-----" lines; the
 * label X says what is inside. Errors name the file and the labels that were found instead.
 */
public final class Pem {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private Pem() {
    }

    /** One CERTIFICATE block per certificate, in the given order (a chain: leaf first). */
    public static String encode(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // cannot happen when writing to a string
        }
        return out.toString();
    }

    /** PKCS#8 "PRIVATE KEY": a Java private key's getEncoded() already is PKCS#8, whatever the algorithm. */
    public static String encode(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(Path file, String pem) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, pem);
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return readCertificates(read(file), file.getFileName().toString());
    }

    public static List<X509Certificate> readCertificates(String pemText) {
        return readCertificates(pemText, "the PEM text");
    }

    /** Accepts PKCS#8 "PRIVATE KEY" and the older OpenSSL "RSA PRIVATE KEY" / "EC PRIVATE KEY". */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return readPrivateKey(read(file), file.getFileName().toString());
    }

    public static PrivateKey readPrivateKey(String pemText) {
        return readPrivateKey(pemText, "the PEM text");
    }

    private static List<X509Certificate> readCertificates(String text, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : parse(text, source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("a CERTIFICATE block in " + source + " is not a valid X.509 certificate", e);
                }
            }
        }
        if (certificates.isEmpty()) throw new IllegalArgumentException("no CERTIFICATE block in " + source + found(text));
        return certificates;
    }

    private static PrivateKey readPrivateKey(String text, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : parse(text, source)) {
            try {
                if (object instanceof PrivateKeyInfo pkcs8) return converter.getPrivateKey(pkcs8);
                if (object instanceof PEMKeyPair openssl) return converter.getPrivateKey(openssl.getPrivateKeyInfo());
            } catch (IOException e) {
                throw new IllegalArgumentException("the private key in " + source + " could not be decoded: " + e.getMessage(), e);
            }
        }
        String why = text.contains("ENCRYPTED") ? " (password-protected keys are not supported; decrypt it with"
                + " `openssl pkey -in key.pem -out plain.pem`)" : found(text);
        throw new IllegalArgumentException("no unencrypted PRIVATE KEY block in " + source + why);
    }

    /** Every object PEMParser understands; it decides from the BEGIN label what each block holds. */
    private static List<Object> parse(String text, String source) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) objects.add(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed PEM in " + source + ": " + e.getMessage(), e);
        }
        return objects;
    }

    /** " (found: PRIVATE KEY)", or a hint when there are no PEM blocks at all. */
    private static String found(String text) {
        List<String> labels = new ArrayList<>();
        Matcher m = BEGIN.matcher(text);
        while (m.find()) labels.add(m.group(1));
        return labels.isEmpty() ? " (no PEM blocks at all: is it binary DER, or empty?)" : " (found: " + String.join(", ", labels) + ")";
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new FileNotFoundException("file not found: " + file.toAbsolutePath());
        // Latin-1 never fails to decode, so a binary DER file still gets the "no PEM blocks" hint.
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
