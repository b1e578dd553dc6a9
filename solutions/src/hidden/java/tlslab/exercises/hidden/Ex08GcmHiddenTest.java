package tlslab.exercises.hidden;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;
import tlslab.crypto.Side;
import tlslab.exercise.GcmRecords;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;
import tlslab.record.ContentType;
import tlslab.record.RecordCipher;

@DisplayName("Exercise 8 · GCM records (hidden)")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex08GcmHiddenTest {
    final GcmRecords gcm = Impl.of(GcmRecords.class);

    static RecordCipher library(byte[] key, byte[] salt) {
        return RecordCipher.forWriting(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                new KeyBlock(new byte[0], new byte[0], key, new byte[16], salt, new byte[4]), Side.CLIENT, null);
    }

    @Test
    @Tag("points=2")
    @DisplayName("open what the library sealed: types, sequence numbers and sizes")
    void openLibraryRecords() {
        Random r = new Random(88);
        ContentType[] types = ContentType.values();
        for (int i = 0; i < 20; i++) {
            byte[] key = new byte[16], salt = new byte[4], plaintext = new byte[i == 0 ? 0 : r.nextInt(3000)];
            r.nextBytes(key);
            r.nextBytes(salt);
            r.nextBytes(plaintext);
            long seq = i < 2 ? i : r.nextLong() & Long.MAX_VALUE;
            ContentType type = types[r.nextInt(types.length)];
            byte[] fragment = library(key, salt).seal(seq, type, plaintext, 0, plaintext.length);
            Expect.bytes("open(…, seq=" + seq + ", type=" + type.code + ", " + fragment.length + "-byte fragment)", plaintext,
                    gcm.open(key, salt, seq, type.code, fragment),
                    "the explicit nonce is the first 8 bytes of the fragment; the length in additional_data is the plaintext's");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("altered records are refused")
    void refusesAltered() {
        byte[] key = new byte[16], salt = {1, 2, 3, 4}, plaintext = "GET / HTTP/1.1".getBytes();
        byte[] fragment = library(key, salt).seal(9, ContentType.APPLICATION_DATA, plaintext, 0, plaintext.length);
        Expect.bytes("open of the unaltered record", plaintext, gcm.open(key, salt, 9, 23, fragment.clone()),
                "refuse altered records, but open good ones");
        for (int at : new int[] {0, 7, 8, 8 + plaintext.length - 1, fragment.length - 1}) {
            byte[] bad = fragment.clone();
            bad[at] ^= 1;
            Expect.rejects(IllegalArgumentException.class, "open of a record with byte " + at + " flipped",
                    () -> gcm.open(key, salt, 9, 23, bad), "AEADBadTagException is checked: turn it into IllegalArgumentException");
        }
        Expect.rejects(IllegalArgumentException.class, "open with the wrong sequence number",
                () -> gcm.open(key, salt, 10, 23, fragment), "the sequence number is authenticated through additional_data");
        Expect.rejects(IllegalArgumentException.class, "open with the wrong content type",
                () -> gcm.open(key, salt, 9, 22, fragment), "the type is authenticated through additional_data");
        Expect.rejects(IllegalArgumentException.class, "open of a 23-byte fragment", () -> gcm.open(key, salt, 9, 23, new byte[23]),
                "a fragment has at least 8 + 16 bytes");
    }
}
