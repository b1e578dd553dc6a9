package tlslab.exercises.ex02;

import tlslab.exercise.Pkcs1Padding;

/**
 * Exercise 2 — the RSA key exchange's pre-master secret and PKCS#1 v1.5 padding.
 *
 * <p>The client makes 48 secret bytes, pads them to the size of the server's RSA modulus and
 * encrypts the result with the server's public key. Padding turns 48 bytes into a number as big as
 * the modulus, different every time (random PS), and recognisable after decryption (00 02 … 00).
 */
public class Pkcs1v15 implements Pkcs1Padding {

    @Override
    public byte[] preMasterSecret(int clientVersion, byte[] random46) {
        // TODO: version (2 bytes) then the 46 random bytes
        throw new UnsupportedOperationException("not written yet: Pkcs1v15.preMasterSecret");
    }

    @Override
    public byte[] pad(byte[] message, int modulusLength, byte[] nonZeroRandom) {
        // TODO: 00 02 PS 00 message
        throw new UnsupportedOperationException("not written yet: Pkcs1v15.pad");
    }

    @Override
    public byte[] unpad(byte[] encoded) {
        // TODO: check 00 02, at least 8 PS bytes, find the 00 separator
        throw new UnsupportedOperationException("not written yet: Pkcs1v15.unpad");
    }
}
