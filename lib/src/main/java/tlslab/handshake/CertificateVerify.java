package tlslab.handshake;

import java.util.Arrays;

import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * CertificateVerify (RFC 5246 §7.4.8): sent only by a client that sent a certificate. It signs all
 * handshake messages so far with the client's private key, proving the client owns that
 * certificate. (It is not a client confirming the server's certificate.)
 */
public record CertificateVerify(int signatureScheme, byte[] signature) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void writeBody(Writer w) {
        w.u16(signatureScheme).opaque16(signature);
    }

    static CertificateVerify read(Reader r) throws DecodeException {
        int scheme = r.u16("signature_algorithm");
        r.note(SignatureScheme.nameOf(scheme));
        byte[] sig = r.opaque16("signature", 0, 0xffff);
        r.note("client's signature over every handshake message so far");
        return new CertificateVerify(scheme, sig);
    }

    /**
     * TLS 1.3 (RFC 8446 §4.4.3): the same struct, sent by whichever side has a certificate. The
     * signature covers 64 spaces, a context string and the transcript hash, not the messages.
     */
    static CertificateVerify read13(Reader r) throws DecodeException {
        int scheme = r.u16("algorithm");
        r.note(SignatureScheme.nameOf(scheme));
        byte[] sig = r.opaque16("signature", 0, 0xffff);
        r.note("signature over 0x20 x 64, the context string, 0x00 and Transcript-Hash");
        return new CertificateVerify(scheme, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateVerify v && signatureScheme == v.signatureScheme && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() {
        return 31 * signatureScheme + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify{" + SignatureScheme.nameOf(signatureScheme) + ", signature=" + Hex.abbreviate(signature, 8) + "}";
    }
}
