package tlslab.exercises.ex11;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.engine.Connection;
import tlslab.engine.Tls13Secrets;
import tlslab.exercise.Tls13KeyDerivation;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Fixtures;
import tlslab.exercises.check.Impl;
import tlslab.wire.Hex;

/**
 * The known answers are RFC 8448's §3 (a TLS 1.3 handshake with TLS_AES_128_GCM_SHA256, every
 * intermediate value printed; the line numbers are those of the draft text the RFC was published
 * from) and RFC 5869's test case 1 (HKDF with SHA-256).
 */
@DisplayName("Exercise 11 · HKDF-Expand-Label, traffic key and IV")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HkdfExpandLabelTest {
    static final String SHA256 = "HmacSHA256";
    /** RFC 8448 §3, {server} derive secret "tls13 c hs traffic": the handshake secret, and the hash of ClientHello…ServerHello. */
    static final byte[] HANDSHAKE_SECRET = Hex.parse("f2c66e28ed535dfb8721b7145ca51c8bc058514f79aa881d0d32cbe1341a2e45");
    static final byte[] HELLO_HASH = Hex.parse("3d35f3eba0aabf5d9661236e3b5bb938fdc32f409cc27c55499e1f0baa3abd8f");

    final Tls13KeyDerivation kdf = Impl.of(Tls13KeyDerivation.class);

    @Test
    @Tag("points=1")
    @DisplayName("HkdfLabel: RFC 8448's labels for \"key\", \"iv\" and \"c hs traffic\"")
    void hkdfLabel() {
        Expect.bytes("hkdfLabel(16, \"key\", empty)", Hex.parse("0010 09 746c733133206b6579 00"),
                kdf.hkdfLabel(16, "key", new byte[0]),
                "uint16 length (00 10), then the label's length in one byte (9) and \"tls13 key\", then the context's length (0)");
        Expect.bytes("hkdfLabel(12, \"iv\", empty)", Hex.parse("000c 08 746c73313320697600"),
                kdf.hkdfLabel(12, "iv", new byte[0]), "the prefix \"tls13 \" counts in the label's length: 6 + 2 = 8");
        Expect.bytes("hkdfLabel(32, \"c hs traffic\", 32-byte transcript hash)",
                Hex.parse("0020 12 746c7331332063206873207472616666696320" + Hex.of(HELLO_HASH)),
                kdf.hkdfLabel(32, "c hs traffic", HELLO_HASH), "the context comes last, after its one-byte length (0x20)");
    }

    @Test
    @Tag("points=1")
    @DisplayName("HKDF-Expand: RFC 5869's test case 1 (42 bytes, two HMAC blocks)")
    void hkdfExpand() {
        byte[] prk = Hex.parse("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] info = Hex.parse("f0f1f2f3f4f5f6f7f8f9");
        Expect.bytes("hkdfExpand(\"HmacSHA256\", PRK, info, 42)",
                Hex.parse("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                kdf.hkdfExpand(SHA256, prk, info, 42),
                "T(1) = HMAC(PRK, info ‖ 01), T(2) = HMAC(PRK, T(1) ‖ info ‖ 02); if bytes 0-31 are right but not 32-41, check T(2)");
    }

    @Test
    @Tag("points=1")
    @DisplayName("HKDF-Expand-Label: RFC 8448's \"derived\" salt and client handshake traffic secret")
    void hkdfExpandLabel() {
        byte[] earlySecret = Hex.parse("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
        byte[] emptyHash = Hex.parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");   // SHA-256 of nothing
        Expect.bytes("hkdfExpandLabel(SHA-256, early secret, \"derived\", SHA-256(\"\"), 32) (RFC 8448 line 243)",
                Hex.parse("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"),
                kdf.hkdfExpandLabel(SHA256, earlySecret, "derived", emptyHash, 32),
                "Derive-Secret's context is a transcript hash, here of no messages; the label goes in without \"tls13 \"");
        Expect.bytes("hkdfExpandLabel(SHA-256, handshake secret, \"c hs traffic\", hello hash, 32) (RFC 8448 line 269)",
                Hex.parse("d7c28b57a857e961b5bf3e1d7b18d02757c4f97acb66a23372e5a7f3d0a71e07"),
                kdf.hkdfExpandLabel(SHA256, HANDSHAKE_SECRET, "c hs traffic", HELLO_HASH, 32),
                "HKDF-Expand(secret, hkdfLabel(length, label, context), length)");
    }

    @Test
    @Tag("points=1")
    @DisplayName("write key and IV: RFC 8448's handshake and application traffic keys")
    void writeKeyAndIv() {
        String[][] cases = {   // traffic secret, key, IV, where in RFC 8448 §3
                {"3031e9c2c26ecc154bc36826e87feeff8f4547df52596747b2dcabf92b18fb59", "4d15c00e47317fe99c714f8ebd92c4d1",
                        "18223084735f2f2d8588caaa", "server handshake traffic (line 355)"},
                {"d7c28b57a857e961b5bf3e1d7b18d02757c4f97acb66a23372e5a7f3d0a71e07", "947fe41b60fa1bcf942d456268476e8d",
                        "962df1fc720f9574f7d22248", "client handshake traffic (line 592)"},
                {"2dca43b0ae13af89e9533d39b65dd25cc22df9e7afcaf082a76895a4da353b50", "d92b3e9a88ea7fe2ed69aa9c8b629e91",
                        "37a828161ead2b6813ad0b13", "client application traffic (line 699)"}};
        for (String[] c : cases) {
            byte[] secret = Hex.parse(c[0]);
            Expect.bytes("writeKey(SHA-256, " + c[3] + " secret, 16)", Hex.parse(c[1]), kdf.writeKey(SHA256, secret, 16),
                    "HKDF-Expand-Label(secret, \"key\", empty context, 16)");
            Expect.bytes("writeIv(SHA-256, " + c[3] + " secret)", Hex.parse(c[2]), kdf.writeIv(SHA256, secret),
                    "HKDF-Expand-Label(secret, \"iv\", empty context, 12)");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("a real TLS 1.3 handshake (client side) runs on your HKDF-Expand-Label")
    void realHandshake() throws Exception {
        byte[] probe = kdf.hkdfExpandLabel(SHA256, new byte[32], "derived", new byte[32], 32);
        Expect.equal("length of hkdfExpandLabel(…, 32)", 32, probe == null ? -1 : probe.length, "return exactly length bytes");
        Connection[] c = Fixtures.mustConnect("the TLS 1.3 handshake with your HKDF-Expand-Label on the client",
                Fixtures.client13().hkdfExpandLabel(kdf::hkdfExpandLabel), Fixtures.server13(),
                "every secret of the client's key schedule, its Finished key and its record keys come from your function:"
                        + " one wrong byte and the client cannot open the server's EncryptedExtensions (bad_record_mac)");
        Tls13Secrets client = c[0].tls13Secrets(), server = c[1].tls13Secrets();
        Expect.bytes("client_application_traffic_secret_0 on both sides", server.clientApplicationTrafficSecret(),
                client.clientApplicationTrafficSecret(), "Derive-Secret(Master Secret, \"c ap traffic\", transcript hash)");
    }
}
