package tlslab.crypto;

/** How the pre-master secret reaches both sides. */
public enum KeyExchange {
    /** The client encrypts a random pre-master secret with the server's RSA public key. */
    RSA,
    /** Both sides make fresh elliptic-curve Diffie–Hellman keys; the server signs its share. */
    ECDHE
}
