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
 * AES-CBC with HMAC, in one of two orders. Each record has a fresh random 16-byte IV. TLS padding:
 * every padding byte, and the length byte after them, holds the padding length.
 * <ul>
 * <li>MAC-then-encrypt (RFC 5246 §6.2.3.2): fragment = IV ‖ AES-CBC(plaintext ‖ MAC ‖ padding).
 * The receiver must decrypt and look at the padding before it can check the MAC: the source of the
 * padding-oracle attacks (Vaudenay 2002, Lucky Thirteen 2013).
 * <li>Encrypt-then-MAC (RFC 7366): fragment = IV ‖ AES-CBC(plaintext ‖ padding) ‖ MAC, the MAC
 * covering the IV and ciphertext. The receiver checks the MAC first and never decrypts a forgery.
 * </ul>
 */
final class CbcHmacCipher implements RecordCipher {
    private static final int BLOCK = 16;

    private final Mac mac;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final SecureRandom random;
    private final boolean encryptThenMac;

    CbcHmacCipher(String macAlgorithm, byte[] macKey, byte[] key, boolean encryptThenMac, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
        this.encryptThenMac = encryptThenMac;
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
        if (encryptThenMac) return sealEtm(seq, type, plaintext, off, len);
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
        if (encryptThenMac) return openEtm(seq, type, fragment);
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

    private byte[] sealEtm(long seq, ContentType type, byte[] plaintext, int off, int len) {
        int padLen = BLOCK - 1 - len % BLOCK;
        int macLen = mac.getMacLength();
        byte[] out = new byte[BLOCK + len + padLen + 1 + macLen];
        random.nextBytes(out);   // the first 16 bytes are the IV
        System.arraycopy(plaintext, off, out, BLOCK, len);
        int encrypted = BLOCK + len + padLen + 1;
        Arrays.fill(out, BLOCK + len, encrypted, (byte) padLen);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(out, 0, BLOCK));
            cipher.doFinal(out, BLOCK, encrypted - BLOCK, out, BLOCK);
            mac.update(GcmCipher.additionalData(seq, type, encrypted));
            mac.update(out, 0, encrypted);
            mac.doFinal(out, encrypted);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    private byte[] openEtm(long seq, ContentType type, byte[] fragment) throws TlsException {
        int macLen = mac.getMacLength();
        int encrypted = fragment.length - macLen;
        if (encrypted < 2 * BLOCK || encrypted % BLOCK != 0) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "CBC record (encrypt-then-MAC) of " + fragment.length
                    + " bytes: must be an IV and at least one block, in whole 16-byte blocks, then a " + macLen + "-byte MAC");
        }
        mac.update(GcmCipher.additionalData(seq, type, encrypted));
        mac.update(fragment, 0, encrypted);
        if (!MessageDigest.isEqual(mac.doFinal(), Arrays.copyOfRange(fragment, encrypted, fragment.length))) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "MAC check failed on " + type.rfcName() + " record #" + seq
                    + " (encrypt-then-MAC): the record was altered, or the keys differ; nothing was decrypted");
        }
        byte[] block;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(fragment, 0, BLOCK));
            block = cipher.doFinal(fragment, BLOCK, encrypted - BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC decryption failed", e);
        }
        // the MAC held, so the sender itself padded badly: no oracle to guard against here
        int padLen = block[block.length - 1] & 0xff;
        for (int i = block.length - 1 - padLen; i < block.length && i >= 0; i++) {
            if ((block[i] & 0xff) != padLen) padLen = -1;
        }
        if (padLen < 0 || padLen + 1 > block.length) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "bad CBC padding on " + type.rfcName() + " record #" + seq
                    + " (encrypt-then-MAC): the MAC checked out, so the sender padded it wrongly");
        }
        return Arrays.copyOf(block, block.length - padLen - 1);
    }

    @Override
    public int maxExpansion() {
        return BLOCK + mac.getMacLength() + 256;
    }

    @Override
    public String toString() {
        return "AES-" + 8 * key.getEncoded().length + "-CBC + " + mac.getAlgorithm() + (encryptThenMac ? ", encrypt-then-MAC" : "");
    }
}
