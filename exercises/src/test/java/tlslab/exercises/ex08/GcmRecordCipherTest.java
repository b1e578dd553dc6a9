package tlslab.exercises.ex08;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.Side;
import tlslab.exercise.GcmRecords;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.record.ContentType;
import tlslab.record.RecordCipher;
import tlslab.wire.Hex;

@DisplayName("Exercise 8 · Seal and open a GCM record")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GcmRecordCipherTest {
    final GcmRecords gcm = Impl.of(GcmRecords.class);

    /** The library's GCM cipher for this key and salt (the client's write direction). */
    static RecordCipher library(byte[] key, byte[] salt) {
        return RecordCipher.forWriting(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                new KeyBlock(new byte[0], new byte[0], key, new byte[16], salt, new byte[4]), Side.CLIENT, null);
    }

    @Test
    @Tag("points=2")
    @DisplayName("nonce = salt ‖ sequence number")
    void nonce() {
        Expect.bytes("nonce(salt=01020304, seq=5)", Hex.parse("01020304 0000000000000005"),
                gcm.nonce(Hex.parse("01020304"), 5), "4 bytes of salt, then the sequence number as 8 bytes, big-endian");
        Expect.bytes("nonce(salt=a1b2c3d4, seq=0x0102030405060708)", Hex.parse("a1b2c3d4 0102030405060708"),
                gcm.nonce(Hex.parse("a1b2c3d4"), 0x0102030405060708L), "most significant byte of seq first");
    }

    @Test
    @Tag("points=2")
    @DisplayName("additional data = seq ‖ type ‖ version ‖ length")
    void additionalData() {
        Expect.bytes("additionalData(seq=1, type=23, length=300)", Hex.parse("0000000000000001 17 0303 012c"),
                gcm.additionalData(1, 23, 300), "13 bytes: 8 of sequence number, the type, 03 03, and the plaintext length in 2 bytes");
    }

    @Test
    @Tag("points=2")
    @DisplayName("the library opens what you seal")
    void libraryOpensYourRecord() throws Exception {
        Random r = new Random(8);
        byte[] key = new byte[16], salt = new byte[4], plaintext = new byte[100];
        r.nextBytes(key);
        r.nextBytes(salt);
        r.nextBytes(plaintext);
        byte[] fragment = gcm.seal(key, salt, 3, 23, plaintext);
        byte[] expected = library(key, salt).seal(3, ContentType.APPLICATION_DATA, plaintext, 0, plaintext.length);
        Expect.bytes("seal(key, salt, seq=3, type=23, 100 bytes)", expected, fragment,
                "fragment = explicit nonce (the 8-byte seq) ‖ ciphertext ‖ tag; the tag covers additional_data with the plaintext length");
        try {
            Expect.bytes("plaintext the library got back", plaintext, library(key, salt).open(3, ContentType.APPLICATION_DATA, fragment),
                    null);
        } catch (TlsException e) {
            throw new org.opentest4j.AssertionFailedError("the library could not open your record: " + e.getMessage());
        }
    }
}
