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
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * The groups for (EC)DHE: the curves x25519, secp256r1, secp384r1 and secp521r1 (RFC 8422, both
 * versions), and the finite-field groups ffdhe2048 … ffdhe8192 (RFC 7919; TLS 1.3 key shares only, since
 * this library has no TLS 1.2 DHE suites). Keys and the agreement come from the JCA, the ffdhe primes
 * from Bouncy Castle's table of RFC 7919; this class only converts public keys to and from their wire
 * encodings.
 */
public enum NamedGroup {
    SECP256R1(23, "secp256r1", 32, 0),
    SECP384R1(24, "secp384r1", 48, 0),
    SECP521R1(25, "secp521r1", 66, 0),
    X25519(29, "x25519", 32, 0),
    // the exponent sizes are RFC 7919 Appendix A's shortest advised private keys: twice the group's strength
    FFDHE2048(0x0100, "ffdhe2048", 256, 225),
    FFDHE3072(0x0101, "ffdhe3072", 384, 275),
    FFDHE4096(0x0102, "ffdhe4096", 512, 325),
    FFDHE6144(0x0103, "ffdhe6144", 768, 375),
    FFDHE8192(0x0104, "ffdhe8192", 1024, 400);

    public final int id;
    public final String rfcName;
    /**
     * Bytes of one coordinate (the size of the field): a public key is 1 + 2 × this bytes on the
     * NIST curves (uncompressed point), this many on x25519 and on the ffdhe groups (the prime's
     * length); the shared secret is this many bytes.
     */
    public final int coordinateLength;
    private final int exponentBits;

    NamedGroup(int id, String rfcName, int coordinateLength, int exponentBits) {
        this.id = id;
        this.rfcName = rfcName;
        this.coordinateLength = coordinateLength;
        this.exponentBits = exponentBits;
    }

    /** True for the RFC 7919 finite-field groups, which TLS 1.2's ECDHE suites cannot use. */
    public boolean finiteField() {
        return exponentBits > 0;
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
            if (finiteField()) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
                DHParameterSpec p = dhParameters();
                g.initialize(new DHParameterSpec(p.getP(), p.getG(), exponentBits), random);
                return g.generateKeyPair();
            }
            if (this == X25519) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
                g.initialize(NamedParameterSpec.X25519, random);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(rfcName), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(rfcName + " unavailable in this JDK", e);
        }
    }

    /**
     * x25519: 32-byte little-endian u. secp256r1 and secp384r1: the uncompressed point 0x04 ‖ X ‖ Y
     * (RFC 8422 §5.4.1), each coordinate big-endian in {@link #coordinateLength} bytes: 65, 97 and 133 bytes.
     * ffdhe: Y big-endian, left-padded with zeros to the prime's length (RFC 8446 §4.2.8.1).
     */
    public byte[] encode(PublicKey key) {
        if (finiteField()) return toFixed(((DHPublicKey) key).getY(), coordinateLength);
        if (this == X25519) {
            byte[] be = toFixed(((XECPublicKey) key).getU(), 32);
            return reverse(be);
        }
        ECPoint w = ((ECPublicKey) key).getW();
        int n = coordinateLength;
        byte[] out = new byte[1 + 2 * n];
        out[0] = 4;
        System.arraycopy(toFixed(w.getAffineX(), n), 0, out, 1, n);
        System.arraycopy(toFixed(w.getAffineY(), n), 0, out, 1 + n, n);
        return out;
    }

    /** The peer's public share; a malformed one is illegal_parameter. */
    public PublicKey decode(byte[] encoded) throws TlsException {
        try {
            if (finiteField()) return decodeFiniteField(encoded);
            if (this == X25519) {
                if (encoded.length != 32) throw bad("an x25519 public key is 32 bytes, got " + encoded.length);
                byte[] le = encoded.clone();
                le[31] &= 0x7f; // RFC 7748 §5: ignore the top bit
                BigInteger u = new BigInteger(1, reverse(le));
                return KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            }
            int n = coordinateLength;
            if (encoded.length != 1 + 2 * n || encoded[0] != 4) {
                throw bad("a " + rfcName + " point must be " + (1 + 2 * n) + " bytes starting 04 (uncompressed), got "
                        + encoded.length + " bytes" + (encoded.length > 0 ? " starting " + String.format("%02x", encoded[0]) : ""));
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + n));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + n, 1 + 2 * n));
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(rfcName));
            ECParameterSpec params = p.getParameterSpec(ECParameterSpec.class);
            if (!onCurve(params, x, y)) {
                // RFC 8422 §5.11: a point off the curve could leak bits of our key (invalid-curve attack)
                throw bad("the " + rfcName + " point (" + (1 + 2 * n) + " bytes) is not on the curve");
            }
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        } catch (GeneralSecurityException e) {
            throw bad("not a valid " + rfcName + " public key: " + e.getMessage());
        }
    }

    /**
     * The shared secret (the pre-master secret of an ECDHE suite): on the NIST curves the x
     * coordinate of the shared point, {@link #coordinateLength} bytes with leading zeros kept (RFC 8422 §5.10);
     * on the ffdhe groups g^xy mod p, as long as p.
     */
    public byte[] agree(PrivateKey mine, PublicKey theirs) throws TlsException {
        try {
            KeyAgreement ka = KeyAgreement.getInstance(finiteField() ? "DH" : this == X25519 ? "XDH" : "ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            // ffdhe: leading zeros kept, the secret as long as the prime (RFC 8446 §7.4.1)
            return finiteField() ? toFixed(new BigInteger(1, ka.generateSecret()), coordinateLength) : ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw bad(rfcName + " key agreement failed (point not on the curve?): " + e.getMessage());
        }
    }

    /** Y as long as p, and 1 < Y < p − 1: the values 0, 1 and p − 1 would give away the shared secret (RFC 7919 §5.1). */
    private PublicKey decodeFiniteField(byte[] encoded) throws GeneralSecurityException, TlsException {
        if (encoded.length != coordinateLength) {
            throw bad("an " + rfcName + " public value is " + coordinateLength + " bytes (the prime's length), got " + encoded.length);
        }
        DHParameterSpec p = dhParameters();
        BigInteger y = new BigInteger(1, encoded);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.getP().subtract(BigInteger.ONE)) >= 0) {
            throw bad("the " + rfcName + " public value must lie strictly between 1 and p - 1");
        }
        return KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, p.getP(), p.getG()));
    }

    private DHParameterSpec dhParameters() {
        DHParameters p = switch (this) {
            case FFDHE2048 -> DHStandardGroups.rfc7919_ffdhe2048;
            case FFDHE3072 -> DHStandardGroups.rfc7919_ffdhe3072;
            case FFDHE4096 -> DHStandardGroups.rfc7919_ffdhe4096;
            case FFDHE6144 -> DHStandardGroups.rfc7919_ffdhe6144;
            case FFDHE8192 -> DHStandardGroups.rfc7919_ffdhe8192;
            default -> throw new IllegalStateException(rfcName + " is not a finite-field group");
        };
        return new DHParameterSpec(p.getP(), p.getG());
    }

    /** 0 ≤ x, y < p and y² = x³ + ax + b (mod p). */
    private static boolean onCurve(ECParameterSpec params, BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) return false;
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(rhs);
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
