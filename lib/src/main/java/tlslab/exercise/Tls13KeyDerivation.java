package tlslab.exercise;

/**
 * Exercise 11: HKDF-Expand-Label and the record keys of TLS 1.3 (RFC 8446 §7.1, §7.3; HKDF-Expand from
 * RFC 5869 §2.3). {@code hmac} names the cipher suite's HMAC as the JCA does: "HmacSHA256" (Hash.length
 * 32) or "HmacSHA384" (48). Labels are ASCII and given without the "tls13 " prefix, as the RFC writes
 * them ("key", "c hs traffic"). A solved {@link #hkdfExpandLabel} drives a real handshake through
 * {@link tlslab.engine.TlsConfig#hkdfExpandLabel}.
 */
public interface Tls13KeyDerivation {

    /**
     * The HkdfLabel structure: uint16 length ‖ opaque label&lt;7..255&gt; = "tls13 " + label ‖ opaque
     * context&lt;0..255&gt;. IllegalArgumentException if the prefixed label is longer than 255 bytes, the
     * context longer than 255 bytes, or the length outside 0..65535.
     */
    byte[] hkdfLabel(int length, String label, byte[] context);

    /**
     * HKDF-Expand(PRK, info, L): T(1) ‖ T(2) ‖ … cut to L bytes, T(0) empty, T(i) = HMAC(PRK, T(i−1) ‖
     * info ‖ i) with i one byte. IllegalArgumentException if L is negative or over 255 × Hash.length.
     */
    byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length);

    /** HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length). */
    byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length);

    /** [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length): 16 bytes for AES-128-GCM, 32 for AES-256. */
    byte[] writeKey(String hmac, byte[] trafficSecret, int keyLength);

    /** [sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length): 12 bytes for every TLS 1.3 suite. */
    byte[] writeIv(String hmac, byte[] trafficSecret);
}
