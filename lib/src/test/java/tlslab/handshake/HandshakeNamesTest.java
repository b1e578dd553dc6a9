package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.junit.jupiter.api.Test;

/** The names and parameters the library looks up by code: signature schemes and extensions. */
class HandshakeNamesTest {

    @Test
    void signatureSchemesHaveRfc8446Names() {
        assertEquals("rsa_pkcs1_sha1", SignatureScheme.nameOf(0x0201));
        assertEquals("rsa_pkcs1_sha256", SignatureScheme.nameOf(0x0401));
        assertEquals("rsa_pkcs1_sha384", SignatureScheme.nameOf(0x0501));
        assertEquals("rsa_pkcs1_sha512", SignatureScheme.nameOf(0x0601));
        assertEquals("rsa_pss_rsae_sha256", SignatureScheme.nameOf(0x0804));
        assertEquals("rsa_pss_rsae_sha384", SignatureScheme.nameOf(0x0805));
        assertEquals("rsa_pss_rsae_sha512", SignatureScheme.nameOf(0x0806));
        assertEquals("ecdsa_secp256r1_sha256", SignatureScheme.nameOf(0x0403));
        assertEquals("ed25519", SignatureScheme.nameOf(0x0807));
        assertEquals("0x0A0B", SignatureScheme.nameOf(0x0A0B));
    }

    @Test
    void onlyRsaSchemesHaveAJcaName() {
        assertEquals("SHA1withRSA", SignatureScheme.jcaName(0x0201));
        assertEquals("SHA256withRSA", SignatureScheme.jcaName(0x0401));
        assertEquals("SHA384withRSA", SignatureScheme.jcaName(0x0501));
        assertEquals("SHA512withRSA", SignatureScheme.jcaName(0x0601));
        assertEquals("RSASSA-PSS", SignatureScheme.jcaName(0x0805));
        assertNull(SignatureScheme.jcaName(0x0403));
    }

    @Test
    void pssUsesMgf1WithTheSameHashAndASaltAsLongAsTheHash() {
        check(SignatureScheme.pssParameters(0x0804), "SHA-256", MGF1ParameterSpec.SHA256, 32);
        check(SignatureScheme.pssParameters(0x0805), "SHA-384", MGF1ParameterSpec.SHA384, 48);
        check(SignatureScheme.pssParameters(0x0806), "SHA-512", MGF1ParameterSpec.SHA512, 64);
        assertNull(SignatureScheme.pssParameters(0x0401));
    }

    @Test
    void extensionsAreNamedByCode() {
        assertEquals("server_name", Extension.nameOf(0));
        assertEquals("status_request", Extension.nameOf(5));
        assertEquals("supported_groups", Extension.nameOf(10));
        assertEquals("ec_point_formats", Extension.nameOf(11));
        assertEquals("signature_algorithms", Extension.nameOf(13));
        assertEquals("application_layer_protocol_negotiation", Extension.nameOf(16));
        assertEquals("encrypt_then_mac (RFC 7366)", Extension.nameOf(22));
        assertEquals("extended_master_secret (RFC 7627)", Extension.nameOf(23));
        assertEquals("session_ticket (not implemented: ignored)", Extension.nameOf(35));
        assertEquals("key_share (TLS 1.3)", Extension.nameOf(51));
        assertEquals("renegotiation_info (RFC 5746)", Extension.nameOf(0xff01));
        assertEquals("extension 0x3A3A", Extension.nameOf(0x3a3a));
    }

    private static void check(PSSParameterSpec p, String hash, MGF1ParameterSpec mgf, int salt) {
        assertEquals(hash, p.getDigestAlgorithm());
        assertEquals("MGF1", p.getMGFAlgorithm());
        assertEquals(mgf.getDigestAlgorithm(), ((MGF1ParameterSpec) p.getMGFParameters()).getDigestAlgorithm());
        assertEquals(salt, p.getSaltLength());
        assertEquals(1, p.getTrailerField());
    }
}
