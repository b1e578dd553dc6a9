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
        // BEGIN SOLUTION RecordDecryptor.nonce: a copy of the IV, its last 8 bytes XOR the sequence number
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));   // the last byte takes the lowest 8 bits
        }
        return nonce;
        // END SOLUTION
    }

    @Override
    public byte[] additionalData(int length) {
        // BEGIN SOLUTION RecordDecryptor.additionalData: 17 03 03 ‖ length in 2 bytes
        return new byte[] {23, 3, 3, (byte) (length >>> 8), (byte) length};
        // END SOLUTION
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] iv, long seq, byte[] record) {
        // BEGIN SOLUTION RecordDecryptor.decrypt: check the header, then AES-GCM with the header as additional data
        if (record.length < 5 + 16) {
            throw new IllegalArgumentException("record #" + seq + " of " + record.length
                    + " bytes cannot hold a 5-byte header and a 16-byte tag (bad_record_mac)");
        }
        if ((record[0] & 0xff) != 23) {
            throw new IllegalArgumentException("record #" + seq + ": opaque_type " + (record[0] & 0xff)
                    + " at byte 0; a protected record always says application_data, 23 (unexpected_message)");
        }
        int length = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        if (length > (1 << 14) + 256) {
            throw new IllegalArgumentException("record #" + seq + ": length " + length + " at byte 3 is over 2^14 + 256 (record_overflow)");
        }
        if (length != record.length - 5) {
            throw new IllegalArgumentException("record #" + seq + ": length " + length + " at byte 3, but "
                    + (record.length - 5) + " bytes follow the header (decode_error)");
        }
        try {
            javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce(iv, seq)));
            gcm.updateAAD(record, 0, 5);   // the header as received: a changed header byte fails the tag
            return gcm.doFinal(record, 5, length);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("record #" + seq + ": the GCM tag does not check out: the record was altered,"
                    + " it is not record #" + seq + ", or the key or IV is wrong (bad_record_mac)");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("record #" + seq + ": AES-GCM refused the key or IV: " + e.getMessage(), e);
        }
        // END SOLUTION
    }

    @Override
    public int contentType(byte[] innerPlaintext) {
        // BEGIN SOLUTION RecordDecryptor.contentType: the last non-zero byte; zeros only, or an unknown type, is an error
        int type = innerPlaintext[typeIndex(innerPlaintext)] & 0xff;
        if (type != 21 && type != 22 && type != 23) {
            throw new IllegalArgumentException("inner content type " + type + " is not alert (21), handshake (22) or"
                    + " application_data (23) (unexpected_message)");
        }
        return type;
        // END SOLUTION
    }

    @Override
    public byte[] content(byte[] innerPlaintext) {
        // BEGIN SOLUTION RecordDecryptor.content: everything before the content type
        contentType(innerPlaintext);   // refuse what contentType refuses
        return java.util.Arrays.copyOf(innerPlaintext, typeIndex(innerPlaintext));
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    /** Where the content type is: scan back over the padding (§5.4), since nothing says how long it is. */
    private static int typeIndex(byte[] innerPlaintext) {
        int at = innerPlaintext.length - 1;
        while (at >= 0 && innerPlaintext[at] == 0) at--;
        if (at < 0) {
            throw new IllegalArgumentException("the TLSInnerPlaintext (" + innerPlaintext.length
                    + " bytes) is all zeros: it has no content type (unexpected_message)");
        }
        return at;
    }
    // END SOLUTION
}
