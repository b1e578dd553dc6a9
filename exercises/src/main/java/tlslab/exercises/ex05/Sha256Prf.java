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
        // TODO: P_SHA256(secret, label ‖ seed) cut to length bytes
        throw new UnsupportedOperationException("not written yet: Sha256Prf.prf");
    }
}
