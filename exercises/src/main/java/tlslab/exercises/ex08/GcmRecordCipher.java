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
        // TODO: salt ‖ 8-byte sequence number
        throw new UnsupportedOperationException("not written yet: GcmRecordCipher.nonce");
    }

    @Override
    public byte[] additionalData(long seq, int contentType, int length) {
        // TODO: seq (8) ‖ type ‖ 3 3 ‖ length (2)
        throw new UnsupportedOperationException("not written yet: GcmRecordCipher.additionalData");
    }

    @Override
    public byte[] seal(byte[] key, byte[] salt, long seq, int contentType, byte[] plaintext) {
        // TODO: explicit nonce, then AES-GCM output
        throw new UnsupportedOperationException("not written yet: GcmRecordCipher.seal");
    }

    @Override
    public byte[] open(byte[] key, byte[] salt, long seq, int contentType, byte[] fragment) {
        // TODO: nonce from salt and the explicit nonce; AAD uses the plaintext length
        throw new UnsupportedOperationException("not written yet: GcmRecordCipher.open");
    }
}
