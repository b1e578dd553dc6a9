package tlslab.record;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.TrafficKeys;
import tlslab.wire.ProtocolVersion;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2, §5.3) for one direction under one traffic secret. A
 * protected record on the wire:
 * <pre>
 *   struct {
 *       ContentType opaque_type = application_data;     // 23, whatever is inside
 *       ProtocolVersion legacy_record_version = 0x0303;  // "TLS 1.2", for middleboxes
 *       uint16 length;                                   // of encrypted_record, at most 2^14 + 256
 *       opaque encrypted_record[TLSCiphertext.length];   // AEAD(TLSInnerPlaintext) ‖ 16-byte tag
 *   } TLSCiphertext;
 *
 *   nonce           = write_iv XOR (8-byte big-endian sequence number, left-padded with 4 zeros)
 *   additional_data = the 5 header bytes above
 * </pre>
 * The real content type is encrypted with the content ({@link TlsInnerPlaintext}), so an observer sees
 * only application_data records; nothing of the nonce travels, both sides count records.
 *
 * <p><b>Why this is not a {@link RecordCipher}.</b> That interface seals a fragment for a header the
 * record layer writes with the real type, and opens a fragment back into plaintext of a type the header
 * gave. In TLS 1.3 the header is fixed (application_data, 0x0303), it is the additional data, and the
 * type comes out of the decryption. So this class works on whole records: {@link #seal} returns header
 * ‖ encrypted_record, {@link #open} takes them and returns type, content and padding together.
 *
 * <p>The caller owns the 64-bit sequence number, as with {@link RecordCipher}: 0 for the first record
 * under every new cipher, including the one {@link #afterKeyUpdate()} returns (§5.3).
 */
public final class Tls13RecordCipher {
    public static final int HEADER_LENGTH = Record.HEADER_LENGTH;
    public static final int TAG_LENGTH = 16;
    /** §5.2: an AEAD may add at most 255 bytes, so TLSCiphertext.length is at most 2^14 + 256. */
    public static final int MAX_CIPHERTEXT = RecordLayer.MAX_PLAINTEXT + 256;

    private final Tls13CipherSuite suite;
    private final Hkdf.ExpandLabel expandLabel;
    private final byte[] trafficSecret;
    private final TrafficKeys keys;
    private final SecretKeySpec key;
    private Cipher cipher;

    private Tls13RecordCipher(Hkdf.ExpandLabel expandLabel, Tls13CipherSuite suite, byte[] trafficSecret) {
        this.suite = suite;
        this.expandLabel = expandLabel;
        this.trafficSecret = trafficSecret.clone();
        this.keys = TrafficKeys.derive(expandLabel, suite, trafficSecret);
        this.key = new SecretKeySpec(keys.key(), isChaCha() ? "ChaCha20" : "AES");
        this.cipher = newCipher();
    }

    /**
     * The cipher for records protected under {@code trafficSecret}: client_early_traffic_secret,
     * [sender]_handshake_traffic_secret or [sender]_application_traffic_secret_N. The key and IV are
     * {@link TrafficKeys#derive}d from it (§7.3).
     */
    public static Tls13RecordCipher of(Tls13CipherSuite suite, byte[] trafficSecret) {
        return of(Hkdf.LIBRARY, suite, trafficSecret);
    }

    /**
     * The same with the key and IV from the HKDF-Expand-Label {@code expandLabel} (one plugged into a
     * connection, {@code TlsConfig.hkdfExpandLabel}); {@link #afterKeyUpdate()} derives with it too.
     */
    public static Tls13RecordCipher of(Hkdf.ExpandLabel expandLabel, Tls13CipherSuite suite, byte[] trafficSecret) {
        if (trafficSecret.length != suite.hash.length()) {
            throw new IllegalArgumentException(suite + " takes a " + suite.hash.length() + "-byte traffic secret, got "
                    + trafficSecret.length);
        }
        return new Tls13RecordCipher(expandLabel, suite, trafficSecret);
    }

    /**
     * After a KeyUpdate (§4.6.3) in this direction: the cipher under application_traffic_secret_N+1 =
     * HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length) (§7.2). Its first
     * record is number 0 again. Only meaningful for an application traffic secret.
     */
    public Tls13RecordCipher afterKeyUpdate() {
        return new Tls13RecordCipher(expandLabel, suite, SecretSchedule.nextApplicationTrafficSecret(expandLabel, suite.hash, trafficSecret));
    }

    public Tls13CipherSuite suite() {
        return suite;
    }

    /** The write key and IV in use (copies), for checks against printed traces. */
    public TrafficKeys keys() {
        return new TrafficKeys(keys.key().clone(), keys.iv().clone());
    }

    /** {@link #seal(long, ContentType, byte[], int)} without padding. */
    public byte[] seal(long seq, ContentType type, byte[] content) {
        return seal(seq, type, content, 0);
    }

    /**
     * The complete record (header ‖ encrypted_record) carrying {@code content} of {@code type} as record
     * #{@code seq}, with {@code padding} zero bytes after the type. Content over 2^14 bytes, or
     * change_cipher_spec, is a caller's bug: fragmenting is the record layer's job.
     */
    public byte[] seal(long seq, ContentType type, byte[] content, int padding) {
        return protect(seq, new TlsInnerPlaintext(type, content, padding).encode());
    }

    /** Encrypts any inner plaintext, valid or not: tests use it to build records a correct peer never sends. */
    byte[] protect(long seq, byte[] innerPlaintext) {
        byte[] record = new byte[HEADER_LENGTH + innerPlaintext.length + TAG_LENGTH];
        encrypt(seq, innerPlaintext, 0, innerPlaintext.length, record, HEADER_LENGTH);
        writeHeader(record, innerPlaintext.length + TAG_LENGTH);
        return record;
    }

    /**
     * For the record layer's kept buffers: {@code content} of {@code type}, no padding, sealed into
     * {@code out} from {@code outOff} as encrypted_record (the header is the caller's, and is what
     * this computes as the additional data). Returns its length. Nothing is allocated per record.
     */
    public int sealInto(long seq, ContentType type, byte[] content, int off, int len, byte[] out, int outOff) {
        if (len > RecordLayer.MAX_PLAINTEXT || type == ContentType.CHANGE_CIPHER_SPEC) {
            throw new IllegalArgumentException(type + " content of " + len + " bytes cannot go in one TLS 1.3 record");
        }
        System.arraycopy(content, off, out, outOff, len);
        out[outOff + len] = (byte) type.code;
        return encrypt(seq, out, outOff, len + 1, out, outOff);   // in place: the JCA allows it
    }

    /**
     * For the record layer: opens the encrypted_record {@code in[off, off+len)} of record #{@code seq}
     * into {@code out} and returns the length of content ‖ type (padding stripped): the content type is
     * the last of those bytes. The same checks as {@link #open}, but for the outer type (the caller's).
     */
    public int openInto(long seq, byte[] in, int off, int len, byte[] out, int outOff) throws TlsException {
        if (len > MAX_CIPHERTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + seq + ": length " + len
                    + " at byte 3 exceeds 2^14 + 256 = " + MAX_CIPHERTEXT + " (RFC 8446 §5.2)");
        }
        if (len < TAG_LENGTH) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record #" + seq + ": encrypted_record of "
                    + len + " bytes is shorter than the " + suite + " tag (16)");
        }
        byte[] header = new byte[HEADER_LENGTH];
        writeHeader(header, len);
        int n = decrypt(seq, header, in, off, len, out, outOff);
        return TlsInnerPlaintext.typeAt(seq, out, outOff, n) + 1;
    }

    private int encrypt(long seq, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        byte[] header = new byte[HEADER_LENGTH];
        writeHeader(header, inLen + TAG_LENGTH);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonceSpec(seq));
            cipher.updateAAD(header);
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite + " encryption failed (the JDK refuses to reuse a key and nonce:"
                    + " was record #" + seq + " sealed twice?): " + e.getMessage(), e);
        }
    }

    /** Checks the tag over {@code header} and the ciphertext, and decrypts; returns the plaintext length. */
    private int decrypt(long seq, byte[] header, byte[] in, int off, int len, byte[] out, int outOff) throws TlsException {
        try {
            initForOpening(seq);
            cipher.updateAAD(header, 0, HEADER_LENGTH); // the header as received: a changed byte fails the tag
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record #" + seq + ": " + suite
                    + " tag check failed: the record was altered, it is not record #" + seq + ", or the keys differ");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite + " decryption failed", e);
        }
    }

    /**
     * Opens record #{@code seq}, given as header ‖ encrypted_record exactly as read. Checks, in order:
     * the outer type (unexpected_message), the length (record_overflow), the tag (bad_record_mac), then
     * the inner plaintext ({@link TlsInnerPlaintext}: record_overflow or unexpected_message).
     */
    public TlsInnerPlaintext open(long seq, byte[] record) throws TlsException {
        if (record.length < HEADER_LENGTH) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "record #" + seq + ": " + record.length
                    + " bytes cannot hold the 5-byte record header");
        }
        int outerType = record[0] & 0xff;
        if (outerType != ContentType.APPLICATION_DATA.code) {
            // §5.1: once keys are in use everything is application_data outside; only an unprotected
            // change_cipher_spec may still appear, and the record layer handles it before calling here.
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "record #" + seq + ": opaque_type " + outerType
                    + " at byte 0, but every protected TLS 1.3 record says application_data (23)");
        }
        int length = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        if (length > MAX_CIPHERTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "record #" + seq + ": length " + length
                    + " at byte 3 exceeds 2^14 + 256 = " + MAX_CIPHERTEXT + " (RFC 8446 §5.2)");
        }
        if (length != record.length - HEADER_LENGTH) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "record #" + seq + ": length " + length
                    + " at byte 3, but " + (record.length - HEADER_LENGTH) + " bytes follow the header");
        }
        if (length < TAG_LENGTH) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record #" + seq + ": encrypted_record of "
                    + length + " bytes is shorter than the " + suite + " tag (16)");
        }
        byte[] plaintext = new byte[length - TAG_LENGTH];
        decrypt(seq, record, record, HEADER_LENGTH, length, plaintext, 0);
        return TlsInnerPlaintext.decode(seq, plaintext, plaintext.length);
    }

    /** opaque_type ‖ legacy_record_version ‖ length: the header, and the additional data (§5.2). */
    private static void writeHeader(byte[] record, int length) {
        record[0] = (byte) ContentType.APPLICATION_DATA.code;
        record[1] = (byte) (ProtocolVersion.TLS12 >>> 8);
        record[2] = (byte) ProtocolVersion.TLS12;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
    }

    /** §5.3: the sequence number, big-endian in the last 8 of 12 bytes, XOR the write IV. */
    static byte[] nonce(byte[] writeIv, long seq) {
        byte[] nonce = writeIv.clone();
        for (int i = 0; i < 8; i++) nonce[nonce.length - 8 + i] ^= (byte) (seq >>> (56 - 8 * i));
        return nonce;
    }

    private AlgorithmParameterSpec nonceSpec(long seq) {
        byte[] nonce = nonce(keys.iv(), seq);
        return isChaCha() ? new IvParameterSpec(nonce) : new GCMParameterSpec(8 * TAG_LENGTH, nonce);
    }

    private void initForOpening(long seq) throws GeneralSecurityException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonceSpec(seq));
        } catch (InvalidKeyException e) {
            // The JDK's ChaCha20-Poly1305 refuses the key and nonce of its previous init even to decrypt,
            // where reuse leaks nothing (a record opened twice, or opened by the cipher that sealed it).
            cipher = newCipher();
            cipher.init(Cipher.DECRYPT_MODE, key, nonceSpec(seq));
        }
    }

    private boolean isChaCha() {
        return suite == Tls13CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
    }

    private Cipher newCipher() {
        String name = isChaCha() ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        try {
            return Cipher.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TLS 1.3 " + suite;
    }
}
