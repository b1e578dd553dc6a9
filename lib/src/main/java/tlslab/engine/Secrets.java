package tlslab.engine;

import tlslab.crypto.CipherSuite;
import tlslab.crypto.KeySchedule.KeyBlock;

/**
 * The secret values of one handshake, kept so a notebook can show each step of the key schedule
 * next to its own recomputation. (Real libraries erase these; this one is for learning.)
 * {@code sessionHash} is the hash the extended master secret was derived from (RFC 7627), or null
 * when the master secret came from the two randoms (RFC 5246 §8.1) or the handshake resumed.
 */
public record Secrets(CipherSuite cipherSuite, byte[] clientRandom, byte[] serverRandom, byte[] preMasterSecret,
                      byte[] sessionHash, byte[] masterSecret, KeyBlock keyBlock, byte[] clientVerifyData,
                      byte[] serverVerifyData) {
}
