package tlslab.exercises.hidden;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.crypto.Hash;
import tlslab.crypto.tls13.Hkdf;
import tlslab.crypto.tls13.SecretSchedule;
import tlslab.crypto.tls13.Tls13CipherSuite;
import tlslab.crypto.tls13.TrafficKeys;
import tlslab.engine.Connection;
import tlslab.engine.TlsConfig;
import tlslab.engine.Tls13Secrets;
import tlslab.engine.Tls13Ticket;
import tlslab.exercise.Tls13KeyDerivation;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 11 · HKDF-Expand-Label (hidden)")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex11HkdfLabelHiddenTest {
    final Tls13KeyDerivation kdf = Impl.of(Tls13KeyDerivation.class);

    @Test
    @Tag("points=1")
    @DisplayName("SHA-256 and SHA-384, any length, label and context")
    void randomInputs() {
        Random r = new Random(1111);
        for (int i = 0; i < 30; i++) {
            Hash hash = i % 2 == 0 ? Hash.SHA256 : Hash.SHA384;
            byte[] secret = new byte[hash.length()];
            byte[] context = new byte[i == 0 ? 0 : i == 1 ? 255 : r.nextInt(256)];
            r.nextBytes(secret);
            r.nextBytes(context);
            String label = i == 2 ? "x".repeat(249) : "label " + "y".repeat(r.nextInt(100));
            int length = i == 3 ? 0 : i == 4 ? 255 * hash.length() : 1 + r.nextInt(3 * hash.length());
            String what = label.length() + "-char label, " + context.length + "-byte context, " + length + ")";
            Expect.bytes("hkdfLabel(" + what, Hkdf.hkdfLabel(length, label, context), kdf.hkdfLabel(length, label, context),
                    "length in 2 bytes; label and context each after a 1-byte length");
            Expect.bytes("hkdfExpandLabel(" + hash.hmacName + ", " + what, Hkdf.expandLabel(hash, secret, label, context, length),
                    kdf.hkdfExpandLabel(hash.hmacName, secret, label, context, length),
                    "as many HMAC blocks as length needs (48 bytes each with SHA-384); length 0 gives an empty array");
        }
        for (Tls13CipherSuite suite : Tls13CipherSuite.values()) {
            byte[] secret = suite.hash.digest(suite.name().getBytes(StandardCharsets.US_ASCII));
            TrafficKeys keys = TrafficKeys.derive(suite, secret);
            Expect.bytes("writeKey(" + suite.hash.hmacName + ", secret, " + suite.keyLength + ") for " + suite, keys.key(),
                    kdf.writeKey(suite.hash.hmacName, secret, suite.keyLength), "the key length is the AEAD's: 32 for AES-256 and ChaCha20");
            Expect.bytes("writeIv(" + suite.hash.hmacName + ", secret) for " + suite, keys.iv(),
                    kdf.writeIv(suite.hash.hmacName, secret), "12 bytes for every suite");
        }
    }

    @Test
    @Tag("points=1")
    @DisplayName("refuses what HkdfLabel cannot hold and what HKDF-Expand cannot give")
    void refusals() {
        byte[] secret = new byte[32];
        // the limits themselves are fine: refuse what is over them, not what is on them
        String longest = "x".repeat(249);
        byte[] fullContext = new byte[255];
        Expect.bytes("hkdfLabel(65535, 249-character label, 255-byte context)", Hkdf.hkdfLabel(65535, longest, fullContext),
                kdf.hkdfLabel(65535, longest, fullContext), "\"tls13 \" + 249 characters is 255 bytes: allowed");
        Expect.bytes("hkdfExpand(\"HmacSHA256\", …, 8160)", Hkdf.expand(Hash.SHA256, secret, new byte[0], 255 * 32),
                kdf.hkdfExpand("HmacSHA256", secret, new byte[0], 255 * 32), "255 blocks of 32 bytes: allowed");
        Expect.rejects(IllegalArgumentException.class, "hkdfLabel with a 250-character label (\"tls13 \" + label: 256 bytes)",
                () -> kdf.hkdfLabel(32, "x".repeat(250), new byte[0]), "opaque label<7..255>: the prefix counts");
        Expect.rejects(IllegalArgumentException.class, "hkdfLabel with a 256-byte context",
                () -> kdf.hkdfLabel(32, "key", new byte[256]), "opaque context<0..255>");
        Expect.rejects(IllegalArgumentException.class, "hkdfLabel with length 65536", () -> kdf.hkdfLabel(65536, "key", new byte[0]),
                "the length is a uint16");
        Expect.rejects(IllegalArgumentException.class, "hkdfExpand(\"HmacSHA256\", …, 8161)",
                () -> kdf.hkdfExpand("HmacSHA256", secret, new byte[0], 255 * 32 + 1), "at most 255 blocks: 255 × 32 bytes");
        Expect.rejects(IllegalArgumentException.class, "hkdfExpand(\"HmacSHA384\", …, -1)",
                () -> kdf.hkdfExpand("HmacSHA384", new byte[48], new byte[0], -1), "a negative length is an error, not an empty array");
    }

    @Test
    @Tag("points=2")
    @DisplayName("both sides run TLS 1.3 on your HKDF-Expand-Label: SHA-384, a resumed session and a KeyUpdate")
    void bothSides() throws Exception {
        TlsConfig server = Fixtures.server13().hkdfExpandLabel(kdf::hkdfExpandLabel);
        for (Tls13CipherSuite suite : new Tls13CipherSuite[] {Tls13CipherSuite.TLS_AES_256_GCM_SHA384,
                Tls13CipherSuite.TLS_CHACHA20_POLY1305_SHA256}) {
            Connection[] c = Fixtures.mustConnect(suite + " with your HKDF-Expand-Label on both sides",
                    Fixtures.client13().hkdfExpandLabel(kdf::hkdfExpandLabel).tls13CipherSuites(suite), server, null);
            Tls13Secrets s = c[0].tls13Secrets();
            Expect.bytes("master secret of " + suite + " on your function", SecretSchedule.masterSecret(suite.hash, s.handshakeSecret()),
                    s.masterSecret(), "with " + suite.hash.hmacName + " every secret is 48 bytes, and \"derived\" uses the hash of no messages");
            c[1].write("ticket, then data".getBytes(StandardCharsets.US_ASCII));
            c[0].read();
            c[0].keyUpdate(true);
            c[0].write("after KeyUpdate".getBytes(StandardCharsets.US_ASCII));
            Expect.equal("what the server read after a KeyUpdate", "after KeyUpdate",
                    new String(c[1].read(), StandardCharsets.US_ASCII), "the next secret is HKDF-Expand-Label(secret, \"traffic upd\", \"\", Hash.length)");
            c[1].write("reply".getBytes(StandardCharsets.US_ASCII));
            Expect.equal("what the client read after the server's KeyUpdate", "reply", new String(c[0].read(), StandardCharsets.US_ASCII), null);
            Tls13Ticket ticket = c[0].tls13Ticket();
            Expect.isTrue(ticket != null, "the server sent a ticket", null);
            Connection[] again = Fixtures.mustConnect("resuming " + suite + " with your HKDF-Expand-Label on both sides",
                    Fixtures.client13().hkdfExpandLabel(kdf::hkdfExpandLabel).tls13CipherSuites(suite).resume(ticket), server,
                    "the ticket's PSK and the binder come from \"resumption\" and \"res binder\"");
            Expect.isTrue(again[0].resumed(), "the second connection resumes the first with its ticket", null);
        }
    }
}
