package tlslab.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * The curves for ECDHE (RFC 8422): x25519 and secp256r1. Keys and the agreement come from the JCA;
 * this class only converts public keys to and from their wire encodings.
 */
public enum NamedGroup {
    SECP256R1(23, "secp256r1"),
    X25519(29, "x25519");

    public final int id;
    public final String rfcName;

    NamedGroup(int id, String rfcName) {
        this.id = id;
        this.rfcName = rfcName;
    }

    public static NamedGroup byId(int id) {
        for (NamedGroup g : values()) {
            if (g.id == id) return g;
        }
        return null;
    }

    public static String nameOf(int id) {
        NamedGroup g = byId(id);
        return g != null ? g.rfcName : String.format("group 0x%04X (not implemented here)", id);
    }

    public KeyPair generate(SecureRandom random) {
        try {
            if (this == X25519) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
                g.initialize(NamedParameterSpec.X25519, random);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(rfcName + " unavailable in this JDK", e);
        }
    }

    /** x25519: 32-byte little-endian u; secp256r1: 0x04 ‖ X ‖ Y (uncompressed point). */
    public byte[] encode(PublicKey key) {
        if (this == X25519) {
            byte[] be = toFixed(((XECPublicKey) key).getU(), 32);
            return reverse(be);
        }
        ECPoint w = ((ECPublicKey) key).getW();
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(toFixed(w.getAffineX(), 32), 0, out, 1, 32);
        System.arraycopy(toFixed(w.getAffineY(), 32), 0, out, 33, 32);
        return out;
    }

    /** The peer's public share; a malformed one is illegal_parameter. */
    public PublicKey decode(byte[] encoded) throws TlsException {
        try {
            if (this == X25519) {
                if (encoded.length != 32) throw bad("an x25519 public key is 32 bytes, got " + encoded.length);
                byte[] le = encoded.clone();
                le[31] &= 0x7f; // RFC 7748 §5: ignore the top bit
                BigInteger u = new BigInteger(1, reverse(le));
                return KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            }
            if (encoded.length != 65 || encoded[0] != 4) {
                throw bad("a secp256r1 point must be 65 bytes starting 04 (uncompressed), got "
                        + encoded.length + " bytes");
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 33, 65));
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec params = p.getParameterSpec(ECParameterSpec.class);
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        } catch (GeneralSecurityException e) {
            throw bad("not a valid " + rfcName + " public key: " + e.getMessage());
        }
    }

    /** The shared secret (the pre-master secret of an ECDHE suite). */
    public byte[] agree(PrivateKey mine, PublicKey theirs) throws TlsException {
        try {
            KeyAgreement ka = KeyAgreement.getInstance(this == X25519 ? "XDH" : "ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw bad(rfcName + " key agreement failed (point not on the curve?): " + e.getMessage());
        }
    }

    private TlsException bad(String why) {
        return new TlsException(AlertDescription.ILLEGAL_PARAMETER, why);
    }

    private static byte[] toFixed(BigInteger v, int n) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[n];
        int copy = Math.min(raw.length, n);
        System.arraycopy(raw, raw.length - copy, out, n - copy, copy);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }
}
