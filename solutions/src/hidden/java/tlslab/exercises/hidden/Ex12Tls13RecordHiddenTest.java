package tlslab.exercises.hidden;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.TrafficKeys;
import tlslab.engine.Connection;
import tlslab.engine.Tls13Secrets;
import tlslab.engine.TlsConfig;
import tlslab.exercise.Tls13RecordOpener;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.record.ContentType;
import tlslab.record.Tls13RecordCipher;
import tlslab.transport.Interceptor;

@DisplayName("Exercise 12 · TLS 1.3 records (hidden)")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex12Tls13RecordHiddenTest {
    final Tls13RecordOpener records = Impl.of(Tls13RecordOpener.class);

    /** A record around any inner plaintext, valid or not, sealed here with the JCA (the library seals only valid ones). */
    static byte[] seal(byte[] key, byte[] iv, long seq, byte[] inner) throws Exception {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        int length = inner.length + 16;
        byte[] record = new byte[5 + length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(record, 0, 5);
        gcm.doFinal(inner, 0, inner.length, record, 5);
        return record;
    }

    @Test
    @Tag("points=2")
    @DisplayName("open the library's records (padding, any sequence number, AES-256) and a live connection's")
    void openLibraryAndLiveRecords() throws Exception {
        Random r = new Random(1212);
        ContentType[] types = {ContentType.APPLICATION_DATA, ContentType.HANDSHAKE, ContentType.ALERT};
        for (int i = 0; i < 20; i++) {
            Tls13CipherSuite suite = i % 2 == 0 ? Tls13CipherSuite.TLS_AES_128_GCM_SHA256 : Tls13CipherSuite.TLS_AES_256_GCM_SHA384;
            byte[] secret = new byte[suite.hash.length()];
            r.nextBytes(secret);
            ContentType type = types[i % 3];
            byte[] content = new byte[i == 0 ? 0 : 1 + r.nextInt(2000)];
            r.nextBytes(content);
            int padding = i < 3 ? 0 : i == 3 ? 300 : r.nextInt(100);
            long seq = i < 2 ? i : i == 2 ? -1L : r.nextLong() & Long.MAX_VALUE;   // -1: the last sequence number, 2^64 - 1
            Tls13RecordCipher cipher = Tls13RecordCipher.of(suite, secret);
            byte[] record = cipher.seal(seq, type, content, padding);
            TrafficKeys keys = cipher.keys();
            String what = type.rfcName() + " record #" + Long.toUnsignedString(seq) + " (" + content.length + " bytes, padding " + padding
                    + ", " + keys.key().length + "-byte key)";
            Tls13RecordOpener.Opened opened = records.open(keys.key(), keys.iv(), seq, record);
            Expect.equal("content type of " + what, type.code, opened.contentType(), "scan back over the zero padding to the type");
            Expect.bytes("content of " + what, content, opened.content(), "the padding is not part of the content");
        }

        // a real connection: what the client writes, read off the wire, opened with its application traffic keys
        List<byte[]> wire = new java.util.concurrent.CopyOnWriteArrayList<>();
        Interceptor tap = (fromClient, bytes) -> {   // one record per write with this library
            if (fromClient) wire.add(bytes.clone());
            return bytes;
        };
        TlsConfig client = Fixtures.client13().tls13CipherSuites(Tls13CipherSuite.TLS_AES_256_GCM_SHA384);
        Connection[] c = Fixtures.handshake(client, Fixtures.server13(), tap);
        wire.clear();
        byte[] request = "GET /balance HTTP/1.1\r\nHost: www.mybank.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        c[0].write(request);
        c[1].read();
        Tls13Secrets s = c[0].tls13Secrets();
        TrafficKeys keys = TrafficKeys.derive(s.cipherSuite(), s.clientApplicationTrafficSecret());
        byte[] record = wire.get(0);
        Tls13RecordOpener.Opened opened = records.open(keys.key(), keys.iv(), 0, record);
        Expect.equal("content type of the client's first application_data record of a live connection", 23, opened.contentType(), null);
        Expect.bytes("content of the client's first application_data record of a live connection", request, opened.content(),
                "an AES-256-GCM key is 32 bytes: the same code opens it");
    }

    @Test
    @Tag("points=2")
    @DisplayName("refuses altered, misplaced and malformed records, and inner plaintexts without a valid type")
    void refusals() throws Exception {
        byte[] key = new byte[16], iv = new byte[12];
        new Random(12).nextBytes(iv);
        byte[] content = "transfer 100 EUR".getBytes(StandardCharsets.US_ASCII);
        byte[] good = seal(key, iv, 7, concat(content, new byte[] {23, 0, 0}));
        Expect.bytes("decrypt of the unaltered record", concat(content, new byte[] {23, 0, 0}), records.decrypt(key, iv, 7, good.clone()),
                "refuse what is wrong, but open what is right");
        for (int at : new int[] {0, 2, 4, 5, 5 + content.length, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 1;
            Expect.rejects(IllegalArgumentException.class, "decrypt of the record with byte " + at + " flipped",
                    () -> records.decrypt(key, iv, 7, bad), "the header is the additional data and the tag covers it: nothing may change");
        }
        Expect.rejects(IllegalArgumentException.class, "decrypt with sequence number 8 instead of 7",
                () -> records.decrypt(key, iv, 8, good), "the sequence number goes into the nonce");
        Expect.rejects(IllegalArgumentException.class, "decrypt with another key", () -> records.decrypt(new byte[16], new byte[12], 7, good),
                "AEADBadTagException is checked: turn it into IllegalArgumentException");
        byte[] handshakeType = good.clone();
        handshakeType[0] = 22;
        Expect.rejects(IllegalArgumentException.class, "decrypt of a record whose opaque_type is 22",
                () -> records.decrypt(key, iv, 7, handshakeType), "every protected record says 23 outside");
        Expect.rejects(IllegalArgumentException.class, "decrypt of a record 3 bytes shorter than its length field says",
                () -> records.decrypt(key, iv, 7, java.util.Arrays.copyOf(good, good.length - 3)), "compare the length field with the bytes");
        Expect.rejects(IllegalArgumentException.class, "decrypt of a 20-byte record", () -> records.decrypt(key, iv, 7, new byte[20]),
                "a header and a 16-byte tag need 21 bytes");
        byte[] huge = new byte[5 + 16641];
        huge[0] = 23;
        huge[1] = 3;
        huge[2] = 3;
        huge[3] = (byte) (16641 >>> 8);
        huge[4] = (byte) 16641;
        Expect.rejects(IllegalArgumentException.class, "decrypt of a record of length 16641", () -> records.decrypt(key, iv, 7, huge),
                "over 2^14 + 256 is record_overflow");

        byte[] zeros = seal(key, iv, 0, new byte[40]);
        byte[] zerosInside = records.decrypt(key, iv, 0, zeros);
        Expect.bytes("decrypt of a record holding 40 zero bytes", new byte[40], zerosInside, "decrypt returns the inner plaintext as it is");
        Expect.rejects(IllegalArgumentException.class, "contentType of 40 zero bytes", () -> records.contentType(new byte[40]),
                "zeros only: no content type (unexpected_message, RFC 8446 §5.4)");
        Expect.rejects(IllegalArgumentException.class, "contentType of an empty inner plaintext", () -> records.contentType(new byte[0]),
                "no byte at all: no content type either");
        Expect.rejects(IllegalArgumentException.class, "content of 40 zero bytes", () -> records.content(new byte[40]),
                "content refuses what contentType refuses");
        Expect.rejects(IllegalArgumentException.class, "open of a record holding only zeros", () -> records.open(key, iv, 0, zeros), null);
        Expect.rejects(IllegalArgumentException.class, "contentType of content ‖ 20 (change_cipher_spec)",
                () -> records.contentType(new byte[] {1, 20, 0, 0}), "TLS 1.3 never encrypts change_cipher_spec");
        Expect.rejects(IllegalArgumentException.class, "contentType of content ‖ 99",
                () -> records.contentType(new byte[] {1, 2, 99}), "only 21, 22 and 23 travel inside a TLS 1.3 record");
        Expect.equal("contentType of 05 ‖ 16 ‖ 00 00 00", 22, records.contentType(new byte[] {5, 22, 0, 0, 0}), null);
        Expect.bytes("content of 05 ‖ 16 ‖ 00 00 00", new byte[] {5}, records.content(new byte[] {5, 22, 0, 0, 0}), null);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
