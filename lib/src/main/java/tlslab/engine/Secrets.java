package tlslab.engine;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;

/**
 * The secret values of one handshake, kept so a notebook can show each step of the key schedule
 * next to its own recomputation. (Real libraries erase these; this one is for learning.)
 */
public record Secrets(CipherSuite cipherSuite, byte[] clientRandom, byte[] serverRandom, byte[] preMasterSecret,
                      byte[] masterSecret, KeyBlock keyBlock, byte[] clientVerifyData, byte[] serverVerifyData) {
}
