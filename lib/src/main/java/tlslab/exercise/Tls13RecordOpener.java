package tlslab.exercise;

/**
 * Exercise 12: open one protected TLS 1.3 record with AES-GCM (RFC 8446 §5.2 to §5.4). A record is
 * the 5-byte header (opaque_type 23, legacy_record_version 03 03, uint16 length) and encrypted_record
 * (ciphertext ‖ 16-byte tag). The key is 16 bytes (AES-128-GCM) or 32 (AES-256-GCM), the IV 12 bytes.
 * Every refusal is an IllegalArgumentException whose message says what was wrong and which alert a TLS
 * peer would send.
 */
public interface Tls13RecordOpener {

    /** The per-record nonce (§5.3): the 64-bit sequence number, big-endian and left-padded with zeros to the IV's length, XOR the IV. */
    byte[] nonce(byte[] iv, long seq);

    /** additional_data (§5.2) of a record whose encrypted_record is {@code length} bytes: its header, 17 03 03 ‖ uint16 length. */
    byte[] additionalData(int length);

    /**
     * Checks the header and decrypts record #{@code seq}: returns the TLSInnerPlaintext (content ‖ type ‖
     * zeros). Refuses a record shorter than its header plus the tag, an opaque_type other than 23
     * (unexpected_message), a length field that does not match the bytes after the header (decode_error)
     * or over 2^14 + 256 (record_overflow), and any record whose tag does not check out (bad_record_mac).
     */
    byte[] decrypt(byte[] key, byte[] iv, long seq, byte[] record);

    /**
     * The real content type (§5.4): the last non-zero byte of the TLSInnerPlaintext. Refuses (unexpected_message)
     * an inner plaintext of zeros only, and a type other than alert (21), handshake (22) or application_data (23).
     */
    int contentType(byte[] innerPlaintext);

    /** The content: the bytes before the content type (the zero padding after it stripped). Refuses what {@link #contentType} refuses. */
    byte[] content(byte[] innerPlaintext);

    /** What an opened record carries. */
    record Opened(int contentType, byte[] content) {
    }

    /** The whole job: {@link #decrypt}, then the content type and the content. */
    default Opened open(byte[] key, byte[] iv, long seq, byte[] record) {
        byte[] inner = decrypt(key, iv, seq, record);
        return new Opened(contentType(inner), content(inner));
    }
}
