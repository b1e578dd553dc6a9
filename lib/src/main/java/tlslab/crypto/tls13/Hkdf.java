package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tlslab.wire.Writer;

/**
 * HKDF (RFC 5869) and the two TLS 1.3 wrappers around it, HKDF-Expand-Label and Derive-Secret
 * (RFC 8446 §7.1). Every secret of the TLS 1.3 key schedule is one of these calls.
 */
public final class Hkdf {
    // Written out over the JDK's HMAC (Hash.hmac), not Bouncy Castle's HKDF, so students can read every step.

    /** Every label is prefixed with this, so a TLS 1.3 output never equals another protocol's. */
    public static final String LABEL_PREFIX = "tls13 ";

    private Hkdf() {
    }

    /**
     * HKDF-Expand-Label as a pluggable function, so an exercise's implementation can drive a real TLS 1.3
     * handshake ({@code TlsConfig.hkdfExpandLabel}). {@code hmac} is the JCA name of the suite's HMAC,
     * "HmacSHA256" or "HmacSHA384": plain values only, so the auto-grader can call a student's code in
     * another JVM.
     */
    @FunctionalInterface
    public interface ExpandLabel {
        byte[] expandLabel(String hmac, byte[] secret, String label, byte[] context, int length);
    }

    /** The library's own {@link #expandLabel(Hash, byte[], String, byte[], int)} as an {@link ExpandLabel}. */
    public static final ExpandLabel LIBRARY = (hmac, secret, label, context, length) ->
            expandLabel(Hash.ofHmacName(hmac), secret, label, context, length);

    /** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM): the PRK. An empty salt means Hash.length zeros. */
    public static byte[] extract(Hash hash, byte[] salt, byte[] ikm) {
        return hash.hmac(salt.length == 0 ? hash.zeros() : salt, ikm);
    }

    /**
     * HKDF-Expand(PRK, info, L): T(0) = empty, T(i) = HMAC-Hash(PRK, T(i-1) ‖ info ‖ i) with i one
     * byte from 1; the output is T(1) ‖ T(2) ‖ … cut to L bytes (L ≤ 255 × Hash.length).
     */
    public static byte[] expand(Hash hash, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * hash.length()) {
            throw new IllegalArgumentException("HKDF-Expand gives 0 to " + 255 * hash.length() + " bytes, not " + length);
        }
        ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
        byte[] t = new byte[0];
        for (int i = 1; okm.size() < length; i++) {
            t = hash.hmac(prk, new Writer().bytes(t).bytes(info).u8(i).toByteArray());
            okm.write(t, 0, Math.min(t.length, length - okm.size()));
        }
        return okm.toByteArray();
    }

    /**
     * The HkdfLabel structure, HKDF-Expand's info in TLS 1.3:
     * <pre>
     * struct {
     *     uint16 length = Length;
     *     opaque label&lt;7..255&gt; = "tls13 " + Label;
     *     opaque context&lt;0..255&gt; = Context;
     * } HkdfLabel;
     * </pre>
     * For "key" and a 16-byte key that is {@code 00 10 | 09 "tls13 key" | 00}.
     */
    public static byte[] hkdfLabel(int length, String label, byte[] context) {
        byte[] fullLabel = (LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || context.length > 255) {
            throw new IllegalArgumentException("HkdfLabel's label and context are at most 255 bytes each");
        }
        return new Writer().u16(length).opaque8(fullLabel).opaque8(context).toByteArray();
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length). */
    public static byte[] expandLabel(Hash hash, byte[] secret, String label, byte[] context, int length) {
        return expand(hash, secret, hkdfLabel(length, label, context), length);
    }

    /**
     * Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages),
     * Hash.length). Takes the transcript hash rather than the messages: a connection keeps a running
     * hash ({@link TranscriptHash}), not every message.
     */
    public static byte[] deriveSecret(Hash hash, byte[] secret, String label, byte[] transcriptHash) {
        return deriveSecret(LIBRARY, hash, secret, label, transcriptHash);
    }

    /** Derive-Secret on the HKDF-Expand-Label {@code f} (the library's, or one plugged in). */
    public static byte[] deriveSecret(ExpandLabel f, Hash hash, byte[] secret, String label, byte[] transcriptHash) {
        return f.expandLabel(hash.hmacName, secret, label, transcriptHash, hash.length());
    }
}
