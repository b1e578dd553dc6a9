package tlslab.exercise;

/**
 * Exercise 2: the pre-master secret of the RSA key exchange and its PKCS#1 v1.5 encryption padding
 * (RFC 5246 §7.4.7.1, RFC 8017 §7.2). Randomness comes in as an argument, so results are repeatable.
 */
public interface Pkcs1Padding {

    /** client_version (2 bytes, big-endian) ‖ the 46 given random bytes: 48 bytes. */
    byte[] preMasterSecret(int clientVersion, byte[] random46);

    /**
     * EM = 0x00 ‖ 0x02 ‖ PS ‖ 0x00 ‖ message, exactly {@code modulusLength} bytes, where PS is the
     * first (modulusLength − 3 − message.length) bytes of {@code nonZeroRandom}. IllegalArgumentException
     * if the message is longer than modulusLength − 11, or if those PS bytes are too few or contain a zero.
     */
    byte[] pad(byte[] message, int modulusLength, byte[] nonZeroRandom);

    /**
     * The message inside EM; IllegalArgumentException if EM does not start with 0x00 0x02, if PS is
     * shorter than 8 bytes, or if no 0x00 separator follows it.
     */
    byte[] unpad(byte[] encoded);
}
