package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tlslab.crypto.NamedGroup;
import tlslab.wire.Field;

/** Field tables name the codes inside extension data, not only the extension types (issue 10, item 11). */
class ExtensionMeaningTest {

    @Test
    void theCodesInsideAClientHellosExtensionsAreNamed() throws Exception {
        ClientHello hello = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0xC02F), new byte[] {0}, List.of(
                Extension.serverName("www.mybank.test"), Extension.supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)),
                Extension.ecPointFormats(), Extension.signatureAlgorithms(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256,
                        SignatureScheme.RSA_PKCS1_SHA256)), Extension.renegotiationInfo(), Extension.empty(Extension.EXTENDED_MASTER_SECRET)));
        Map<String, String> meaning = Handshake.explain(hello.encode(), null).stream()
                .filter(f -> f.name().endsWith(".extension_data"))
                .collect(Collectors.toMap(Field::name, f -> String.valueOf(f.meaning())));
        assertEquals("host_name www.mybank.test", meaning.get("extensions[0].extension_data"));
        assertEquals("x25519, secp256r1", meaning.get("extensions[1].extension_data"));
        assertEquals("uncompressed", meaning.get("extensions[2].extension_data"));
        assertEquals("rsa_pss_rsae_sha256, rsa_pkcs1_sha256", meaning.get("extensions[3].extension_data"));
        assertEquals("empty: a first handshake", meaning.get("extensions[4].extension_data"));
        assertEquals("empty: its presence is the message", meaning.get("extensions[5].extension_data"));
    }

    @Test
    void aBodyThatDoesNotDecodeGetsNoWords() {
        assertNull(Extension.meaning(new Extension(Extension.SUPPORTED_GROUPS, new byte[] {0, 3, 0})));
        assertNull(Extension.meaning(new Extension(0x1234, new byte[] {1})));
    }
}
