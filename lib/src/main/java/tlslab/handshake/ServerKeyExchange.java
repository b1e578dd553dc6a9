package tlslab.handshake;

import java.util.Arrays;
import java.util.Objects;

import tlslab.alert.AlertDescription;
import tlslab.crypto.NamedGroup;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Reader;
import tlslab.wire.Writer;

/**
 * ServerKeyExchange for ECDHE_RSA (RFC 8422 §5.4): the curve, the server's fresh public share, and
 * an RSA signature over client_random ‖ server_random ‖ those parameters, which proves the share
 * comes from the certificate's owner. Not sent with RSA key exchange.
 */
public record ServerKeyExchange(int namedCurve, byte[] publicKey, int signatureScheme, byte[] signature)
        implements HandshakeMessage {
    static final int NAMED_CURVE = 3;

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(Writer w) {
        w.bytes(params(namedCurve, publicKey)).u16(signatureScheme).opaque16(signature);
    }

    /** ServerECDHParams as signed: curve_type ‖ named_curve ‖ public point. */
    public static byte[] params(int namedCurve, byte[] publicKey) {
        return new Writer().u8(NAMED_CURVE).u16(namedCurve).opaque8(publicKey).toByteArray();
    }

    /** What the signature covers. */
    public static byte[] signedData(byte[] clientRandom, byte[] serverRandom, int namedCurve, byte[] publicKey) {
        return new Writer().bytes(clientRandom).bytes(serverRandom).bytes(params(namedCurve, publicKey)).toByteArray();
    }

    static ServerKeyExchange read(Reader r) throws DecodeException {
        int curveType = r.u8("curve_type");
        if (curveType != NAMED_CURVE) {
            throw r.error(AlertDescription.HANDSHAKE_FAILURE, "curve_type", "only named_curve (3) is supported, got " + curveType);
        }
        r.note("named_curve");
        int curve = r.u16("named_curve");
        r.note(NamedGroup.nameOf(curve));
        byte[] point = r.opaque8("public", 1, 255);
        r.note("the server's ephemeral public key");
        int scheme = r.u16("signature_algorithm");
        r.note(SignatureScheme.nameOf(scheme));
        byte[] signature = r.opaque16("signature", 0, 0xffff);
        r.note("signed with the certificate's private key");
        return new ServerKeyExchange(curve, point, scheme, signature);
    }

    @Override
    public String toString() {
        return "ServerKeyExchange{curve=" + NamedGroup.nameOf(namedCurve) + ", public=" + Hex.abbreviate(publicKey, 8)
                + ", signature=" + SignatureScheme.nameOf(signatureScheme) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKeyExchange s && namedCurve == s.namedCurve && Arrays.equals(publicKey, s.publicKey)
                && signatureScheme == s.signatureScheme && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namedCurve, Arrays.hashCode(publicKey), signatureScheme, Arrays.hashCode(signature));
    }
}
