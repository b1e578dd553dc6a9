package tlslab.record;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * ChaCha20-Poly1305 records (RFC 7905, the AEAD of RFC 8439). Unlike GCM nothing of the nonce
 * travels: nonce = write_IV (12 bytes from the key block) XOR the sequence number, big-endian and
 * left-padded with four zero bytes: the construction TLS 1.3 later took for every AEAD, so it is
 * {@link Tls13RecordCipher#nonce}. The fragment is ciphertext ‖ 16-byte tag; the additional data
 * is seq ‖ type ‖ version ‖ length, as for every TLS 1.2 AEAD (RFC 5246 §6.2.3.3).
 */
final class ChaChaPolyCipher implements RecordCipher {
    static final int KEY = 32;
    static final int IV = 12;
    static final int TAG = 16;

    private final SecretKeySpec key;
    private final byte[] iv;
    private Cipher cipher;

    ChaChaPolyCipher(byte[] key, byte[] iv) {
        if (key.length != KEY || iv.length != IV) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 takes a " + KEY + "-byte key and a " + IV
                    + "-byte IV, got " + key.length + " and " + iv.length);
        }
        this.key = new SecretKeySpec(key, "ChaCha20");
        this.iv = iv.clone();
        this.cipher = newCipher();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }

    @Override
    public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
        byte[] out = new byte[len + TAG];
        seal(seq, type, plaintext, off, len, out, 0);
        return out;
    }

    @Override
    public int seal(long seq, ContentType type, byte[] plaintext, int off, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(Tls13RecordCipher.nonce(iv, seq)));
            cipher.updateAAD(GcmCipher.additionalData(seq, type, len));
            return cipher.doFinal(plaintext, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed (the JDK refuses to reuse a key and nonce:"
                    + " was record #" + seq + " sealed twice?): " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] open(long seq, ContentType type, byte[] fragment) throws TlsException {
        byte[] out = new byte[Math.max(0, fragment.length - TAG)];
        open(seq, type, fragment, 0, fragment.length, out, 0);
        return out;
    }

    @Override
    public int open(long seq, ContentType type, byte[] in, int off, int fragmentLength, byte[] out, int outOff) throws TlsException {
        int len = fragmentLength - TAG;
        if (len < 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "ChaCha20-Poly1305 record of " + fragmentLength
                    + " bytes is shorter than its tag (16)");
        }
        try {
            IvParameterSpec nonce = new IvParameterSpec(Tls13RecordCipher.nonce(iv, seq));
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce);
            } catch (InvalidKeyException e) {
                // The JDK refuses the key and nonce of its previous init even to decrypt, where reuse
                // leaks nothing: a record opened again (after a failed try) gets a fresh Cipher.
                cipher = newCipher();
                cipher.init(Cipher.DECRYPT_MODE, key, nonce);
            }
            cipher.updateAAD(GcmCipher.additionalData(seq, type, len));
            return cipher.doFinal(in, off, fragmentLength, out, outOff);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "Poly1305 tag check failed on " + type.rfcName()
                    + " record #" + seq + ": the record was altered, or the keys differ");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    @Override
    public int maxExpansion() {
        return TAG;
    }

    @Override
    public String toString() {
        return "ChaCha20-Poly1305";
    }
}
