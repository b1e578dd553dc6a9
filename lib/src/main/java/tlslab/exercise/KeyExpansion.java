package tlslab.exercise;

/**
 * Exercise 6: from pre-master secret to the six working keys (RFC 5246 §8.1, §6.3). You may use the
 * library's {@link tlslab.crypto.Prf#prf} and {@link tlslab.crypto.CipherSuite}.
 */
public interface KeyExpansion {

    /** PRF(pre_master_secret, "master secret", client_random ‖ server_random), 48 bytes. */
    byte[] masterSecret(byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom);

    /**
     * The key block for the suite with this code, cut into {client_write_MAC_key,
     * server_write_MAC_key, client_write_key, server_write_key, client_write_IV, server_write_IV}.
     */
    byte[][] keyBlock(int cipherSuite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom);
}
