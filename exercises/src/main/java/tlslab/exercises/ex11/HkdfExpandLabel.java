package tlslab.exercises.ex11;

import tlslab.exercise.Tls13KeyDerivation;

/**
 * Exercise 11 — HKDF-Expand-Label and the traffic key and IV of TLS 1.3 (RFC 8446 §7.1, §7.3).
 *
 * <pre>
 * HKDF-Expand(PRK, info, L) = T(1) ‖ T(2) ‖ …  cut to L bytes          (RFC 5869 §2.3)
 *     T(0) = empty,  T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i)   (i is one byte: 1, 2, …)
 *
 * struct {
 *     uint16 length = Length;
 *     opaque label&lt;7..255&gt; = "tls13 " + Label;     (one length byte, then the bytes)
 *     opaque context&lt;0..255&gt; = Context;            (one length byte, then the bytes)
 * } HkdfLabel;
 *
 * HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 * [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 * [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)      (iv_length = 12)
 * </pre>
 *
 * HMAC comes from {@code javax.crypto.Mac.getInstance(hmac)}, where {@code hmac} is "HmacSHA256" or
 * "HmacSHA384"; labels are ASCII. The library's own HKDF (package {@code tlslab.crypto.tls13}) is off
 * limits. Once it works, a real TLS 1.3 handshake runs on your code:
 * {@code new TlsConfig().hkdfExpandLabel(new HkdfExpandLabel()::hkdfExpandLabel)}.
 */
public class HkdfExpandLabel implements Tls13KeyDerivation {

    @Override
    public byte[] hkdfLabel(int length, String label, byte[] context) {
        // TODO: uint16 length ‖ 1-byte length + "tls13 " + label ‖ 1-byte length + context
        throw new UnsupportedOperationException("not written yet: HkdfExpandLabel.hkdfLabel");
    }

    @Override
    public byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length) {
        // TODO: T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i) until length bytes are there
        throw new UnsupportedOperationException("not written yet: HkdfExpandLabel.hkdfExpand");
    }

    @Override
    public byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        // TODO: HKDF-Expand with the HkdfLabel as info
        throw new UnsupportedOperationException("not written yet: HkdfExpandLabel.hkdfExpandLabel");
    }

    @Override
    public byte[] writeKey(String hmac, byte[] trafficSecret, int keyLength) {
        // TODO: label "key", empty context
        throw new UnsupportedOperationException("not written yet: HkdfExpandLabel.writeKey");
    }

    @Override
    public byte[] writeIv(String hmac, byte[] trafficSecret) {
        // TODO: label "iv", empty context, 12 bytes
        throw new UnsupportedOperationException("not written yet: HkdfExpandLabel.writeIv");
    }
}
