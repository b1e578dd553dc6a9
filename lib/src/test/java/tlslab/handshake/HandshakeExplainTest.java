package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import tlslab.crypto.KeyExchange;
import tlslab.engine.TestPki;
import tlslab.wire.Field;
import tlslab.wire.Hex;

/** The field-by-field breakdown the notebooks draw as tables: names, offsets and meanings. */
class HandshakeExplainTest {
    static final byte[] RANDOM = HandshakeDecodeTest.RANDOM;

    @Test
    void clientHelloFieldsAreNamedAndExplained() throws Exception {
        ClientHello hello = new ClientHello(0x0303, RANDOM, new byte[0], List.of(0xC02F, 0x00FF), new byte[] {0},
                List.of(Extension.empty(Extension.EXTENDED_MASTER_SECRET)));
        Map<String, String> m = meanings(Handshake.explain(hello.encode(), null));
        assertEquals("ClientHello", m.get("msg_type"));
        assertEquals(hello.encode().length - 4 + " bytes follow", m.get("length"));
        assertEquals("TLS 1.2", m.get("client_version"));
        assertEquals("client random: 32 fresh bytes, mixed into every key", m.get("random"));
        assertEquals("empty: a new session", m.get("session_id"));
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", m.get("cipher_suites[0]"));
        assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", m.get("cipher_suites[1]"));
        assertEquals("null (no compression)", m.get("compression_methods"));
        assertEquals("extended_master_secret (RFC 7627)", m.get("extensions[0].extension_type"));
    }

    @Test
    void clientHelloResumingASessionAndOfferingCompressionSaysSo() throws Exception {
        ClientHello hello = new ClientHello(0x0301, RANDOM, new byte[] {1}, List.of(0x002F), new byte[] {1, 0}, List.of());
        Map<String, String> m = meanings(Handshake.explain(hello.encode(), null));
        assertEquals("TLS 1.0", m.get("client_version"));
        assertEquals("asks to resume this session", m.get("session_id"));
        assertEquals("0100", m.get("compression_methods"));
        ClientHello deflateOnly = new ClientHello(0x0303, RANDOM, new byte[0], List.of(0x002F), new byte[] {1}, List.of());
        assertEquals("01", meanings(Handshake.explain(deflateOnly.encode(), null)).get("compression_methods"));
    }

    @Test
    void fieldOffsetsCountFromTheStartOfTheMessage() throws Exception {
        ClientHello hello = new ClientHello(0x0303, RANDOM, new byte[0], List.of(0x002F), new byte[] {0}, List.of());
        List<Field> fields = Handshake.explain(hello.encode(), null);
        Field random = fields.stream().filter(f -> f.name().equals("random")).findFirst().orElseThrow();
        assertEquals(6, random.offset());
        assertEquals(32, random.length());
    }

    @Test
    void serverHelloFieldsAreExplained() throws Exception {
        ServerHello sh = new ServerHello(0x0303, RANDOM, new byte[] {9}, 0x009C, 0, List.of());
        Map<String, String> m = meanings(Handshake.explain(sh.encode(), null));
        assertEquals("TLS 1.2", m.get("server_version"));
        assertEquals("server random: 32 fresh bytes, mixed into every key", m.get("random"));
        assertEquals("names this session, so a later connection can resume it", m.get("session_id"));
        assertEquals("TLS_RSA_WITH_AES_128_GCM_SHA256", m.get("cipher_suite"));
        assertEquals("null (no compression)", m.get("compression_method"));
        ServerHello compressed = new ServerHello(0x0303, RANDOM, new byte[0], 0x009C, 1, List.of());
        assertEquals("compression 1", meanings(Handshake.explain(compressed.encode(), null)).get("compression_method"));
    }

    @Test
    void serverKeyExchangeFieldsAreExplained() throws Exception {
        ServerKeyExchange ske = new ServerKeyExchange(23, new byte[65], 0x0804, new byte[] {1});
        Map<String, String> m = meanings(Handshake.explain(ske.encode(), null));
        assertEquals("named_curve", m.get("curve_type"));
        assertEquals("secp256r1", m.get("named_curve"));
        assertEquals("the server's ephemeral public key", m.get("public"));
        assertEquals("rsa_pss_rsae_sha256", m.get("signature_algorithm"));
        assertEquals("signed with the certificate's private key", m.get("signature"));
    }

