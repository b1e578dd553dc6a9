package tlslab.record;

import java.security.SecureRandom;

import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;

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

    /** The cipher for the side that writes with the client's keys ({@code clientWrite}) or the server's. */
    static RecordCipher create(CipherSuite suite, KeyBlock keys, boolean clientWrite, SecureRandom random) {
        byte[] key = clientWrite ? keys.clientKey() : keys.serverKey();
        if (suite.aead) {
            return new GcmCipher(key, clientWrite ? keys.clientIv() : keys.serverIv());
        }
        byte[] macKey = clientWrite ? keys.clientMacKey() : keys.serverMacKey();
        return new CbcHmacCipher(suite.macAlgorithm, macKey, key, random);
    }
}
