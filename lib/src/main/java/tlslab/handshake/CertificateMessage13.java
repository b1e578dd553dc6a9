package tlslab.handshake;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.alert.TlsException;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * Certificate in TLS 1.3 (RFC 8446 §4.4.2). The same type code as TLS 1.2's (11), a different
 * layout: a certificate_request_context (empty during the handshake; after it, it echoes the
 * CertificateRequest that asked) and a list of entries, each with its own extensions.
 * <pre>
 *   struct {
 *       opaque certificate_request_context<0..2^8-1>;
 *       CertificateEntry certificate_list<0..2^24-1>;
 *   } Certificate;
 * </pre>
 */
public record CertificateMessage13(byte[] certificateRequestContext, List<CertificateEntry> certificateList)
        implements HandshakeMessage {

    /** A handshake Certificate (empty context) carrying {@code chain}, no extensions. */
    public static CertificateMessage13 of(List<X509Certificate> chain) {
        List<CertificateEntry> entries = new ArrayList<>();
        for (byte[] der : CertificateMessage.of(chain).certificates()) entries.add(new CertificateEntry(der));
        return new CertificateMessage13(new byte[0], entries);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(Writer w) {
        w.opaque8(certificateRequestContext);
        w.vector24(v -> certificateList.forEach(e -> e.write(v)));
    }

    static CertificateMessage13 read(Reader r) throws DecodeException {
        byte[] context = r.opaque8("certificate_request_context", 0, 255);
        r.note(context.length == 0 ? "empty: part of the handshake" : "echoes the CertificateRequest's context");
        Reader list = r.vector24("certificate_list", 0, 0xffffff);
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.read(list, "[" + entries.size() + "]"));
        }
        return new CertificateMessage13(context, entries);
    }

    /** The certificates parsed as X.509, sender's first; a malformed one is bad_certificate. */
    public List<X509Certificate> chain() throws TlsException {
        List<byte[]> der = new ArrayList<>();
        certificateList.forEach(e -> der.add(e.certData()));
        return new CertificateMessage(der).chain();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateMessage13 c && Arrays.equals(certificateRequestContext, c.certificateRequestContext)
                && Objects.equals(certificateList, c.certificateList);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(certificateRequestContext) + Objects.hashCode(certificateList);
    }

    @Override
    public String toString() {
        return "Certificate{context=" + Hex.of(certificateRequestContext) + ", " + certificateList.size() + " certificate(s)}";
    }
}
