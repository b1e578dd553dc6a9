package tlslab.exercises.ex06;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.exercise.KeyExpansion;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 6 · Master secret and key block")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyBlockSplitterTest {
    static final String[] PARTS = {"client_write_MAC_key", "server_write_MAC_key", "client_write_key", "server_write_key",
            "client_write_IV", "server_write_IV"};
    final KeyExpansion keys = Impl.of(KeyExpansion.class);

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    @Tag("points=2")
    @DisplayName("master secret from pre-master secret and the two randoms")
    void masterSecret() {
        Random r = new Random(6);
        byte[] pms = random(r, 48), cr = random(r, 32), sr = random(r, 32);
        Expect.bytes("masterSecret(pms, client_random, server_random)", KeySchedule.masterSecret(pms, cr, sr),
                keys.masterSecret(pms, cr, sr),
                "PRF(pre_master_secret, \"master secret\", client_random ‖ server_random), 48 bytes: client random first here");
    }

    /** Compares the six parts with the library's key block. */
    static void checkBlock(KeyExpansion keys, CipherSuite suite, byte[] master, byte[] cr, byte[] sr, String hint) {
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(suite, master, cr, sr);
        byte[][] expected = {kb.clientMacKey(), kb.serverMacKey(), kb.clientKey(), kb.serverKey(), kb.clientIv(), kb.serverIv()};
        byte[][] actual = keys.keyBlock(suite.id, master, cr, sr);
        Expect.equal("number of parts from keyBlock(" + suite + ")", 6, actual == null ? 0 : actual.length,
                "return six arrays, in the order of RFC 5246 §6.3");
        for (int i = 0; i < 6; i++) {
            Expect.bytes(PARTS[i] + " for " + suite, expected[i], actual[i], hint);
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("key block of TLS_RSA_WITH_AES_128_GCM_SHA256 (no MAC keys, 4-byte IVs)")
    void gcm() {
        Random r = new Random(60);
        checkBlock(keys, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, random(r, 48), random(r, 32), random(r, 32),
                "GCM has no MAC keys (length 0), 16-byte keys and 4-byte IVs (the salt); the PRF seed is server_random ‖ client_random");
    }

    @Test
    @Tag("points=2")
    @DisplayName("key block of TLS_RSA_WITH_AES_128_CBC_SHA (20-byte MAC keys, no IVs)")
    void cbc() {
        Random r = new Random(61);
        checkBlock(keys, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, random(r, 48), random(r, 32), random(r, 32),
                "HMAC-SHA1 keys are 20 bytes; order: both MAC keys, then both encryption keys (client before server); the IVs are empty for CBC");
    }
}
