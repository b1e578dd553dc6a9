package tlslab.exercises.ex01;

import java.math.BigInteger;

import tlslab.exercise.RsaMath;

/**
 * Exercise 1 — textbook RSA with BigInteger.
 *
 * <p>Work it out on paper first with p = 61, q = 53, e = 17 (n = 3233, φ(n) = 3120, d = 2753):
 * encrypting m = 65 gives c = 2790. Write {@link #modPow} yourself (square-and-multiply): the
 * grader does not accept a call to BigInteger.modPow anywhere in this exercise. BigInteger's
 * multiply, mod, testBit, bitLength and modInverse are fine.
 */
public class TextbookRsaMath implements RsaMath {

    @Override
    public BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus) {
        // TODO: square-and-multiply over the bits of the exponent
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.modPow");
    }

    @Override
    public BigInteger privateExponent(BigInteger p, BigInteger q, BigInteger e) {
        // TODO: d = e⁻¹ mod (p−1)(q−1)
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.privateExponent");
    }

    @Override
    public BigInteger encrypt(BigInteger m, BigInteger e, BigInteger n) {
        // TODO: c = m^e mod n, for 0 <= m < n only
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.encrypt");
    }

    @Override
    public BigInteger decrypt(BigInteger c, BigInteger d, BigInteger n) {
        // TODO: m = c^d mod n, for 0 <= c < n only
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.decrypt");
    }

    @Override
    public BigInteger sign(BigInteger m, BigInteger d, BigInteger n) {
        // TODO: s = m^d mod n, for 0 <= m < n only
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.sign");
    }

    @Override
    public boolean verify(BigInteger m, BigInteger s, BigInteger e, BigInteger n) {
        // TODO: s^e mod n == m; false for s outside [0, n)
        throw new UnsupportedOperationException("not written yet: TextbookRsaMath.verify");
    }
}
