package tlslab.exercises.hidden;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule;
import tlslab.crypto.Hash;
import tlslab.engine.Connection;
import tlslab.engine.Secrets;
import tlslab.exercise.KeyExpansion;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 6 · Master secret and key block (hidden)")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex06KeyBlockHiddenTest {
    final KeyExpansion keys = Impl.of(KeyExpansion.class);

    @Test
    @Tag("points=2")
    @DisplayName("every cipher suite, random inputs")
    void everySuite() {
        Random r = new Random(66);
        for (CipherSuite suite : CipherSuite.values()) {
            // what the exercise teaches: 16-byte keys (ENC_KEY_LENGTH) and the SHA-256 PRF; the AES-256,
            // ChaCha20-Poly1305 and SHA-384 suites are beyond it
            if (suite.encKeyLength != CipherSuite.ENC_KEY_LENGTH || suite.prfHash != Hash.SHA256) continue;
            byte[] master = new byte[48], cr = new byte[32], sr = new byte[32];
            r.nextBytes(master);
            r.nextBytes(cr);
            r.nextBytes(sr);
            KeySchedule.KeyBlock kb = KeySchedule.keyBlock(suite, master, cr, sr);
            byte[][] expected = {kb.clientMacKey(), kb.serverMacKey(), kb.clientKey(), kb.serverKey(), kb.clientIv(), kb.serverIv()};
            byte[][] actual = keys.keyBlock(suite.id, master, cr, sr);
            Expect.equal("number of parts for " + suite, 6, actual == null ? 0 : actual.length, null);
            for (int i = 0; i < 6; i++) {
                Expect.bytes("part " + i + " of the key block of " + suite, expected[i], actual[i],
                        "MAC key length: 20 for *_SHA, 32 for *_SHA256 with CBC, 0 for GCM; IVs: 4 for GCM, none for CBC (TLS 1.2 sends a fresh IV with every CBC record)");
            }
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("the keys of a real handshake")
    void realHandshake() throws Exception {
        for (CipherSuite suite : new CipherSuite[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA}) {
            Connection c = Fixtures.handshake(Fixtures.client().cipherSuites(suite), Fixtures.server())[0];
            Secrets s = c.secrets();
            byte[] master = keys.masterSecret(s.preMasterSecret(), s.clientRandom(), s.serverRandom());
            Expect.bytes("master secret of a real " + suite + " handshake", s.masterSecret(), master, null);
            byte[][] kb = keys.keyBlock(suite.id, s.masterSecret(), s.clientRandom(), s.serverRandom());
            Expect.bytes("client_write_key of a real " + suite + " handshake", s.keyBlock().clientKey(), kb[2], null);
            Expect.bytes("server_write_IV of a real " + suite + " handshake", s.keyBlock().serverIv(), kb[5], null);
        }
    }
}
