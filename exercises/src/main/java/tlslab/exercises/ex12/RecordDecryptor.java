package tlslab.exercises.ex12;

import tlslab.exercise.Tls13RecordOpener;

/**
 * Exercise 12 — open a protected TLS 1.3 record (RFC 8446 §5.2 to §5.4).
 *
 * <pre>
 * record          = opaque_type (1: 23) ‖ legacy_record_version (2: 03 03) ‖ length (2) ‖ encrypted_record
 * nonce           = write_iv XOR (00 00 00 00 ‖ 8-byte big-endian sequence number)
 * additional_data = the record's 5 header bytes
 * TLSInnerPlaintext = AES-GCM-Decrypt(key, nonce, additional_data, encrypted_record)
 *                   = content ‖ ContentType type (1) ‖ zeros (any number: padding)
 * </pre>
 *
 * Nothing of the nonce travels: both sides count records from 0 under each key. The header always says
 * application_data; the real type is the last non-zero byte inside. Use
 * {@code javax.crypto.Cipher.getInstance("AES/GCM/NoPadding")} with a {@code GCMParameterSpec(128, nonce)}
 * and {@code updateAAD}. The library's record package is off limits here.
 */
public class RecordDecryptor implements Tls13RecordOpener {

    @Override
    public byte[] nonce(byte[] iv, long seq) {
        // TODO: a copy of the IV, its last 8 bytes XOR the sequence number
        throw new UnsupportedOperationException("not written yet: RecordDecryptor.nonce");
    }

    @Override
    public byte[] additionalData(int length) {
        // TODO: 17 03 03 ‖ length in 2 bytes
        throw new UnsupportedOperationException("not written yet: RecordDecryptor.additionalData");
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, long seq, byte[] record) {
        // TODO: check the header, then AES-GCM with the header as additional data
        throw new UnsupportedOperationException("not written yet: RecordDecryptor.decrypt");
    }

    @Override
    public int contentType(byte[] innerPlaintext) {
        // TODO: the last non-zero byte; zeros only, or an unknown type, is an error
        throw new UnsupportedOperationException("not written yet: RecordDecryptor.contentType");
    }

    @Override
    public byte[] content(byte[] innerPlaintext) {
        // TODO: everything before the content type
        throw new UnsupportedOperationException("not written yet: RecordDecryptor.content");
    }
}
