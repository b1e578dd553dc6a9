package tlslab.keys;

import java.math.BigInteger;
import java.util.List;

/**
 * RSA with nothing but BigInteger arithmetic, small enough to follow on paper (p=61, q=53, e=17).
 * "Textbook" means no padding: the same message always gives the same ciphertext and anyone can
 * multiply ciphertexts together, so it is for learning only. This is the one place in the lab
 * where we do RSA math ourselves; real code goes through {@link RsaKeys}.
 */
public final class TextbookRsa {
    private final BigInteger p, q, n, phi, e, d;

    private TextbookRsa(BigInteger p, BigInteger q, BigInteger e) {
        this.p = p;
        this.q = q;
        this.n = p.multiply(q);
        this.phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        this.e = e;
        this.d = e.modInverse(phi);
    }

    public static TextbookRsa of(long p, long q, long e) {
        return of(BigInteger.valueOf(p), BigInteger.valueOf(q), BigInteger.valueOf(e));
    }

    /** Checks the choices a student makes, and says what is wrong and how to fix it. */
    public static TextbookRsa of(BigInteger p, BigInteger q, BigInteger e) {
        requirePrime("p", p);
        requirePrime("q", q);
        if (p.equals(q)) {
            throw new IllegalArgumentException("p and q must be different primes (both are " + p
                    + "): with n = p², anyone can take the square root of n and find p");
        }
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        if (e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(phi) >= 0) {
            throw new IllegalArgumentException("e must be between 2 and φ(n) − 1 = " + phi.subtract(BigInteger.ONE)
                    + ", got " + e);
        }
        BigInteger gcd = e.gcd(phi);
        if (!gcd.equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("e = " + e + " and φ(n) = " + phi + " share the factor gcd = " + gcd
                    + ", so e has no inverse mod φ(n) and there is no private exponent d; pick an e with gcd(e, φ(n)) = 1");
        }
        return new TextbookRsa(p, q, e);
    }

    private static void requirePrime(String name, BigInteger x) {
        if (x.compareTo(BigInteger.TWO) < 0) {
            throw new IllegalArgumentException(name + " = " + x + " is not prime (primes start at 2); try 61 or 53");
        }
        if (!x.isProbablePrime(64)) {
            throw new IllegalArgumentException(name + " = " + x + " is not prime" + smallFactor(x)
                    + "; the next prime after it is " + x.nextProbablePrime());
        }
    }

    /** " (it is divisible by 7)" for numbers small enough to search, otherwise "". */
    private static String smallFactor(BigInteger x) {
        for (long f = 2; f < 100_000 && BigInteger.valueOf(f * f).compareTo(x) <= 0; f++) {
            if (x.mod(BigInteger.valueOf(f)).signum() == 0) return " (it is divisible by " + f + ")";
        }
        return "";
    }

    public BigInteger p() { return p; }

    public BigInteger q() { return q; }

    public BigInteger n() { return n; }

    public BigInteger phi() { return phi; }

    public BigInteger e() { return e; }

    public BigInteger d() { return d; }

    /** c = m^e mod n: anyone with the public key can do this. */
    public BigInteger encrypt(BigInteger m) {
        return requireBelowN("message", m).modPow(e, n);
    }

    /** m = c^d mod n: works because (m^e)^d = m^(e·d) = m^(k·φ(n) + 1) = m (mod n). */
    public BigInteger decrypt(BigInteger c) {
        return requireBelowN("ciphertext", c).modPow(d, n);
    }

    /** s = m^d mod n: only the private key holder can make it. */
    public BigInteger sign(BigInteger m) {
        return requireBelowN("message", m).modPow(d, n);
    }

    /** Anyone can check s^e mod n = m with the public key. */
    public boolean verify(BigInteger m, BigInteger s) {
        requireBelowN("message", m);
        if (s.signum() < 0 || s.compareTo(n) >= 0) return false;   // no real signature is that big
        return s.modPow(e, n).equals(m);
    }

    /** Numbers at or above n wrap around mod n, so decryption could not give them back. */
    private BigInteger requireBelowN(String what, BigInteger x) {
        if (x.signum() < 0 || x.compareTo(n) >= 0) {
            throw new IllegalArgumentException("the " + what + " must be a number from 0 to n − 1, with n = " + n
                    + ", got " + x);
        }
        return x;
    }

    public String publicKey() {
        return "(e=" + e + ", n=" + n + ")";
    }

    public String privateKey() {
        return "(d=" + d + ", n=" + n + ")";
    }

    /** Rows {name, value, how it was computed}, in the order you would work them out by hand. */
    public List<String[]> explain() {
        BigInteger k = e.multiply(d).divide(phi);
        return List.of(
                new String[] {"p", p.toString(), "a secret prime"},
                new String[] {"q", q.toString(), "a second, different secret prime"},
                new String[] {"n", n.toString(), "n = p·q = " + p + "·" + q},
                new String[] {"φ(n)", phi.toString(), "φ(n) = (p−1)(q−1) = " + p.subtract(BigInteger.ONE) + "·"
                        + q.subtract(BigInteger.ONE)},
                new String[] {"e", e.toString(), "public exponent, chosen with gcd(e, φ(n)) = 1"},
                new String[] {"d", d.toString(), "d = e⁻¹ mod φ(n), because e·d = " + e.multiply(d) + " = " + k
                        + "·" + phi + " + 1"});
    }

    @Override
    public String toString() {
        return "TextbookRsa p=" + p + " q=" + q + " n=" + n + " φ(n)=" + phi + " public " + publicKey()
                + " private " + privateKey();
    }
}
