package tlslab.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.2 pseudo-random function (RFC 5246 §5): PRF(secret, label, seed) = P_hash(secret,
 * label ‖ seed). The hash is SHA-256 for every suite here, even the *_SHA ones, except the
 * *_SHA384 suites of RFC 5289, which use SHA-384 ({@link CipherSuite#prfHash}).
 */
public final class Prf {
    private Prf() {
    }

    /** The PRF as a pluggable function, so an exercise's implementation can drive a real handshake. */
    @FunctionalInterface
    public interface Function {
        byte[] prf(byte[] secret, String label, byte[] seed, int length);
    }

    /** The PRF with SHA-256, the one TLS 1.2 uses unless a suite names another hash. */
    public static byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        return prf(Hash.SHA256, secret, label, seed, length);
    }

    /** The PRF with the given hash: SHA-384 for the *_SHA384 suites (RFC 5289 §3). */
    public static byte[] prf(Hash hash, byte[] secret, String label, byte[] seed, int length) {
        return pHash(hash, secret, concat(label.getBytes(StandardCharsets.US_ASCII), seed), length);
    }

    public static byte[] pSha256(byte[] secret, byte[] seed, int length) {
        return pHash(Hash.SHA256, secret, seed, length);
    }

    /**
     * P_hash: A(0) = seed, A(i) = HMAC(secret, A(i-1)); output = HMAC(secret, A(1) ‖ seed) ‖
     * HMAC(secret, A(2) ‖ seed) ‖ … cut to {@code length} bytes. Private so that {@code prf} and
     * {@code pSha256} stay the only ways in (exercise 5 forbids exactly those).
     */
    private static byte[] pHash(Hash hash, byte[] secret, byte[] seed, int length) {
        try {
            Mac hmac = Mac.getInstance(hash.hmacName);
            // an empty HMAC key is legal but SecretKeySpec refuses it; HMAC pads keys with zeros anyway
            hmac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, hash.hmacName));
            byte[] out = new byte[length];
            byte[] a = seed;
            for (int done = 0; done < length; ) {
                a = hmac.doFinal(a);
                hmac.update(a);
                byte[] chunk = hmac.doFinal(seed);
                int n = Math.min(chunk.length, length - done);
                System.arraycopy(chunk, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash.hmacName + " unavailable in this JDK", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
