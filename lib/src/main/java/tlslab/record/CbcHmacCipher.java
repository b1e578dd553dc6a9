package tlslab.record;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

/**
 * AES-128-CBC with HMAC, MAC-then-encrypt (RFC 5246 §6.2.3.2): fragment = IV ‖ AES-CBC(plaintext ‖
 * MAC ‖ padding). Each record has a fresh random 16-byte IV. TLS padding: every padding byte, and
 * the length byte after them, holds the padding length.
 */
final class CbcHmacCipher implements RecordCipher {
    private static final int BLOCK = 16;

    private final Mac mac;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final SecureRandom random;

    CbcHmacCipher(String macAlgorithm, byte[] macKey, byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
        try {
            this.mac = Mac.getInstance(macAlgorithm);
            this.mac.init(new SecretKeySpec(macKey, macAlgorithm));
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " or AES-CBC unavailable in this JDK", e);
        }
    }

    @Override
    public byte[] seal(long seq, ContentType type, byte[] plaintext, int off, int len) {
        int macLen = mac.getMacLength();
        int padLen = BLOCK - 1 - (len + macLen) % BLOCK;
        byte[] block = new byte[len + macLen + padLen + 1];
        System.arraycopy(plaintext, off, block, 0, len);
        mac.update(GcmCipher.additionalData(seq, type, len));
        mac.update(plaintext, off, len);
        try {
            mac.doFinal(block, len);
            Arrays.fill(block, len + macLen, block.length, (byte) padLen);
            byte[] out = new byte[BLOCK + block.length];
            byte[] iv = new byte[BLOCK];
            random.nextBytes(iv);
            System.arraycopy(iv, 0, out, 0, BLOCK);
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            cipher.doFinal(block, 0, block.length, out, BLOCK);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    @Override
    public byte[] open(long seq, ContentType type, byte[] fragment) throws TlsException {
        int macLen = mac.getMacLength();
        int minLen = BLOCK + ((macLen + 1 + BLOCK - 1) / BLOCK) * BLOCK;
        if (fragment.length < minLen || fragment.length % BLOCK != 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "CBC record of " + fragment.length
                    + " bytes: must be a multiple of 16 and at least " + minLen);
        }
        byte[] block;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(fragment, 0, BLOCK));
            block = cipher.doFinal(fragment, BLOCK, fragment.length - BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
        // Check the padding without an early exit, and compute the MAC even when it is bad, so the
        // time taken says as little as possible about which check failed (RFC 5246 §6.2.3.2).
        int padLen = block[block.length - 1] & 0xff;
        boolean padOk = padLen + 1 + macLen <= block.length;
        int checked = Math.min(256, block.length);
        for (int i = 1; i <= checked; i++) {
            boolean inPadding = i <= padLen + 1;
            if (inPadding && (block[block.length - i] & 0xff) != padLen) padOk = false;
        }
        if (!padOk) padLen = 0;
        int len = block.length - padLen - 1 - macLen;
        if (len < 0) len = 0;
        mac.update(GcmCipher.additionalData(seq, type, len));
        mac.update(block, 0, len);
        byte[] expected = mac.doFinal();
        boolean macOk = MessageDigest.isEqual(expected, Arrays.copyOfRange(block, len, len + macLen));
        if (!(padOk & macOk)) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "MAC or padding check failed on "
                    + type.rfcName() + " record #" + seq + ": the record was altered, or the keys differ");
        }
        return Arrays.copyOf(block, len);
    }

    @Override
    public int maxExpansion() {
        return BLOCK + mac.getMacLength() + 256;
    }

    @Override
    public String toString() {
        return "AES-128-CBC + " + mac.getAlgorithm();
    }
}
