package tlslab.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tlslab.wire.DecodeException;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * CertificateRequest (RFC 5246 §7.4.4): the server asks the client to authenticate too, saying
 * which certificate types and signature algorithms it takes and which CAs it trusts.
 */
public record CertificateRequest(byte[] certificateTypes, List<Integer> signatureAlgorithms,
                                 List<byte[]> certificateAuthorities) implements HandshakeMessage {
    public static final int RSA_SIGN = 1;

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(Writer w) {
        w.opaque8(certificateTypes);
        w.vector16(v -> signatureAlgorithms.forEach(v::u16));
        w.vector16(v -> certificateAuthorities.forEach(v::opaque16));
    }

    static CertificateRequest read(Reader r) throws DecodeException {
        byte[] types = r.opaque8("certificate_types", 1, 255);
        r.note(types.length == 1 && types[0] == RSA_SIGN ? "rsa_sign" : types.length + " type(s)");
        Reader algs = r.vector16("supported_signature_algorithms", 2, 0xfffe);
        List<Integer> schemes = new ArrayList<>();
        while (algs.hasRemaining()) {
            int s = algs.u16("[" + schemes.size() + "]");
            algs.note(SignatureScheme.nameOf(s));
            schemes.add(s);
        }
        Reader cas = r.vector16("certificate_authorities", 0, 0xffff);
        List<byte[]> names = new ArrayList<>();
        while (cas.hasRemaining()) {
            byte[] dn = cas.opaque16("[" + names.size() + "]", 1, 0xffff);
            cas.note(distinguishedName(dn));
            names.add(dn);
        }
        return new CertificateRequest(types, schemes, names);
    }

    private static String distinguishedName(byte[] der) {
        try {
            return new javax.security.auth.x500.X500Principal(der).getName();
        } catch (IllegalArgumentException e) {
            return "not a valid distinguished name";
        }
    }

    @Override
    public String toString() {
        return "CertificateRequest{" + certificateAuthorities.size() + " CA name(s)}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest c && Arrays.equals(certificateTypes, c.certificateTypes)
                && Objects.equals(signatureAlgorithms, c.signatureAlgorithms)
                && ByteLists.equal(certificateAuthorities, c.certificateAuthorities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(certificateTypes), signatureAlgorithms, ByteLists.hash(certificateAuthorities));
    }
}
