package tlslab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tlslab.alert.AbruptCloseException;
import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.crypto.CipherSuite;
import tlslab.crypto.NamedGroup;
import tlslab.handshake.ClientHello;
import tlslab.handshake.Extension;
import tlslab.handshake.HandshakeType;
import tlslab.handshake.ServerHello;
import tlslab.handshake.ServerKeyExchange;
import tlslab.handshake.SignatureScheme;
import tlslab.transport.Interceptor;
import tlslab.wire.Hex;

/**
 * What the server answers to ClientHellos a conformance suite sends (tlsfuzzer's scripts were the
 * model): malformed extension bodies get the alert the RFC names, and negotiation picks what it can
 * complete. Each case failed before the server checked it.
 */
@Timeout(30)
class ConformanceTest {
    static final TlsConfig SERVER = TestPki.server();

    static Extension ext(int type, String hex) {
        return new Extension(type, Hex.parse(hex));
    }

    /** A well-formed hello's extensions with {@code replaced} instead of the one of its type (or added). */
    static List<Extension> with(Extension... replaced) {
        List<Extension> out = new ArrayList<>(List.of(Extension.serverName("www.mybank.test"),
                Extension.supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), Extension.ecPointFormats(),
                Extension.signatureAlgorithms(List.of(0x0401)), Extension.renegotiationInfo()));
        for (Extension r : replaced) {
            out.removeIf(e -> e.type() == r.type());
            out.add(r);
        }
        return out;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // server_name (RFC 6066 §3)
                Arguments.of("server_name: empty list", ext(0, "0000"), "decode_error"),
                Arguments.of("server_name: empty host name", ext(0, "0003000000"), "decode_error"),
                Arguments.of("server_name: trailing bytes", ext(0, "0004000001" + "61" + "ff"), "decode_error"),
                Arguments.of("server_name: wrong inner length", ext(0, "0004000005" + "61"), "decode_error"),
                Arguments.of("server_name: two host_names", ext(0, "0008" + "00000161" + "00000162"), "illegal_parameter"),
                Arguments.of("server_name: NUL in the name", ext(0, "0005000002" + "6100"), "illegal_parameter"),
                Arguments.of("server_name: BEL in the name", ext(0, "0005000002" + "6107"), "illegal_parameter"),
                Arguments.of("server_name: ESC in the name", ext(0, "0005000002" + "1b61"), "illegal_parameter"),
                // ec_point_formats (RFC 8422 §5.1.2)
                Arguments.of("ec_point_formats: empty", ext(11, "00"), "decode_error"),
                Arguments.of("ec_point_formats: no uncompressed", ext(11, "0101"), "illegal_parameter"),
                Arguments.of("ec_point_formats: wrong length", ext(11, "0300"), "decode_error"),
                // signature_algorithms (RFC 5246 §7.4.1.4.1)
                Arguments.of("signature_algorithms: empty", ext(13, "0000"), "decode_error"),
                Arguments.of("signature_algorithms: odd length", ext(13, "0003040105"), "decode_error"),
                Arguments.of("signature_algorithms: inner length too long", ext(13, "00060401"), "decode_error"),
                Arguments.of("signature_algorithms: only undefined schemes", ext(13, "0004ffff7f7f"), "handshake_failure"),
                // supported_groups (RFC 8422 §5.1.1)
                Arguments.of("supported_groups: empty", ext(10, "0000"), "decode_error"),
                Arguments.of("supported_groups: odd length", ext(10, "0003001d00"), "decode_error"),
                Arguments.of("supported_groups: inner length too short", ext(10, "0002001d0017"), "decode_error"),
                // renegotiation_info (RFC 5746 §3.6)
                Arguments.of("renegotiation_info: not empty", ext(0xff01, "0100"), "handshake_failure"),
                Arguments.of("renegotiation_info: wrong length", ext(0xff01, "02"), "decode_error"),
                // extended_master_secret (RFC 7627 §5.1) and encrypt_then_mac (RFC 7366 §2) are empty
                Arguments.of("extended_master_secret: not empty", ext(23, "00"), "decode_error"),
                Arguments.of("encrypt_then_mac: not empty", ext(22, "0000"), "decode_error"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("malformed")
    void malformedExtensionsGetTheirAlert(String what, Extension bad, String alert) throws Exception {
        assertEquals(alert, RawClient.answer(SERVER, RawClient.hello(with(bad))).what(), what);
    }

    @Test
    void theSameExtensionTwiceIsIllegal() throws Exception {
        List<Extension> twice = with();
        twice.add(Extension.ecPointFormats());
        assertEquals("illegal_parameter", RawClient.answer(SERVER, RawClient.hello(twice)).what());
    }

    @Test
    void aWellFormedHelloIsAnswered() throws Exception {
        assertTrue(RawClient.answer(SERVER, RawClient.hello(with())).isServerHello());
    }

    @Test
    void anUnknownButWellFormedNameIsIgnored() throws Exception {
        // name_type 1 is not defined: RFC 6066 lets a server skip what it does not know
        assertTrue(RawClient.answer(SERVER, RawClient.hello(with(ext(0, "0005" + "01000261" + "62")))).isServerHello());
    }

    static ServerHello serverHello(List<Integer> suites, List<Extension> extensions) throws Exception {
        try (RawClient c = new RawClient(SERVER)) {
            return (ServerHello) c.handshake(RawClient.hello(0x0303, suites, extensions)).next(HandshakeType.SERVER_HELLO);
        }
    }

    static ServerKeyExchange serverKeyExchange(List<Extension> extensions) throws Exception {
        try (RawClient c = new RawClient(SERVER)) {
            return (ServerKeyExchange) c.handshake(RawClient.hello(extensions)).next(HandshakeType.SERVER_KEY_EXCHANGE);
        }
    }

    @Test
    void withNoGroupInCommonTheServerPicksASuiteItCanComplete() throws Exception {
        Extension unknownGroup = ext(10, "00020099");
        assertEquals(0x009C, serverHello(List.of(0xC02F, 0x009C), with(unknownGroup)).cipherSuite(), "RSA key transport");
        assertEquals("handshake_failure", RawClient.answer(SERVER, RawClient.hello(0x0303, List.of(0xC02F), with(unknownGroup))).what());
    }

    @Test
    void withoutSupportedGroupsSecp256r1IsAcceptable() throws Exception {
        List<Extension> none = with();
        none.removeIf(e -> e.type() == Extension.SUPPORTED_GROUPS);
        assertEquals(NamedGroup.SECP256R1.id, serverKeyExchange(none).namedCurve());
    }

    @Test
    void withoutSignatureAlgorithmsTheServerSignsWithSha1() throws Exception {
        List<Extension> none = with();
        none.removeIf(e -> e.type() == Extension.SIGNATURE_ALGORITHMS);
        assertEquals(SignatureScheme.RSA_PKCS1_SHA1, serverKeyExchange(none).signatureScheme());
    }

    @Test
    void aClientListingOnlyRsaPssGetsAnRsaPssSignature() throws Exception {
        for (int pss : List.of(0x0804, 0x0805, 0x0806)) {
            ServerKeyExchange ske = serverKeyExchange(with(Extension.signatureAlgorithms(List.of(pss))));
            assertEquals(pss, ske.signatureScheme());
        }
    }

    @Test
    void fallbackScsvBelowTls12IsAnInappropriateFallback() throws Exception {
        // RFC 7507: a client retrying with a lower version says so; a server that speaks higher refuses
        ClientHello retry = RawClient.hello(0x0302, List.of(0x009C, 0x5600), with());
        assertEquals("inappropriate_fallback", RawClient.answer(SERVER, retry).what());
        assertEquals("protocol_version", RawClient.answer(SERVER, RawClient.hello(0x0302, List.of(0x009C), with())).what());
    }

    /** The alert the client gets when a man in the middle swaps one of the client's records for {@code replacement}. */
    static AlertDescription alertWhenClientSends(CipherSuite suite, int recordType, int handshakeType, byte[] replacement) {
        Interceptor swap = (fromClient, bytes) -> fromClient && bytes[0] == recordType && (handshakeType < 0 || bytes[5] == handshakeType)
                ? replacement : bytes;
        TlsException e = assertThrows(TlsException.class, () -> MemoryPair.connect(TestPki.client().cipherSuites(suite), SERVER, swap));
        return e.alert();
    }

    @Test
    void aChangeCipherSpecOfTheWrongLengthIsUnexpected() {
        byte[] twoBytes = Hex.parse("140303000201" + "01");
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertWhenClientSends(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, 20, -1, twoBytes));
    }

