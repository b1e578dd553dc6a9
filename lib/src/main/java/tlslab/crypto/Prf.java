package tlslab.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.2 pseudo-random function (RFC 5246 §5): PRF(secret, label, seed) = P_SHA256(secret,
 * label ‖ seed). Every suite this library implements uses SHA-256 here, even the *_SHA ones.
 */
public final class Prf {
    private Prf() {
    }

    /** The PRF as a pluggable function, so an exercise's implementation can drive a real handshake. */
    @FunctionalInterface
    public interface Function {
        byte[] prf(byte[] secret, String label, byte[] seed, int length);
    }

    public static byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        return pSha256(secret, concat(label.getBytes(StandardCharsets.US_ASCII), seed), length);
    }

    /**
     * P_hash: A(0) = seed, A(i) = HMAC(secret, A(i-1)); output = HMAC(secret, A(1) ‖ seed) ‖
     * HMAC(secret, A(2) ‖ seed) ‖ … cut to {@code length} bytes.
     */
    public static byte[] pSha256(byte[] secret, byte[] seed, int length) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
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
            throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
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
