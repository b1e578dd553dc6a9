package tlslab.exercises.ex06;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.Prf;
import tlslab.exercise.KeyExpansion;

/**
 * Exercise 6 — the master secret and the key block (RFC 5246 §8.1 and §6.3).
 *
 * <pre>
 * master_secret = PRF(pre_master_secret, "master secret", ClientHello.random ‖ ServerHello.random)[0..47]
 * key_block     = PRF(master_secret, "key expansion", server_random ‖ client_random)   ← note the order
 *               = client_write_MAC_key ‖ server_write_MAC_key ‖ client_write_key ‖ server_write_key
 *                 ‖ client_write_IV ‖ server_write_IV
 * </pre>
 *
 * Use the library's {@link Prf#prf}. {@link CipherSuite#byId} gives the suite: its {@code macLength}
 * (0 for GCM), {@link CipherSuite#ENC_KEY_LENGTH} (16) and {@link CipherSuite#fixedIvLength()}
 * (4 for GCM; 0 for CBC, whose records carry their own IV). The library's KeySchedule is off limits here.
 */
public class KeyBlockSplitter implements KeyExpansion {

    @Override
    public byte[] masterSecret(byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        // BEGIN SOLUTION KeyBlockSplitter.masterSecret: PRF with label "master secret", client random first
        return Prf.prf(preMasterSecret, "master secret", concat(clientRandom, serverRandom), 48);
        // END SOLUTION
    }

    @Override
    public byte[][] keyBlock(int cipherSuite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        // BEGIN SOLUTION KeyBlockSplitter.keyBlock: PRF with label "key expansion", server random first; cut in six
        CipherSuite suite = CipherSuite.byId(cipherSuite);
        if (suite == null) throw new IllegalArgumentException("unknown cipher suite " + cipherSuite);
        int[] sizes = {suite.macLength, suite.macLength, CipherSuite.ENC_KEY_LENGTH, CipherSuite.ENC_KEY_LENGTH,
                suite.fixedIvLength(), suite.fixedIvLength()};
        int total = 0;
        for (int s : sizes) total += s;
        byte[] block = Prf.prf(masterSecret, "key expansion", concat(serverRandom, clientRandom), total);
        byte[][] parts = new byte[6][];
        int at = 0;
        for (int i = 0; i < 6; i++) {
            parts[i] = java.util.Arrays.copyOfRange(block, at, at + sizes[i]);
            at += sizes[i];
        }
        return parts;
        // END SOLUTION
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
