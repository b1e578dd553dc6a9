package tlslab.exercises.ex05;

import tlslab.crypto.Prf;

/**
 * Exercise 5 — the TLS 1.2 PRF (RFC 5246 §5), the function every key of the connection comes from.
 *
 * <pre>
 * PRF(secret, label, seed) = P_SHA256(secret, label ‖ seed)
 * P_SHA256(secret, seed)   = HMAC(secret, A(1) ‖ seed) ‖ HMAC(secret, A(2) ‖ seed) ‖ …   (cut to length)
 * A(0) = seed,  A(i) = HMAC(secret, A(i−1))
 * </pre>
 *
 * HMAC-SHA256 comes from {@code javax.crypto.Mac.getInstance("HmacSHA256")}; the label is ASCII.
 * The library's own Prf.prf is off limits here. Once it works, a real handshake runs on your PRF:
 * {@code new TlsConfig().prf(new Sha256Prf())}.
 */
public class Sha256Prf implements Prf.Function {

    @Override
    public byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        // BEGIN SOLUTION Sha256Prf.prf: P_SHA256(secret, label ‖ seed) cut to length bytes
        try {
            javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
            hmac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] labelBytes = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] fullSeed = new byte[labelBytes.length + seed.length];
            System.arraycopy(labelBytes, 0, fullSeed, 0, labelBytes.length);
            System.arraycopy(seed, 0, fullSeed, labelBytes.length, seed.length);
            byte[] out = new byte[length];
            byte[] a = fullSeed;
            int done = 0;
            while (done < length) {
                a = hmac.doFinal(a);
                hmac.update(a);
                byte[] block = hmac.doFinal(fullSeed);
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // END SOLUTION
    }
}
