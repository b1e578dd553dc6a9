package tlslab.record;

import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * AES-GCM records with 16-byte (AES-128) or 32-byte (AES-256) keys (RFC 5288): nonce = 4-byte salt
 * from the key block ‖ 8-byte explicit part, which we set to the sequence number (unique per key, as
 * required). The fragment is explicit_nonce ‖ ciphertext ‖ 16-byte tag; the additional data is
 * seq ‖ type ‖ version ‖ length.
 */
final class GcmCipher implements RecordCipher {
    static final int EXPLICIT_NONCE = 8;
    static final int TAG = 16;

    private final SecretKeySpec key;
    private final byte[] salt;
    private final Cipher cipher;

    GcmCipher(byte[] key, byte[] salt) {
        this.key = new SecretKeySpec(key, "AES");
        this.salt = salt.clone();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JDK", e);
        }
    }

    @Override
    public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
        byte[] out = new byte[EXPLICIT_NONCE + len + TAG];
        seal(seq, type, plaintext, off, len, out, 0);
        return out;
    }

    @Override
    public int seal(long seq, ContentType type, byte[] plaintext, int off, int len, byte[] out, int outOff) {
        putLong(out, outOff, seq);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(out, outOff)));
            cipher.updateAAD(additionalData(seq, type, len));
            return EXPLICIT_NONCE + cipher.doFinal(plaintext, off, len, out, outOff + EXPLICIT_NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed (the JDK refuses to reuse a key and nonce: was record #"
                    + seq + " sealed twice?): " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] open(long seq, ContentType type, byte[] fragment) throws TlsException {
        byte[] out = new byte[Math.max(0, fragment.length - EXPLICIT_NONCE - TAG)];
        open(seq, type, fragment, 0, fragment.length, out, 0);
        return out;
    }

    @Override
    public int open(long seq, ContentType type, byte[] in, int off, int fragmentLength, byte[] out, int outOff) throws TlsException {
        int len = fragmentLength - EXPLICIT_NONCE - TAG;
        if (len < 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "GCM record of " + fragmentLength
                    + " bytes is shorter than explicit nonce (8) + tag (16)");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce(in, off)));
            cipher.updateAAD(additionalData(seq, type, len));
            return cipher.doFinal(in, off + EXPLICIT_NONCE, len + TAG, out, outOff);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "GCM tag check failed on " + type.rfcName()
                    + " record #" + seq + ": the record was altered, or the keys differ");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public int maxExpansion() {
        return EXPLICIT_NONCE + TAG;
    }

    private byte[] nonce(byte[] fragment, int at) {
        byte[] nonce = new byte[12];
        System.arraycopy(salt, 0, nonce, 0, 4);
        System.arraycopy(fragment, at, nonce, 4, EXPLICIT_NONCE);
        return nonce;
    }

    static byte[] additionalData(long seq, ContentType type, int length) {
        byte[] ad = new byte[13];
        putLong(ad, 0, seq);
        ad[8] = (byte) type.code;
        ad[9] = 3;
        ad[10] = 3;
        ad[11] = (byte) (length >>> 8);
        ad[12] = (byte) length;
        return ad;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (56 - 8 * i));
    }

    @Override
    public String toString() {
        return "AES-" + 8 * key.getEncoded().length + "-GCM";
    }
}
