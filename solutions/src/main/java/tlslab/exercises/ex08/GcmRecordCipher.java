package tlslab.exercises.ex08;

import tlslab.exercise.GcmRecords;

/**
 * Exercise 8 — AES-128-GCM records (RFC 5288).
 *
 * <pre>
 * nonce           = salt (4 bytes, the write IV from the key block) ‖ explicit_nonce (8 bytes)
 * explicit_nonce  = the record's sequence number, big-endian (unique per key, as GCM demands)
 * additional_data = seq_num (8) ‖ type (1) ‖ version (2: 3, 3) ‖ length of the plaintext (2)
 * fragment        = explicit_nonce ‖ AES-GCM(key, nonce, additional_data, plaintext) (ciphertext ‖ 16-byte tag)
 * </pre>
 *
 * Use {@code javax.crypto.Cipher.getInstance("AES/GCM/NoPadding")} with a {@code GCMParameterSpec(128, nonce)}
 * and {@code updateAAD}. The library's record package is off limits here.
 */
public class GcmRecordCipher implements GcmRecords {

    @Override
    public byte[] nonce(byte[] salt, long seq) {
        // BEGIN SOLUTION GcmRecordCipher.nonce: salt ‖ 8-byte sequence number
        byte[] nonce = new byte[12];
        System.arraycopy(salt, 0, nonce, 0, 4);
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
        return nonce;
        // END SOLUTION
    }

    @Override
    public byte[] additionalData(long seq, int contentType, int length) {
        // BEGIN SOLUTION GcmRecordCipher.additionalData: seq (8) ‖ type ‖ 3 3 ‖ length (2)
        byte[] ad = new byte[13];
        for (int i = 0; i < 8; i++) ad[i] = (byte) (seq >>> (56 - 8 * i));
        ad[8] = (byte) contentType;
        ad[9] = 3;
        ad[10] = 3;
        ad[11] = (byte) (length >>> 8);
        ad[12] = (byte) length;
        return ad;
        // END SOLUTION
    }

    @Override
    public byte[] seal(byte[] key, byte[] salt, long seq, int contentType, byte[] plaintext) {
        // BEGIN SOLUTION GcmRecordCipher.seal: explicit nonce, then AES-GCM output
        try {
            byte[] nonce = nonce(salt, seq);
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            gcm.updateAAD(additionalData(seq, contentType, plaintext.length));
            byte[] sealed = gcm.doFinal(plaintext);
            byte[] out = new byte[8 + sealed.length];
            System.arraycopy(nonce, 4, out, 0, 8);
            System.arraycopy(sealed, 0, out, 8, sealed.length);
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // END SOLUTION
    }

    @Override
    public byte[] open(byte[] key, byte[] salt, long seq, int contentType, byte[] fragment) {
        // BEGIN SOLUTION GcmRecordCipher.open: nonce from salt and the explicit nonce; AAD uses the plaintext length
        if (fragment.length < 24) throw new IllegalArgumentException("fragment of " + fragment.length + " bytes is too short");
        try {
            byte[] nonce = new byte[12];
            System.arraycopy(salt, 0, nonce, 0, 4);
            System.arraycopy(fragment, 0, nonce, 4, 8);
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            gcm.updateAAD(additionalData(seq, contentType, fragment.length - 24));
            return gcm.doFinal(fragment, 8, fragment.length - 8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("bad record: the GCM tag does not check out");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // END SOLUTION
    }
}
