package tlslab.exercises.hidden;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.RsaMath;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 1 · Textbook RSA (hidden)")
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Ex01RsaHiddenTest {
    final RsaMath rsa = Impl.of(RsaMath.class);

    @Test
    @Tag("points=2")
    @DisplayName("a real 1024-bit key: private exponent, encrypt, decrypt, sign, verify")
    void realKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        var kp = g.generateKeyPair();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kp.getPrivate();
        BigInteger n = ((RSAPublicKey) kp.getPublic()).getModulus(), e = priv.getPublicExponent();
        BigInteger d = rsa.privateExponent(priv.getPrimeP(), priv.getPrimeQ(), e);
        BigInteger phi = priv.getPrimeP().subtract(BigInteger.ONE).multiply(priv.getPrimeQ().subtract(BigInteger.ONE));
        Expect.equal("privateExponent(p, q, 65537) of a 1024-bit key", e.modInverse(phi), d, "d = e⁻¹ mod (p−1)(q−1)");
        Random r = new Random(11);
        for (int i = 0; i < 3; i++) {
            BigInteger m = new BigInteger(1000, r);
            BigInteger c = rsa.encrypt(m, e, n);
            Expect.equal("encrypt(m, e, n) with a 1024-bit n", m.modPow(e, n), c, "c = m^e mod n");
            Expect.equal("decrypt(c, d, n) with a 1024-bit n", m, rsa.decrypt(c, d, n), "m = c^d mod n");
            BigInteger s = rsa.sign(m, d, n);
            Expect.equal("sign(m, d, n) with a 1024-bit n", m.modPow(d, n), s, "s = m^d mod n");
            Expect.isTrue(rsa.verify(m, s, e, n), "verify(m, sign(m)) with a 1024-bit key should be true", null);
            Expect.isTrue(!rsa.verify(m.add(BigInteger.ONE), s, e, n), "verify(m+1, sign(m)) should be false", null);
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("numbers outside [0, n) are refused")
    void outOfRange() {
        BigInteger n = BigInteger.valueOf(3233), e = BigInteger.valueOf(17), d = BigInteger.valueOf(2753);
        Expect.rejects(IllegalArgumentException.class, "encrypt(3233, e, n=3233)", () -> rsa.encrypt(n, e, n),
                "m = n would encrypt like m = 0: refuse messages that are not below n");
        Expect.rejects(IllegalArgumentException.class, "encrypt(-1, e, n)", () -> rsa.encrypt(BigInteger.ONE.negate(), e, n),
                "negative numbers are not messages");
        Expect.rejects(IllegalArgumentException.class, "decrypt(5000, d, n=3233)", () -> rsa.decrypt(BigInteger.valueOf(5000), d, n),
                "a ciphertext is always below n");
        Expect.rejects(IllegalArgumentException.class, "sign(4000, d, n=3233)", () -> rsa.sign(BigInteger.valueOf(4000), d, n),
                "only numbers below n can be signed");
        BigInteger s = BigInteger.valueOf(65).modPow(d, n);
        Expect.isTrue(!rsa.verify(BigInteger.valueOf(65), s.add(n), e, n), "verify(65, s + n) should be false",
                "s + n gives the same s^e mod n, but no real signature is n or more: check 0 ≤ s < n first");
        Expect.equal("modPow(5, 3, 1)", BigInteger.ZERO, rsa.modPow(BigInteger.valueOf(5), BigInteger.valueOf(3), BigInteger.ONE),
                "everything is 0 mod 1, even x^0");
        Expect.equal("modPow(12345, 0, 1)", BigInteger.ZERO, rsa.modPow(BigInteger.valueOf(12345), BigInteger.ZERO, BigInteger.ONE),
                "start from 1 mod m, not 1");
    }
}
