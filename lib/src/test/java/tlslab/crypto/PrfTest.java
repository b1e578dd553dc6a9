package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import tlslab.wire.Hex;

class PrfTest {

    /** The widely circulated TLS 1.2 PRF (SHA-256) test vector, 100 bytes of output. */
    @Test
    void knownVector() {
        byte[] secret = Hex.parse("9bbe436ba940f017b17652849a71db35");
        byte[] seed = Hex.parse("a0ba9f936cda311827a6f796ffd5198c");
        byte[] expected = Hex.parse("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
        assertArrayEquals(expected, Prf.prf(secret, "test label", seed, 100));
    }

    @Test
    void keyBlockIsCutInRfcOrder() {
        byte[] master = new byte[48];
        byte[] cr = new byte[32];
        byte[] sr = new byte[32];
        sr[0] = 1;
        KeySchedule.KeyBlock kb = KeySchedule.keyBlock(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, master, cr, sr);
        byte[] block = Prf.prf(master, "key expansion", Prf.concat(sr, cr), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.keyBlockLength());
        assertEquals(2 * (20 + 16), block.length); // RFC 5246 §6.3: no key-block IVs for CBC
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 0, 20), kb.clientMacKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 40, 56), kb.clientKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(block, 56, 72), kb.serverKey());
        KeySchedule.KeyBlock gcm = KeySchedule.keyBlock(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, master, cr, sr);
        assertEquals(0, gcm.clientMacKey().length);
        assertEquals(4, gcm.serverIv().length);
    }
}
