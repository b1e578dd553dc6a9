package tlslab.record;

import java.util.Arrays;

import tlslab.alert.TlsException;

/**
 * A {@link Tls13RecordCipher} seen through {@link RecordCipher}, so one record layer carries both
 * versions. The fragment is the record's encrypted_record; the header always says application_data
 * ({@link #outerType}) and the real content type comes out of the decryption: {@link #open} returns
 * the content with that type byte after it ({@link #typeInside}).
 */
final class Tls13Fragments implements RecordCipher {
    private final Tls13RecordCipher cipher;

    Tls13Fragments(Tls13RecordCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
        byte[] record = cipher.seal(seq, type, Arrays.copyOfRange(plaintext, off, off + len));
        return Arrays.copyOfRange(record, Record.HEADER_LENGTH, record.length);
    }

    @Override
    public byte[] open(long seq, ContentType outer, byte[] fragment) throws TlsException {
        byte[] record = new byte[Record.HEADER_LENGTH + fragment.length];
        record[0] = (byte) outer.code;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (fragment.length >>> 8);
        record[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, record, Record.HEADER_LENGTH, fragment.length);
        TlsInnerPlaintext inner = cipher.open(seq, record);
        byte[] out = Arrays.copyOf(inner.content(), inner.content().length + 1);
        out[out.length - 1] = (byte) inner.type().code;
        return out;
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
