package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CipherSuiteTest {

    @Test
    void keyBlockLengthFollowsRfc5246Section6_3() {
        // CBC: two MAC keys and two AES-128 keys, no IVs
        assertEquals(2 * (20 + 16), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.keyBlockLength());
        assertEquals(2 * (32 + 16), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256.keyBlockLength());
        // GCM: no MAC keys, two keys and two 4-byte implicit salts
        assertEquals(2 * (16 + 4), CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.keyBlockLength());
    }

    @Test
    void onlyAeadSuitesHaveAFixedIv() {
        assertEquals(4, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256.fixedIvLength());
        assertEquals(0, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.fixedIvLength());
    }

    @Test
    void byIdFindsImplementedSuitesOnly() {
        assertSame(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.byId(0xC02F));
        assertSame(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.byId(0x002F));
        assertNull(CipherSuite.byId(0x0000));
    }

    @Test
    void byNameAcceptsIanaAndOpenSslNamesInAnyCase() {
        assertSame(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.byName("tls_rsa_with_aes_128_gcm_sha256"));
        assertSame(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.byName("ecdhe-rsa-aes128-sha"));
    }

    @Test
    void unknownNameListsWhatIsImplemented() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CipherSuite.byName("RC4-MD5"));
        assertTrue(e.getMessage().startsWith("unknown cipher suite \"RC4-MD5\"; this library implements:"), e.getMessage());
        for (CipherSuite s : CipherSuite.values()) {
            assertTrue(e.getMessage().contains("\n  " + s.name()), s.name());
        }
    }

    @Test
    void nameOfCoversSignallingValuesAndUnknownCodes() {
        assertEquals("TLS_RSA_WITH_AES_128_CBC_SHA256", CipherSuite.nameOf(0x003C));
        assertEquals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", CipherSuite.nameOf(0x00FF));
        assertEquals("TLS_FALLBACK_SCSV", CipherSuite.nameOf(0x5600));
        assertEquals("0x0005 (not implemented here)", CipherSuite.nameOf(0x0005));
    }

    @Test
    void sideNamesItselfAndItsPeer() {
        assertSame(Side.SERVER, Side.CLIENT.peer());
        assertSame(Side.CLIENT, Side.SERVER.peer());
        assertEquals("client", Side.CLIENT.toString());
        assertEquals("server", Side.SERVER.toString());
    }
}
