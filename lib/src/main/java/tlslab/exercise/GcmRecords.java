package tlslab.exercise;

/**
 * Exercise 8: protect one TLS 1.2 record with AES-128-GCM (RFC 5288, RFC 5246 §6.2.3.3). The
 * explicit nonce is the 8-byte sequence number; the content type is the record's type code (e.g. 23
 * for application_data) and the version is always TLS 1.2 (3, 3).
 */
public interface GcmRecords {

    /** The 12-byte GCM nonce: the 4-byte salt (the write IV) ‖ the 8-byte big-endian sequence number. */
    byte[] nonce(byte[] salt, long seq);

    /** additional_data = seq_num (8) ‖ type (1) ‖ version (2) ‖ length (2): 13 bytes. */
    byte[] additionalData(long seq, int contentType, int length);

    /** The record fragment: explicit_nonce (8) ‖ ciphertext ‖ tag (16). */
    byte[] seal(byte[] key, byte[] salt, long seq, int contentType, byte[] plaintext);

    /**
     * The plaintext of a fragment made by {@link #seal}; IllegalArgumentException if the fragment is
     * shorter than 24 bytes or does not authenticate (altered, or other keys, sequence number or type).
     */
    byte[] open(byte[] key, byte[] salt, long seq, int contentType, byte[] fragment);
}
