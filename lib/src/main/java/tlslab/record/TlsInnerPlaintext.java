package tlslab.record;

import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.wire.Hex;

/**
 * What a TLS 1.3 record encrypts (RFC 8446 §5.2):
 * <pre>
 *   struct {
 *       opaque content[TLSPlaintext.length];
 *       ContentType type;                      // the real type: handshake, alert or application_data
 *       uint8 zeros[length_of_padding];        // any number of zero bytes, to hide the content's length
 *   } TLSInnerPlaintext;
 * </pre>
 * There is no length field for the content or the padding: the receiver finds the type as the last
 * non-zero byte (§5.4). That is why a content type can never be 0 and why zeros alone are an error.
 *
 * @param padding how many zero bytes followed the type byte (0 when sealed without padding)
 */
public record TlsInnerPlaintext(ContentType type, byte[] content, int padding) {

    /** §5.4: "The full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets": content + type + zeros. */
    public static final int MAX_LENGTH = RecordLayer.MAX_PLAINTEXT + 1;

    public TlsInnerPlaintext {
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            throw new IllegalArgumentException("TLS 1.3 never encrypts change_cipher_spec (RFC 8446 §5)");
        }
        if (padding < 0) throw new IllegalArgumentException("negative padding: " + padding);
        if (content.length + 1 + padding > MAX_LENGTH) {
            throw new IllegalArgumentException("content (" + content.length + ") + type (1) + padding (" + padding
                    + ") exceeds 2^14 + 1 bytes (RFC 8446 §5.4)");
        }
    }

    /** content ‖ type ‖ zeros, the AEAD's plaintext. */
    public byte[] encode() {
        byte[] out = new byte[content.length + 1 + padding]; // Java zero-fills: the padding is already there
        System.arraycopy(content, 0, out, 0, content.length);
        out[content.length] = (byte) type.code;
        return out;
    }

    /**
     * Reads the decrypted bytes {@code plaintext[0, len)} of record #{@code seq}: scan back over the zeros,
     * the first non-zero byte is the type, everything before it the content.
     */
    static TlsInnerPlaintext decode(long seq, byte[] plaintext, int len) throws TlsException {
        int at = typeAt(seq, plaintext, 0, len);
        return new TlsInnerPlaintext(ContentType.of(plaintext[at] & 0xff), Arrays.copyOf(plaintext, at), len - at - 1);
    }

    /**
     * Checks the decrypted bytes {@code plaintext[off, off+len)} and returns where the content type is,
     * counted from {@code off}: the content is everything before it, the padding everything after.
     */
    static int typeAt(long seq, byte[] plaintext, int off, int len) throws TlsException {
        if (len > MAX_LENGTH) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + seq + ": the decrypted TLSInnerPlaintext"
                    + " is " + len + " bytes, more than 2^14 + 1 (content, type byte and padding; RFC 8446 §5.4)");
        }
        int at = len - 1;
        while (at >= 0 && plaintext[off + at] == 0) at--;
        if (at < 0) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + seq + ": the decrypted"
                    + " TLSInnerPlaintext (" + len + " bytes) is all zeros: there is no content type (RFC 8446 §5.4)");
        }
        int code = plaintext[off + at] & 0xff;
        ContentType type = ContentType.of(code);
        if (type == null || type == ContentType.CHANGE_CIPHER_SPEC) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + seq + ": TLSInnerPlaintext.type "
                    + code + " at byte " + at + " of the plaintext is not handshake (22), alert (21) or application_data (23)"
                    + (type == null ? "" : ": change_cipher_spec is never encrypted in TLS 1.3"));
        }
        if (at == 0 && type != ContentType.APPLICATION_DATA) {
            // §5.4: only application data may be empty; an empty handshake or alert record is an attack or a bug.
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + seq + ": " + type.rfcName()
                    + " record with zero-length TLSInnerPlaintext.content (only application_data may be empty, RFC 8446 §5.4)");
        }
        return at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsInnerPlaintext p && type == p.type && padding == p.padding && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + padding) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        String shown = content.length <= 16 ? Hex.of(content) : Hex.of(content, 0, 16) + "…";
        return "TLSInnerPlaintext[" + type.rfcName() + ", " + content.length + " bytes: " + shown + ", padding " + padding + "]";
    }
}
