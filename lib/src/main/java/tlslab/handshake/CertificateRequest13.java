package tlslab.handshake;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * CertificateRequest in TLS 1.3 (RFC 8446 §4.3.2). The same type code as TLS 1.2's (13); what was
 * fixed fields (certificate types, signature algorithms, CA names) is now extensions:
 * signature_algorithms (which must be there), certificate_authorities, oid_filters, ... The
 * context is empty during the handshake; after it, it tells requests apart, and the client's
 * Certificate echoes it.
 * <pre>
 *   struct {
 *       opaque certificate_request_context<0..2^8-1>;
 *       Extension extensions<2..2^16-1>;
 *   } CertificateRequest;
 * </pre>
 */
public record CertificateRequest13(byte[] certificateRequestContext, List<Extension> extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(Writer w) {
        w.opaque8(certificateRequestContext);
        Extension.writeList(w, extensions);
    }

    static CertificateRequest13 read(Reader r) throws DecodeException {
        byte[] context = r.opaque8("certificate_request_context", 0, 255);
        r.note(context.length == 0 ? "empty: part of the handshake" : "names this request; the Certificate echoes it");
        return new CertificateRequest13(context,
                Tls13Extensions.readList(r, "extensions", ExtensionContext.CERTIFICATE_REQUEST, 2, 0xffff));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest13 c && Arrays.equals(certificateRequestContext, c.certificateRequestContext)
                && Objects.equals(extensions, c.extensions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(certificateRequestContext) + Objects.hashCode(extensions);
    }

    @Override
    public String toString() {
        return "CertificateRequest{context=" + Hex.of(certificateRequestContext) + ", extensions="
                + extensions.stream().map(e -> Extension.shortName(e.type())).toList() + "}";
    }
}
