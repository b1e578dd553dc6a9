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
        // BEGIN SOLUTION Pkcs1v15.preMasterSecret: version (2 bytes) then the 46 random bytes
        if (random46.length != 46) throw new IllegalArgumentException("need 46 random bytes, got " + random46.length);
        byte[] out = new byte[48];
        out[0] = (byte) (clientVersion >>> 8);
        out[1] = (byte) clientVersion;
        System.arraycopy(random46, 0, out, 2, 46);
        return out;
        // END SOLUTION
    }

    @Override
    public byte[] pad(byte[] message, int modulusLength, byte[] nonZeroRandom) {
        // BEGIN SOLUTION Pkcs1v15.pad: 00 02 PS 00 message
        int psLength = modulusLength - 3 - message.length;
        if (psLength < 8) {
            throw new IllegalArgumentException("message of " + message.length + " bytes is too long for a "
                    + modulusLength + "-byte modulus (at most " + (modulusLength - 11) + ")");
        }
        if (nonZeroRandom.length < psLength) {
            throw new IllegalArgumentException("need " + psLength + " random bytes for PS, got " + nonZeroRandom.length);
        }
        byte[] em = new byte[modulusLength];
        em[1] = 2;
        for (int i = 0; i < psLength; i++) {
            if (nonZeroRandom[i] == 0) throw new IllegalArgumentException("PS byte " + i + " is zero");
            em[2 + i] = nonZeroRandom[i];
        }
        System.arraycopy(message, 0, em, 3 + psLength, message.length);
        return em;
        // END SOLUTION
    }

    @Override
    public byte[] unpad(byte[] encoded) {
        // BEGIN SOLUTION Pkcs1v15.unpad: check 00 02, at least 8 PS bytes, find the 00 separator
        if (encoded.length < 11 || encoded[0] != 0 || encoded[1] != 2) {
            throw new IllegalArgumentException("not PKCS#1 v1.5 encryption padding: must start with 00 02");
        }
        int sep = -1;
        for (int i = 2; i < encoded.length; i++) {
            if (encoded[i] == 0) {
                sep = i;
                break;
            }
        }
        if (sep < 0) throw new IllegalArgumentException("no 00 byte after the padding string");
        if (sep - 2 < 8) throw new IllegalArgumentException("padding string of " + (sep - 2) + " bytes, at least 8 needed");
        byte[] message = new byte[encoded.length - sep - 1];
        System.arraycopy(encoded, sep + 1, message, 0, message.length);
        return message;
        // END SOLUTION
    }
}
