package tlslab.crypto.tls13;

import tlslab.crypto.Hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

import tlslab.wire.Writer;

/**
 * HKDF and the pieces RFC 8448 does not exercise: SHA-384 (every trace uses SHA-256), KeyUpdate's
 * "traffic upd", lengths past one HMAC block, and the running transcript hash. Bouncy Castle's HKDF
 * is the independent implementation these are compared with.
 */
class HkdfTest {
    final byte[] secret = Hash.SHA384.digest("a traffic secret".getBytes(StandardCharsets.US_ASCII));

    @Test
    void sha384ExtractAndExpandMatchBouncyCastle() {
        byte[] salt = Arrays.copyOf(secret, 48);
        byte[] ikm = "input keying material".getBytes(StandardCharsets.US_ASCII);
        byte[] info = "some info".getBytes(StandardCharsets.US_ASCII);
        byte[] ours = Hkdf.expand(Hash.SHA384, Hkdf.extract(Hash.SHA384, salt, ikm), info, 100); // 3 HMAC blocks
        assertArrayEquals(bouncyCastleHkdf(new HKDFParameters(ikm, salt, info), 100), ours);
    }

    @Test
    void nextApplicationTrafficSecretIsExpandWithTrafficUpd() {
        // HkdfLabel written out by hand: uint16 48, opaque8 "tls13 traffic upd", opaque8 "" (RFC 8446 §7.2).
        byte[] info = new Writer().u16(48).u8(17).bytes("tls13 traffic upd".getBytes(StandardCharsets.US_ASCII))
                .u8(0).toByteArray();
        byte[] expected = bouncyCastleHkdf(HKDFParameters.skipExtractParameters(secret, info), 48);
        byte[] next = SecretSchedule.nextApplicationTrafficSecret(Hash.SHA384, secret);
        assertArrayEquals(expected, next);
        assertFalse(Arrays.equals(next, SecretSchedule.nextApplicationTrafficSecret(Hash.SHA384, next)));
    }

    @Test
    void aes256GcmSha384KeysAreThirtyTwoAndTwelveBytes() {
        Tls13CipherSuite suite = Tls13CipherSuite.byCode(0x1302);
        assertEquals(Tls13CipherSuite.TLS_AES_256_GCM_SHA384, suite);
        TrafficKeys keys = TrafficKeys.derive(suite, secret);
        assertEquals(32, keys.key().length);
        assertEquals(12, keys.iv().length);
        byte[] keyInfo = Hkdf.hkdfLabel(32, "key", new byte[0]);
        assertArrayEquals(bouncyCastleHkdf(HKDFParameters.skipExtractParameters(secret, keyInfo), 32), keys.key());
        assertNull(Tls13CipherSuite.byCode(0x009c)); // a TLS 1.2 suite
    }

    @Test
    void hkdfLabelLayoutAndLimits() {
        byte[] context = {1, 2, 3};
        byte[] expected = new Writer().u16(32).u8(12).bytes("tls13 custom".getBytes(StandardCharsets.US_ASCII))
                .u8(3).bytes(context).toByteArray();
        assertArrayEquals(expected, Hkdf.hkdfLabel(32, "custom", context));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.hkdfLabel(32, "x", new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(Hash.SHA256, secret, new byte[0], 255 * 32 + 1));
        assertEquals(255 * 32, Hkdf.expand(Hash.SHA256, secret, new byte[0], 255 * 32).length);
    }

    @Test
    void emptySaltIsHashLengthZeros() {
        byte[] ikm = {42};
        assertArrayEquals(Hkdf.extract(Hash.SHA256, Hash.SHA256.zeros(), ikm), Hkdf.extract(Hash.SHA256, new byte[0], ikm));
    }

    @Test
    void runningTranscriptHashEqualsHashOfConcatenation() {
        byte[] a = {1, 0, 0, 1, 7};
        byte[] b = {2, 0, 0, 2, 8, 9};
        TranscriptHash running = new TranscriptHash(Hash.SHA384).add(a);
        byte[] afterA = running.current();
        byte[] afterB = running.add(b).current();
        assertArrayEquals(Hash.SHA384.digest(a), afterA);
        assertArrayEquals(Hash.SHA384.digest(new Writer().bytes(a).bytes(b).toByteArray()), afterB);
        assertArrayEquals(afterB, TranscriptHash.of(Hash.SHA384, a, b));
    }

    @Test
    void messageHashIsType254WithTheHashAsBody() {
        byte[] clientHello1 = {1, 0, 0, 0};
        byte[] m = TranscriptHash.messageHash(Hash.SHA384, clientHello1);
        assertArrayEquals(new byte[] {(byte) 254, 0, 0, 48}, Arrays.copyOf(m, 4));
        assertArrayEquals(Hash.SHA384.digest(clientHello1), Arrays.copyOfRange(m, 4, m.length));
    }

    private static byte[] bouncyCastleHkdf(HKDFParameters params, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA384Digest());
        g.init(params);
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
