package tlslab.engine;

import tlslab.crypto.tls13.Tls13CipherSuite;

/**
 * The secrets of one TLS 1.3 handshake (RFC 8446 §7.1), kept so a notebook can show the key
 * schedule step by step and check it against the key log. (Real libraries erase these.)
 */
public record Tls13Secrets(Tls13CipherSuite cipherSuite, byte[] clientRandom, byte[] serverRandom, byte[] sharedSecret,
                           byte[] earlySecret, byte[] handshakeSecret, byte[] clientHandshakeTrafficSecret,
                           byte[] serverHandshakeTrafficSecret, byte[] masterSecret, byte[] clientApplicationTrafficSecret,
                           byte[] serverApplicationTrafficSecret, byte[] exporterMasterSecret, byte[] resumptionMasterSecret) {
}
