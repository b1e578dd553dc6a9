package tlslab.exercises.hidden;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.Prf;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 5 · The TLS 1.2 PRF (hidden)")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex05PrfHiddenTest {
    final Prf.Function prf = Impl.of(Prf.Function.class);

    @Test
    @Tag("points=2")
    @DisplayName("random secrets, labels, seeds and lengths")
    void randomInputs() {
        Random r = new Random(55);
        for (int i = 0; i < 30; i++) {
            byte[] secret = new byte[1 + r.nextInt(100)];
            byte[] seed = new byte[r.nextInt(200)];
            r.nextBytes(secret);
            r.nextBytes(seed);
            String label = "label " + "x".repeat(r.nextInt(80));
            int length = r.nextInt(300);
            Expect.bytes("prf(" + secret.length + "-byte secret, " + label.length() + "-char label, " + seed.length
                    + "-byte seed, " + length + ")", Prf.prf(secret, label, seed, length), prf.prf(secret, label, seed, length),
                    "secrets longer than 64 bytes and empty seeds must work too; length 0 gives an empty array");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("both sides run on your PRF: ECDHE, CBC, and a resumed session")
    void bothSides() throws Exception {
        for (CipherSuite suite : new CipherSuite[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256}) {
            TlsConfig server = Fixtures.server().prf(prf);
            Connection[] c = Fixtures.mustConnect(suite + " with your PRF on both sides",
                    Fixtures.client().prf(prf).cipherSuites(suite), server, null);
            Connection[] again = Fixtures.mustConnect("resuming " + suite + " with your PRF on both sides",
                    Fixtures.client().prf(prf).cipherSuites(suite).resume(c[0].session()), server, null);
            Expect.isTrue(again[0].resumed(), "the second connection should resume the first session", null);
            Expect.bytes("master secret of " + suite + " on your PRF", Prf.prf(c[0].secrets().preMasterSecret(), "master secret",
                    concat(c[0].secrets().clientRandom(), c[0].secrets().serverRandom()), 48), c[0].secrets().masterSecret(), null);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
