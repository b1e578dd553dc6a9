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
        // BEGIN SOLUTION HkdfExpandLabel.hkdfLabel: uint16 length ‖ 1-byte length + "tls13 " + label ‖ 1-byte length + context
        byte[] fullLabel = ("tls13 " + label).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (length < 0 || length > 0xffff) throw new IllegalArgumentException("HkdfLabel.length is a uint16, not " + length);
        if (fullLabel.length > 255) {
            throw new IllegalArgumentException("HkdfLabel.label \"tls13 " + label + "\" is " + fullLabel.length + " bytes; at most 255");
        }
        if (context.length > 255) throw new IllegalArgumentException("HkdfLabel.context is " + context.length + " bytes; at most 255");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(length >>> 8);
        out.write(length);
        out.write(fullLabel.length);      // opaque label<7..255>: a one-byte length first
        out.writeBytes(fullLabel);
        out.write(context.length);        // opaque context<0..255>: the same
        out.writeBytes(context);
        return out.toByteArray();
        // END SOLUTION
    }

    @Override
    public byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length) {
        // BEGIN SOLUTION HkdfExpandLabel.hkdfExpand: T(i) = HMAC(PRK, T(i−1) ‖ info ‖ i) until length bytes are there
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(hmac);
            mac.init(new javax.crypto.spec.SecretKeySpec(prk, hmac));
            int hashLength = mac.getMacLength();
            // the counter is one byte, so 255 blocks at most
            if (length < 0 || length > 255 * hashLength) {
                throw new IllegalArgumentException("HKDF-Expand with " + hmac + " gives 0 to " + 255 * hashLength + " bytes, not " + length);
            }
            byte[] okm = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, done = 0; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, okm, done, n);
                done += n;
            }
            return okm;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("no HMAC called \"" + hmac + "\" in this JDK: " + e.getMessage(), e);
        }
        // END SOLUTION
    }

    @Override
    public byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        // BEGIN SOLUTION HkdfExpandLabel.hkdfExpandLabel: HKDF-Expand with the HkdfLabel as info
        return hkdfExpand(hmac, secret, hkdfLabel(length, label, context), length);
        // END SOLUTION
    }

    @Override
    public byte[] writeKey(String hmac, byte[] trafficSecret, int keyLength) {
        // BEGIN SOLUTION HkdfExpandLabel.writeKey: label "key", empty context
        return hkdfExpandLabel(hmac, trafficSecret, "key", new byte[0], keyLength);
        // END SOLUTION
    }

    @Override
    public byte[] writeIv(String hmac, byte[] trafficSecret) {
        // BEGIN SOLUTION HkdfExpandLabel.writeIv: label "iv", empty context, 12 bytes
        return hkdfExpandLabel(hmac, trafficSecret, "iv", new byte[0], 12);
        // END SOLUTION
    }
}
