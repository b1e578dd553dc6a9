package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;
import tlslab.engine.TestPki;
import tlslab.wire.DecodeException;
import tlslab.wire.Hex;
import tlslab.wire.Writer;

/** Decoding handshake messages from bytes: headers, each message's body, and the alert each error calls for. */
class HandshakeDecodeTest {
    static final byte[] RANDOM = filled(32, 0x5A);

    @Test
    void unknownTypeIsUnexpectedMessageAtByteZero() {
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(new byte[] {3, 0, 0, 0}));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertEquals("msg_type", e.field());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().endsWith("unknown handshake type 3"), e.getMessage());
    }

    @Test
    void structureNameComesFromTheTypeByte() {
        assertEquals("ClientHello", Handshake.structureName(new byte[] {1}));
        assertEquals("Finished", Handshake.structureName(new byte[] {20, 0}));
        assertEquals("Handshake", Handshake.structureName(new byte[] {99}));
        assertEquals("Handshake", Handshake.structureName(new byte[0]));
    }

    @Test
    void handshakeTypesAreFoundByCode() {
        for (HandshakeType t : HandshakeType.values()) assertSame(t, HandshakeType.of(t.code));
        assertNull(HandshakeType.of(3));
        assertEquals(131_396, Handshake.MAX_LENGTH);
    }

    @Test
    void encodeWritesTypeAndThreeByteLength() {
        assertEquals("0e000000", Hex.of(new ServerHelloDone().encode()));
        assertEquals("00000000", Hex.of(new HelloRequest().encode()));
        byte[] fin = new Finished(filled(12, 7)).encode();
        assertEquals("1400000c", Hex.of(fin, 0, 4));
    }

    @Test
    void emptyMessagesDecodeToTheirType() throws Exception {
        assertInstanceOf(ServerHelloDone.class, Handshake.decode(new byte[] {14, 0, 0, 0}));
        assertInstanceOf(HelloRequest.class, Handshake.decode(new byte[] {0, 0, 0, 0}));
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(new byte[] {14, 0, 0, 1, 0}));
        assertEquals("end", e.field());
    }

    @Test
    void clientHelloRoundTrips() throws Exception {
        ClientHello hello = new ClientHello(0x0303, RANDOM, new byte[] {1, 2}, List.of(0xC02F, 0x002F), new byte[] {0},
                List.of(Extension.serverName("www.mybank.test"), Extension.empty(Extension.EXTENDED_MASTER_SECRET)));
        ClientHello back = (ClientHello) Handshake.decode(hello.encode());
        assertEquals(0x0303, back.clientVersion());
        assertArrayEquals(RANDOM, back.random());
        assertArrayEquals(new byte[] {1, 2}, back.sessionId());
        assertEquals(List.of(0xC02F, 0x002F), back.cipherSuites());
        assertArrayEquals(new byte[] {0}, back.compressionMethods());
        assertEquals(List.of(Extension.SERVER_NAME, Extension.EXTENDED_MASTER_SECRET),
                back.extensions().stream().map(Extension::type).toList());
        assertEquals("www.mybank.test", back.serverName());
    }

    @Test
    void clientHelloWithoutExtensionsHasNone() throws Exception {
        ClientHello hello = new ClientHello(0x0303, RANDOM, new byte[0], List.of(0x002F), new byte[] {0}, List.of());
        byte[] bytes = hello.encode();
        // 2 version + 32 random + 1 session_id + 4 suites + 2 compression, and no extensions block
        assertEquals(4 + 41, bytes.length);
        assertEquals(List.of(), ((ClientHello) Handshake.decode(bytes)).extensions());
    }

    @Test
    void clientHelloWithAnOddCipherSuitesLengthIsDecodeError() {
        byte[] body = new Writer().u16(0x0303).bytes(RANDOM).u8(0).u16(3).u16(0x002F).u8(0).u8(1).u8(0).toByteArray();
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(message(1, body)));
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        assertEquals("cipher_suites.length", e.field());
        assertTrue(e.getMessage().contains("odd length"), e.getMessage());
    }

    @Test
    void clientHelloNeedsACompressionMethod() {
        byte[] body = new Writer().u16(0x0303).bytes(RANDOM).u8(0).u16(2).u16(0x002F).u8(0).toByteArray();
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(message(1, body)));
        assertEquals("compression_methods", e.field());
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
    }

    @Test
    void sameExtensionTwiceIsIllegalParameterNamingTheSecond() {
        byte[] body = new Writer().u16(0x0303).bytes(RANDOM).u8(0).u16(2).u16(0x002F).u8(1).u8(0)
                .vector16(v -> v.u16(23).u16(0).u16(22).u16(0).u16(23).u16(0)).toByteArray();
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(message(1, body)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("extensions[2]", e.field());
        assertTrue(e.getMessage().contains("extension extended_master_secret (RFC 7627) appears twice"), e.getMessage());
    }

    @Test
    void serverHelloRoundTripsWithAndWithoutExtensions() throws Exception {
        ServerHello plain = new ServerHello(0x0303, RANDOM, filled(32, 1), 0x009C, 0, List.of());
        assertEquals(4 + 2 + 32 + 33 + 2 + 1, plain.encode().length);
        ServerHello back = (ServerHello) Handshake.decode(plain.encode());
        assertEquals(0x009C, back.cipherSuite());
        assertEquals(0, back.compressionMethod());
        assertArrayEquals(filled(32, 1), back.sessionId());
        assertEquals(List.of(), back.extensions());
        ServerHello withExt = new ServerHello(0x0303, RANDOM, new byte[0], 0xC02F, 0, List.of(Extension.renegotiationInfo()));
        Extension reneg = ((ServerHello) Handshake.decode(withExt.encode())).extensions().get(0);
        assertEquals(Extension.RENEGOTIATION_INFO, reneg.type());
        assertArrayEquals(new byte[] {0}, reneg.data());
    }

    @Test
    void serverKeyExchangeRoundTripsAndSignsItsParams() throws Exception {
        byte[] point = filled(32, 9);
        ServerKeyExchange ske = new ServerKeyExchange(29, point, SignatureScheme.RSA_PKCS1_SHA256, new byte[] {1, 2, 3});
        ServerKeyExchange back = (ServerKeyExchange) Handshake.decode(ske.encode());
        assertEquals(29, back.namedCurve());
        assertArrayEquals(point, back.publicKey());
        assertEquals(SignatureScheme.RSA_PKCS1_SHA256, back.signatureScheme());
        assertArrayEquals(new byte[] {1, 2, 3}, back.signature());
        assertEquals("03001d20" + Hex.of(point), Hex.of(ServerKeyExchange.params(29, point)));
        byte[] cr = filled(32, 0xC1), sr = filled(32, 0x51);
        assertEquals(Hex.of(cr) + Hex.of(sr) + "03001d20" + Hex.of(point), Hex.of(ServerKeyExchange.signedData(cr, sr, 29, point)));
    }

    @Test
    void serverKeyExchangeWithExplicitCurveIsHandshakeFailure() {
        byte[] body = new Writer().u8(1).u16(29).opaque8(filled(32, 9)).u16(0x0401).opaque16(new byte[1]).toByteArray();
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(message(12, body)));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertEquals("curve_type", e.field());
        assertTrue(e.getMessage().endsWith("only named_curve (3) is supported, got 1"), e.getMessage());
    }

    @Test
    void certificateVerifyRoundTrips() throws Exception {
        CertificateVerify cv = new CertificateVerify(SignatureScheme.RSA_PSS_RSAE_SHA256, new byte[] {4, 5});
        CertificateVerify back = (CertificateVerify) Handshake.decode(cv.encode());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, back.signatureScheme());
        assertArrayEquals(new byte[] {4, 5}, back.signature());
    }

    @Test
    void finishedIsExactlyTwelveBytes() throws Exception {
        byte[] vd = filled(12, 3);
        assertArrayEquals(vd, ((Finished) Handshake.decode(new Finished(vd).encode())).verifyData());
        DecodeException e = assertThrows(DecodeException.class, () -> Handshake.decode(message(20, new byte[11])));
        assertEquals("verify_data", e.field());
    }

    @Test
    void certificateRequestRoundTrips() throws Exception {
        byte[] dn = new X500Principal("CN=Lab CA").getEncoded();
        CertificateRequest req = new CertificateRequest(new byte[] {CertificateRequest.RSA_SIGN},
                List.of(0x0401, 0x0804), List.of(dn));
        CertificateRequest back = (CertificateRequest) Handshake.decode(req.encode());
        assertArrayEquals(new byte[] {1}, back.certificateTypes());
        assertEquals(List.of(0x0401, 0x0804), back.signatureAlgorithms());
        assertEquals(1, back.certificateAuthorities().size());
        assertArrayEquals(dn, back.certificateAuthorities().get(0));
        assertEquals("CertificateRequest{1 CA name(s)}", back.toString());
    }

    @Test
    void certificateMessageRoundTripsAndAnEmptyListIsAllowed() throws Exception {
        CertificateMessage two = new CertificateMessage(List.of(new byte[] {1, 2}, new byte[] {3}));
        CertificateMessage back = (CertificateMessage) Handshake.decode(two.encode());
        assertEquals(2, back.certificates().size());
        assertArrayEquals(new byte[] {3}, back.certificates().get(1));
        assertEquals("Certificate{2 certificate(s)}", back.toString());
        assertEquals(0, ((CertificateMessage) Handshake.decode(new CertificateMessage(List.of()).encode())).certificates().size());
    }

    @Test
    void aCertificateThatIsNotX509IsBadCertificateNamingItsIndex() throws Exception {
        X509Certificate ca = TestPki.CA.certificate();
        CertificateMessage msg = new CertificateMessage(List.of(ca.getEncoded(), new byte[] {0x30, 0x00}));
        TlsException e = assertThrows(TlsException.class, msg::chain);
        assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert());
        assertTrue(e.getMessage().startsWith("Certificate.certificate_list[1] is not a valid X.509 certificate"), e.getMessage());
    }

    @Test
    void certificateMessageOfAChainKeepsItsOrder() throws Exception {
        X509Certificate server = TestPki.SERVER_CERT;
        X509Certificate ca = TestPki.CA.certificate();
        CertificateMessage msg = CertificateMessage.of(List.of(server, ca));
        assertArrayEquals(server.getEncoded(), msg.certificates().get(0));
        assertEquals(List.of(server, ca), ((CertificateMessage) Handshake.decode(msg.encode())).chain());
    }

    @Test
    void clientKeyExchangeKeepsItsBodyAndReadsItEitherWay() throws Exception {
        ClientKeyExchange rsa = ClientKeyExchange.rsa(new byte[] {7, 8, 9});
        assertEquals("0003070809", Hex.of(rsa.exchangeKeys()));
        ClientKeyExchange back = (ClientKeyExchange) Handshake.decode(rsa.encode());
        assertArrayEquals(rsa.exchangeKeys(), back.exchangeKeys());
        assertArrayEquals(new byte[] {7, 8, 9}, back.encryptedPreMasterSecret());
        ClientKeyExchange ecdhe = ClientKeyExchange.ecdhe(new byte[] {4, 1});
        assertEquals("020401", Hex.of(ecdhe.exchangeKeys()));
        assertArrayEquals(new byte[] {4, 1}, ecdhe.ecdhYc());
        assertEquals(0, ClientKeyExchange.rsa(new byte[0]).encryptedPreMasterSecret().length);
    }

    @Test
    void clientKeyExchangeReadAsTheWrongKindIsADecodeError() {
        ClientKeyExchange rsa = ClientKeyExchange.rsa(new byte[] {7, 8, 9});
        DecodeException e = assertThrows(DecodeException.class, rsa::ecdhYc);
        assertEquals("ClientKeyExchange", e.structure());
        DecodeException empty = assertThrows(DecodeException.class, () -> ClientKeyExchange.ecdhe(new byte[0]).ecdhYc());
        assertEquals("ecdh_Yc", empty.field());
    }

    @Test
    void clientKeyExchangeWithBytesAfterTheShareIsADecodeError() {
        ClientKeyExchange extra = new ClientKeyExchange(new byte[] {1, 4, 9});
        DecodeException e = assertThrows(DecodeException.class, extra::ecdhYc);
        assertEquals("end", e.field());
        assertTrue(e.getMessage().contains("1 unexpected trailing byte(s)"), e.getMessage());
        DecodeException rsa = assertThrows(DecodeException.class, () -> new ClientKeyExchange(new byte[] {0, 1, 5, 6}).encryptedPreMasterSecret());
        assertEquals("end", rsa.field());
    }

    @Test
    void toStringsShowWhatATranscriptPrints() {
        assertEquals("Finished{verify_data=" + "03".repeat(12) + "}", new Finished(filled(12, 3)).toString());
        assertEquals("ClientKeyExchange{020401}", ClientKeyExchange.ecdhe(new byte[] {4, 1}).toString());
        assertEquals("ServerKeyExchange{curve=x25519, public=0909090909090909… (32 bytes), signature=rsa_pkcs1_sha256}",
                new ServerKeyExchange(29, filled(32, 9), 0x0401, new byte[0]).toString());
        assertEquals("ServerHello{version=TLS 1.2, random=5a5a5a5a5a5a5a5a… (32 bytes), session_id=0102, "
                + "cipher_suite=TLS_RSA_WITH_AES_128_GCM_SHA256}",
                new ServerHello(0x0303, RANDOM, new byte[] {1, 2}, 0x009C, 0, List.of()).toString());
        assertEquals("ClientHello{version=TLS 1.2, random=5a5a5a5a5a5a5a5a… (32 bytes), session_id=, "
                + "cipher_suites=[TLS_RSA_WITH_AES_128_CBC_SHA, TLS_EMPTY_RENEGOTIATION_INFO_SCSV], extensions=[server_name]}",
                new ClientHello(0x0303, RANDOM, new byte[0], List.of(0x002F, 0x00FF), new byte[] {0},
                        List.of(Extension.serverName("a"))).toString());
    }

    static byte[] message(int type, byte[] body) {
        return new Writer().u8(type).opaque24(body).toByteArray();
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
