package tlslab.exercise;

import java.math.BigInteger;

/**
 * Exercise 1: textbook RSA on BigInteger (no padding). All numbers are non-negative.
 */
public interface RsaMath {

    /** base^exponent mod modulus by square-and-multiply, without {@link BigInteger#modPow}. */
    BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus);

    /** d = e⁻¹ mod φ(n) with φ(n) = (p−1)(q−1). */
    BigInteger privateExponent(BigInteger p, BigInteger q, BigInteger e);

    /** c = m^e mod n; IllegalArgumentException unless 0 ≤ m &lt; n. */
    BigInteger encrypt(BigInteger m, BigInteger e, BigInteger n);

    /** m = c^d mod n; IllegalArgumentException unless 0 ≤ c &lt; n. */
    BigInteger decrypt(BigInteger c, BigInteger d, BigInteger n);

    /** s = m^d mod n; IllegalArgumentException unless 0 ≤ m &lt; n. */
    BigInteger sign(BigInteger m, BigInteger d, BigInteger n);

    /** Whether s^e mod n = m; false (never an exception) when s is not in [0, n). */
    boolean verify(BigInteger m, BigInteger s, BigInteger e, BigInteger n);
}
