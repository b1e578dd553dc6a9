package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import tlslab.wire.Hex;

class PrfTest {

    /** The widely circulated TLS 1.2 PRF (SHA-256) test vector, 100 bytes of output. */
    @Test
    void knownVector() {
        byte[] secret = Hex.parse("9bbe436ba940f017b17652849a71db35");
        byte[] seed = Hex.parse("a0ba9f936cda311827a6f796ffd5198c");
        byte[] expected = Hex.parse("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
        assertArrayEquals(expected, Prf.prf(secret, "test label", seed, 100));
    }

    @Test
    void keyBlockIsCutInRfcOrder() {
        byte[] master = new byte[48];
        byte[] cr = new byte[32];
        byte[] sr = new byte[32];
        sr[0] = 1;
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, master, cr, sr);
        byte[] block = Prf.prf(master, "key expansion", Prf.concat(sr, cr), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.keyBlockLength());
        assertEquals(2 * (20 + 16), block.length); // RFC 5246 §6.3: no key-block IVs for CBC
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 0, 20), kb.clientMacKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 40, 56), kb.clientKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 56, 72), kb.serverKey());
        KeySchedule.KeyBlock gcm = KeySchedule.keyBlock(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, master, cr, sr);
        assertEquals(0, gcm.clientMacKey().length);
        assertEquals(4, gcm.serverIv().length);
    }

    /**
     * The TLS 1.2 PRF with SHA-384 vector posted to the IETF TLS list (msg03416) and used by GnuTLS
     * and others, 148 bytes; recomputed here with {@code openssl kdf -kdfopt digest:SHA384 … TLS1-PRF}.
     */
    @Test
    void knownVectorSha384() {
        byte[] secret = Hex.parse("b80b733d6ceefcdc71566ea48e5567df");
        byte[] seed = Hex.parse("cd665cf6a8447dd6ff8b27555edb7465");
        byte[] expected = Hex.parse("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0"
                + "e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d"
                + "90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f");
        assertArrayEquals(expected, Prf.prf(Hash.SHA384, secret, "test label", seed, 148));
        // P_hash is a stream: a shorter output is a prefix (here one byte short of the first 48-byte block)
        assertArrayEquals(Arrays.copyOf(expected, 47), Prf.prf(Hash.SHA384, secret, "test label", seed, 47));
    }

    @Test
    void keyBlockSizesFollowTheSuite() {
        byte[] master = new byte[48], cr = new byte[32], sr = new byte[32];
        KeySchedule.KeyBlock aes256 = KeySchedule.keyBlock(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, master, cr, sr);
        assertEquals(72, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.keyBlockLength());
        assertEquals(0, aes256.clientMacKey().length);
        assertEquals(32, aes256.clientKey().length);
        assertEquals(32, aes256.serverKey().length);
        assertEquals(4, aes256.clientIv().length);
        // the *_SHA384 suites expand with P_SHA384 (RFC 5289 §3), cut in the order of RFC 5246 §6.3
        byte[] block = Prf.prf(Hash.SHA384, master, "key expansion", Prf.concat(sr, cr), 72);
        assertArrayEquals(Arrays.copyOfRange(block, 0, 32), aes256.clientKey());
        assertArrayEquals(Arrays.copyOfRange(block, 64, 68), aes256.clientIv());
        assertArrayEquals(Arrays.copyOfRange(block, 68, 72), aes256.serverIv());

        CipherSuite chacha = CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(chacha, master, cr, sr);
        assertEquals(2 * (32 + 12), chacha.keyBlockLength());
        byte[] chachaBlock = Prf.prf(master, "key expansion", Prf.concat(sr, cr), 88);   // SHA-256 PRF (RFC 7905 §2)
        assertArrayEquals(Arrays.copyOfRange(chachaBlock, 32, 64), kb.serverKey());
        assertArrayEquals(Arrays.copyOfRange(chachaBlock, 64, 76), kb.clientIv());
        assertArrayEquals(Arrays.copyOfRange(chachaBlock, 76, 88), kb.serverIv());
    }

    /** A plugged-in PRF (a student's P_SHA256) drives the SHA-256 suites only; *_SHA384 suites use the library's. */
    @Test
    void aPluggedInPrfStandsInForSha256SuitesOnly() {
        AtomicInteger calls = new AtomicInteger();
        Prf.Function counting = (secret, label, seed, length) -> {
            calls.incrementAndGet();
            return Prf.prf(secret, label, seed, length);
        };
        assertSame(counting, KeySchedule.prfFor(counting, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256));
        byte[] pms = new byte[48], cr = new byte[32], sr = new byte[32], messages = "handshake".getBytes();
        pms[0] = 3;
        CipherSuite sha384 = CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384;
        byte[] master = KeySchedule.masterSecret(counting, sha384, pms, cr, sr);
        KeySchedule.keyBlock(counting, sha384, master, cr, sr);
        byte[] vd = KeySchedule.verifyData(counting, sha384, master, true, messages);
        assertEquals(0, calls.get());
        assertArrayEquals(Prf.prf(Hash.SHA384, pms, "master secret", Prf.concat(cr, sr), 48), master);
        assertArrayEquals(Prf.prf(Hash.SHA384, master, "client finished", Hash.SHA384.digest(messages), 12), vd);
        assertFalse(Arrays.equals(KeySchedule.verifyData(master, true, messages), vd), "SHA-384 suites must not use the SHA-256 Finished");

        // SHA-256 suites: same bytes as the suite-less methods the exercises use, through the plugged-in PRF
        CipherSuite sha256 = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        byte[] master256 = KeySchedule.masterSecret(counting, sha256, pms, cr, sr);
        assertArrayEquals(KeySchedule.masterSecret(pms, cr, sr), master256);
        assertArrayEquals(KeySchedule.verifyData(master256, false, messages),
                KeySchedule.verifyData(counting, sha256, master256, false, messages));
        assertEquals(2, calls.get());
    }
}
