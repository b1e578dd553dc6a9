package tlslab.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * Certificate (RFC 5246 §7.4.2): the sender's certificate first, then the certificates that vouch
 * for it, each as DER bytes with a 3-byte length. An empty list is a client declining to authenticate.
 */
public record CertificateMessage(List<byte[]> certificates) implements HandshakeMessage {

    public static CertificateMessage of(List<X509Certificate> chain) {
        List<byte[]> der = new ArrayList<>();
        try {
            for (X509Certificate c : chain) der.add(c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return new CertificateMessage(der);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(Writer w) {
        w.vector24(v -> certificates.forEach(v::opaque24));
    }

    static CertificateMessage read(Reader r) throws DecodeException {
        Reader list = r.vector24("certificate_list", 0, 0xffffff);
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] der = list.opaque24("[" + certs.size() + "]", 1, 0xffffff);
            if (list.recording()) list.note(subjectOf(der));   // parsing X.509 only to explain it
            certs.add(der);
        }
        return new CertificateMessage(certs);
    }

    /** The certificates parsed as X.509; a malformed one is bad_certificate. */
    public List<X509Certificate> chain() throws TlsException {
        List<X509Certificate> out = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            try {
                out.add(parse(certificates.get(i)));
            } catch (CertificateException e) {
                throw new TlsException(AlertDescription.BAD_CERTIFICATE,
                        "Certificate.certificate_list[" + i + "] is not a valid X.509 certificate: " + e.getMessage());
            }
        }
        return out;
    }

    private static X509Certificate parse(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static String subjectOf(byte[] der) {
        try {
            return "X.509 certificate for " + parse(der).getSubjectX500Principal().getName();
        } catch (CertificateException | RuntimeException e) {
            return "not a parseable X.509 certificate";
        }
    }

    @Override
    public String toString() {
        return "Certificate{" + certificates.size() + " certificate(s)}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateMessage c && ByteLists.equal(certificates, c.certificates);
    }

    @Override
    public int hashCode() {
        return ByteLists.hash(certificates);
    }
}
