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
        // BEGIN SOLUTION TextbookRsaMath.modPow: square-and-multiply over the bits of the exponent
        if (modulus.signum() <= 0) throw new ArithmeticException("modulus must be positive");
        if (exponent.signum() < 0) throw new ArithmeticException("negative exponent");
        BigInteger result = BigInteger.ONE.mod(modulus);
        BigInteger b = base.mod(modulus);
        for (int i = exponent.bitLength() - 1; i >= 0; i--) {
            result = result.multiply(result).mod(modulus);
            if (exponent.testBit(i)) result = result.multiply(b).mod(modulus);
        }
        return result;
        // END SOLUTION
    }

    @Override
    public BigInteger privateExponent(BigInteger p, BigInteger q, BigInteger e) {
        // BEGIN SOLUTION TextbookRsaMath.privateExponent: d = e⁻¹ mod (p−1)(q−1)
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        return e.modInverse(phi);
        // END SOLUTION
    }

    @Override
    public BigInteger encrypt(BigInteger m, BigInteger e, BigInteger n) {
        // BEGIN SOLUTION TextbookRsaMath.encrypt: c = m^e mod n, for 0 <= m < n only
        return modPow(belowN("message", m, n), e, n);
        // END SOLUTION
    }

    @Override
    public BigInteger decrypt(BigInteger c, BigInteger d, BigInteger n) {
        // BEGIN SOLUTION TextbookRsaMath.decrypt: m = c^d mod n, for 0 <= c < n only
        return modPow(belowN("ciphertext", c, n), d, n);
        // END SOLUTION
    }

    @Override
    public BigInteger sign(BigInteger m, BigInteger d, BigInteger n) {
        // BEGIN SOLUTION TextbookRsaMath.sign: s = m^d mod n, for 0 <= m < n only
        return modPow(belowN("message", m, n), d, n);
        // END SOLUTION
    }

    @Override
    public boolean verify(BigInteger m, BigInteger s, BigInteger e, BigInteger n) {
        // BEGIN SOLUTION TextbookRsaMath.verify: s^e mod n == m; false for s outside [0, n)
        if (s.signum() < 0 || s.compareTo(n) >= 0) return false;
        return modPow(s, e, n).equals(m);
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    private static BigInteger belowN(String what, BigInteger x, BigInteger n) {
        if (x.signum() < 0 || x.compareTo(n) >= 0) {
            throw new IllegalArgumentException("the " + what + " must be in [0, n), got " + x);
        }
        return x;
    }
    // END SOLUTION
}