    @Test
    void clientKeyExchangeIsShownAsTheNegotiatedKeyExchangeReadsIt() throws Exception {
        byte[] rsa = ClientKeyExchange.rsa(new byte[] {1, 2}).encode();
        assertEquals("its layout depends on the key exchange the cipher suite names",
                meanings(Handshake.explain(rsa, null)).get("exchange_keys"));
        assertEquals("pre-master secret, RSA-encrypted (PKCS#1 v1.5) with the server's public key",
                meanings(Handshake.explain(rsa, KeyExchange.RSA)).get("encrypted_pre_master_secret"));
        byte[] ecdhe = ClientKeyExchange.ecdhe(new byte[] {4, 1}).encode();
        assertEquals("the client's ephemeral public key", meanings(Handshake.explain(ecdhe, KeyExchange.ECDHE)).get("ecdh_Yc"));
        ClientKeyExchange decoded = (ClientKeyExchange) Handshake.decode(ecdhe);
        assertEquals("020401", Hex.of(decoded.exchangeKeys()));
    }

    @Test
    void certificateVerifyAndFinishedAreExplained() throws Exception {
        Map<String, String> cv = meanings(Handshake.explain(new CertificateVerify(0x0401, new byte[] {1}).encode(), null));
        assertEquals("rsa_pkcs1_sha256", cv.get("signature_algorithm"));
        assertEquals("client's signature over every handshake message so far", cv.get("signature"));
        Map<String, String> fin = meanings(Handshake.explain(new Finished(new byte[12]).encode(), null));
        assertTrue(fin.get("verify_data").startsWith("PRF(master_secret, finished_label, "), fin.get("verify_data"));
    }

    @Test
    void certificateRequestNamesItsTypesAndCas() throws Exception {
        byte[] dn = new X500Principal("CN=Lab CA,O=TLS Lab").getEncoded();
        CertificateRequest one = new CertificateRequest(new byte[] {1}, List.of(0x0401), List.of(dn, new byte[] {1, 2}));
        Map<String, String> m = meanings(Handshake.explain(one.encode(), null));
        assertEquals("rsa_sign", m.get("certificate_types"));
        assertEquals("rsa_pkcs1_sha256", m.get("supported_signature_algorithms[0]"));
        assertEquals("CN=Lab CA,O=TLS Lab", m.get("certificate_authorities[0]"));
        assertEquals("not a valid distinguished name", m.get("certificate_authorities[1]"));
        CertificateRequest two = new CertificateRequest(new byte[] {1, 64}, List.of(0x0401), List.of());
        assertEquals("2 type(s)", meanings(Handshake.explain(two.encode(), null)).get("certificate_types"));
        CertificateRequest other = new CertificateRequest(new byte[] {64}, List.of(0x0401), List.of());
        assertEquals("1 type(s)", meanings(Handshake.explain(other.encode(), null)).get("certificate_types"));
    }

    @Test
    void certificatesAreNamedBySubject() throws Exception {
        X509Certificate ca = TestPki.CA.certificate();
        CertificateMessage msg = new CertificateMessage(List.of(ca.getEncoded(), new byte[] {5}));
        Map<String, String> m = meanings(Handshake.explain(msg.encode(), null));
        assertEquals("X.509 certificate for " + ca.getSubjectX500Principal().getName(), m.get("certificate_list[0]"));
        assertEquals("not a parseable X.509 certificate", m.get("certificate_list[1]"));
    }

    @Test
    void extensionsFieldsNestUnderTheirIndex() throws Exception {
        ClientHello hello = new ClientHello(0x0303, RANDOM, new byte[0], List.of(0x002F), new byte[] {0},
                List.of(Extension.ecPointFormats(), Extension.renegotiationInfo()));
        Map<String, String> m = meanings(Handshake.explain(hello.encode(), null));
        assertTrue(m.containsKey("extensions[1].extension_data"), m.keySet().toString());
        assertEquals("renegotiation_info (RFC 5746)", m.get("extensions[1].extension_type"));
    }

    private static Map<String, String> meanings(List<Field> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : fields) out.put(f.name(), f.meaning());
        return out;
    }
}