    @Test
    void anEmptyEncryptedPreMasterFailsOnlyAtFinished() {
        // like every bad RSA ciphertext: a random pre-master secret, so the client's Finished cannot be read
        byte[] empty = Hex.parse("1603030006" + "100000020000");
        AlertDescription a = alertWhenClientSends(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, 22, 16, empty);
        assertTrue(a == AlertDescription.BAD_RECORD_MAC || a == AlertDescription.DECRYPT_ERROR, String.valueOf(a));
    }

    @Test
    void aLongRunOfWarningAlertsIsCutShort() throws Exception {
        try (RawClient c = new RawClient(SERVER)) {
            for (int i = 0; i < 20; i++) c.record(21, 0x0303, new byte[] {1, 90});   // warning user_canceled
            c.handshake(RawClient.hello(with()));
            assertEquals("unexpected_message", c.answer().what());
        }
        try (RawClient c = new RawClient(SERVER)) {   // a few are still fine
            for (int i = 0; i < Alerts.MAX_WARNINGS_IN_A_ROW; i++) c.record(21, 0x0303, new byte[] {1, 90});
            assertTrue(c.handshake(RawClient.hello(with())).answer().isServerHello());
        }
    }

    @Test
    void aClientHelloWithEveryListAtItsLimitIsAnswered() throws Exception {
        List<Integer> suites = new ArrayList<>(List.of(0x009C));
        while (suites.size() < 0xfffe / 2) suites.add(0x0A0A);   // a reserved (GREASE) code, to be ignored
        byte[] compression = new byte[255];                      // null (0) first, then codes nobody defines
        for (int i = 1; i < 255; i++) compression[i] = (byte) (i + 0x40);
        List<Extension> extensions = with();
        int used = 0;
        for (Extension e : extensions) used += 4 + e.data().length;
        extensions.add(new Extension(21, new byte[0xffff - used - 4]));   // padding (RFC 7685) fills the rest
        byte[] sessionId = new byte[32];
        ClientHello max = new ClientHello(0x0303, new byte[32], sessionId, suites, compression, extensions);
        int body = max.encode().length - 4;
        assertEquals(2 + 32 + 33 + 2 + 0xfffe + 1 + 255 + 2 + 0xffff, body, "every list at its limit");
        try (RawClient c = new RawClient(SERVER)) {
            assertTrue(c.handshake(max).answer().isServerHello());
        }
    }

    @Test
    void afterServerHelloEveryRecordSaysTls12() throws Exception {
        try (RawClient c = new RawClient(SERVER)) {
            c.record(22, 0x0301, RawClient.hello(with()).encode());   // an old record version is fine for the first hello
            c.next(HandshakeType.SERVER_HELLO_DONE);
            c.record(22, 0x0302, Hex.parse("10000002" + "0000"));
            assertEquals("protocol_version", c.answer().what());
        }
    }

    @Test
    void aPeerThatJustHangsUpGetsNoAlert() throws Exception {
        RawClient c = new RawClient(SERVER);
        c.handshake(RawClient.hello(with())).next(HandshakeType.SERVER_HELLO_DONE);
        c.closeOutput();   // hang up without close_notify
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.server.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof AbruptCloseException, String.valueOf(e.getCause()));
        assertEquals("closed without an alert", c.answer().what(), "a fatal close_notify is no alert at all");
        c.close();
    }
}
