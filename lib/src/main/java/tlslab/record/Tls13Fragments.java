package tlslab.record;

import java.util.Arrays;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * A {@link Tls13RecordCipher} seen through {@link RecordCipher}, so one record layer carries both
 * versions. The fragment is the record's encrypted_record; the header always says application_data
 * ({@link #outerType}) and the real content type comes out of the decryption: {@link #open} returns
 * the content with that type byte after it ({@link #typeInside}), decrypted into the caller's buffer.
 */
final class Tls13Fragments implements RecordCipher {
    private final Tls13RecordCipher cipher;

    Tls13Fragments(Tls13RecordCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
        byte[] out = new byte[len + maxExpansion()];
        return Arrays.copyOf(out, seal(seq, type, plaintext, off, len, out, 0));
    }

    @Override
    public int seal(long seq, ContentType type, byte[] plaintext, int off, int len, byte[] out, int outOff) {
        return cipher.sealInto(seq, type, plaintext, off, len, out, outOff);
    }

    @Override
    public byte[] open(long seq, ContentType outer, byte[] fragment) throws TlsException {
        byte[] out = new byte[fragment.length];
        return Arrays.copyOf(out, open(seq, outer, fragment, 0, fragment.length, out, 0));
    }

    @Override
    public int open(long seq, ContentType outer, byte[] in, int off, int len, byte[] out, int outOff) throws TlsException {
        if (outer != ContentType.APPLICATION_DATA) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + seq + ": opaque_type " + outer.code
                    + " at byte 0, but every protected TLS 1.3 record says application_data (23)");
        }
        return cipher.openInto(seq, in, off, len, out, outOff);
    }

    @Override
    public ContentType outerType(ContentType inner) {
        return ContentType.APPLICATION_DATA;
    }

    @Override
    public boolean typeInside() {
        return true;
    }

    /** §5.2: a record may grow by up to 256 bytes (type, padding and tag). */
    @Override
    public int maxExpansion() {
        return 256;
    }

    @Override
    public String toString() {
        return cipher.toString();
    }
}
