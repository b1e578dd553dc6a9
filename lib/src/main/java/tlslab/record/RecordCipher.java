package tlslab.record;

import java.security.SecureRandom;

import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.Side;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.Tls13CipherSuite;

/**
 * Protection of one direction of a connection: turns a plaintext fragment into the bytes of a
 * TLSCiphertext fragment and back. {@code seq} is the record's 64-bit sequence number and
 * {@code type} its content type, both authenticated but never sent.
 */
public interface RecordCipher {

    byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len);

    byte[] open(long seq, ContentType type, byte[] fragment) throws TlsException;

    /**
     * Like {@link #seal(long, ContentType, byte[], int, int)} but writes the fragment into {@code out}
     * from {@code outOff} and returns its length: with reused buffers, nothing is allocated per record.
     */
    default int seal(long seq, ContentType type, byte[] plaintext, int off, int len, byte[] out, int outOff) {
        byte[] fragment = seal(seq, type, plaintext, off, len);
        System.arraycopy(fragment, 0, out, outOff, fragment.length);
        return fragment.length;
    }

    /** Like {@link #open(long, ContentType, byte[])} for the fragment in {@code in[off, off+len)}; returns the plaintext length. */
    default int open(long seq, ContentType type, byte[] in, int off, int len, byte[] out, int outOff) throws TlsException {
        byte[] plaintext = open(seq, type, java.util.Arrays.copyOfRange(in, off, off + len));
        System.arraycopy(plaintext, 0, out, outOff, plaintext.length);
        return plaintext.length;
    }

    /** Bytes a record grows by when sealed, at most (for the record_overflow check). */
    int maxExpansion();

    /** The type the record header shows: the real one, except in TLS 1.3, where it is always application_data. */
    default ContentType outerType(ContentType type) {
        return type;
    }

    /** True for TLS 1.3: {@link #open} returns the content with the real content type as its last byte. */
    default boolean typeInside() {
        return false;
    }

    /** TLS 1.3 records under {@code trafficSecret} (RFC 8446 §5.2): see {@link Tls13RecordCipher}. */
    static RecordCipher tls13(Tls13CipherSuite suite, byte[] trafficSecret) {
        return tls13(Hkdf.LIBRARY, suite, trafficSecret);
    }

    /** The same with the key and IV from the HKDF-Expand-Label {@code f} (see {@link Tls13RecordCipher#of(Hkdf.ExpandLabel, Tls13CipherSuite, byte[])}). */
    static RecordCipher tls13(Hkdf.ExpandLabel f, Tls13CipherSuite suite, byte[] trafficSecret) {
        return new Tls13Fragments(Tls13RecordCipher.of(f, suite, trafficSecret));
    }

    /** Before ChangeCipherSpec: records travel in clear. */
    RecordCipher NONE = new RecordCipher() {
        @Override
        public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
            return java.util.Arrays.copyOfRange(plaintext, off, off + len);
        }

        @Override
        public byte[] open(long seq, ContentType type, byte[] fragment) {
            return fragment;
        }

        @Override
        public int seal(long seq, ContentType type, byte[] plaintext, int off, int len, byte[] out, int outOff) {
            System.arraycopy(plaintext, off, out, outOff, len);
            return len;
        }

        @Override
        public int open(long seq, ContentType type, byte[] in, int off, int len, byte[] out, int outOff) {
            System.arraycopy(in, off, out, outOff, len);
            return len;
        }

        @Override
        public int maxExpansion() {
            return 0;
        }

        @Override
        public String toString() {
            return "none (clear text)";
        }
    };

    /** The cipher {@code side} seals its records with: that side's own write keys. */
    static RecordCipher forWriting(CipherSuite suite, KeyBlock keys, Side side, SecureRandom random) {
        return of(suite, keys, side, false, random);
    }

    /** The cipher {@code side} opens the peer's records with: the peer's write keys. */
    static RecordCipher forReading(CipherSuite suite, KeyBlock keys, Side side, SecureRandom random) {
        return of(suite, keys, side.peer(), false, random);
    }

    /** As {@link #forWriting}, with encrypt-then-MAC (RFC 7366) if negotiated; it changes only CBC suites. */
    static RecordCipher forWriting(CipherSuite suite, KeyBlock keys, Side side, boolean encryptThenMac, SecureRandom random) {
        return of(suite, keys, side, encryptThenMac, random);
    }

    static RecordCipher forReading(CipherSuite suite, KeyBlock keys, Side side, boolean encryptThenMac, SecureRandom random) {
        return of(suite, keys, side.peer(), encryptThenMac, random);
    }

    private static RecordCipher of(CipherSuite suite, KeyBlock keys, Side writer, boolean encryptThenMac, SecureRandom random) {
        if (suite.bulkCipher == CipherSuite.BulkCipher.CHACHA20_POLY1305) return new ChaChaPolyCipher(keys.key(writer), keys.iv(writer));
        if (suite.aead) return new GcmCipher(keys.key(writer), keys.iv(writer));
        return new CbcHmacCipher(suite.macAlgorithm, keys.macKey(writer), keys.key(writer), encryptThenMac, random);
    }
}
