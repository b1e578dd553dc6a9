package tlslab.handshake;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * One certificate of a TLS 1.3 Certificate message (RFC 8446 §4.4.2): its DER bytes and its own
 * extensions (an OCSP response, say, for exactly this certificate). Only X.509 certificates here:
 * raw public keys (RFC 7250) would need client_certificate_type/server_certificate_type.
 * <pre>
 *   struct {
 *       opaque cert_data<1..2^24-1>;
 *       Extension extensions<0..2^16-1>;
 *   } CertificateEntry;
 * </pre>
 */
public record CertificateEntry(byte[] certData, List<Extension> extensions) {

    public CertificateEntry(byte[] certData) {
        this(certData, List.of());
    }

    void write(Writer w) {
        w.opaque24(certData);
        Extension.writeList(w, extensions);
    }

    /** Reads one entry; {@code field} names it ("[0]"). The entry has no length of its own. */
    static CertificateEntry read(Reader r, String field) throws DecodeException {
        byte[] der = r.opaque24(field + ".cert_data", 1, 0xffffff);
        r.note(CertificateMessage.subjectOf(der));
        return new CertificateEntry(der, Tls13Extensions.readList(r, field + ".extensions", ExtensionContext.CERTIFICATE, 0, 0xffff));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateEntry e && Arrays.equals(certData, e.certData) && Objects.equals(extensions, e.extensions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(certData) + Objects.hashCode(extensions);
    }

    @Override
    public String toString() {
        return "CertificateEntry{" + certData.length + " bytes, extensions=" + extensions + "}";
    }
}
