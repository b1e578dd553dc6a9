package tlslab.exercises.ex05;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.Prf;
import tlslab.engine.Connection;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.wire.Hex;

@DisplayName("Exercise 5 · The TLS 1.2 PRF (P_SHA256)")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Sha256PrfTest {
    final Prf.Function prf = Impl.of(Prf.Function.class);

    @Test
    @Tag("points=2")
    @DisplayName("the published TLS 1.2 PRF test vector (100 bytes)")
    void knownVector() {
        byte[] secret = Hex.parse("9bbe436ba940f017b17652849a71db35");
        byte[] seed = Hex.parse("a0ba9f936cda311827a6f796ffd5198c");
        byte[] expected = Hex.parse("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                + "87347b66");
        Expect.bytes("prf(secret, \"test label\", seed, 100)", expected, prf.prf(secret, "test label", seed, 100),
                "the seed of P_SHA256 is label ‖ seed; if bytes 0-31 are right but 32-63 wrong, check A(2) = HMAC(secret, A(1))");
    }

    @Test
    @Tag("points=2")
    @DisplayName("exactly the number of bytes asked for")
    void lengths() {
        Random r = new Random(5);
        for (int length : new int[] {1, 12, 31, 32, 33, 48, 64, 104}) {
            byte[] secret = new byte[48];
            byte[] seed = new byte[64];
            r.nextBytes(secret);
            r.nextBytes(seed);
            Expect.bytes("prf(secret, \"key expansion\", seed, " + length + ")", Prf.prf(secret, "key expansion", seed, length),
                    prf.prf(secret, "key expansion", seed, length),
                    "make as many 32-byte HMAC blocks as needed and cut the last one, so the output is exactly length bytes");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("a real handshake (client side) runs on your PRF")
    void realHandshake() throws Exception {
        byte[] probe = prf.prf(new byte[48], "master secret", new byte[64], 48);
        Expect.equal("length of prf(…, 48)", 48, probe == null ? -1 : probe.length, "return exactly length bytes");
        Connection[] c = Fixtures.mustConnect("the handshake with your PRF on the client",
                Fixtures.client().prf(prf).cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), Fixtures.server(),
                "the client's keys and Finished come from your PRF, so any wrong byte makes the server reject the client's"
                        + " Finished (decrypt_error or bad_record_mac)");
        Expect.bytes("master secret on both sides", c[1].secrets().masterSecret(), c[0].secrets().masterSecret(),
                "the master secret is PRF(pre_master_secret, \"master secret\", client_random ‖ server_random, 48)");
    }
}
