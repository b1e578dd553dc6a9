package tlslab.exercises.ex01;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tlslab.exercise.RsaMath;
import tlslab.exercises.check.Expect;
import tlslab.exercises.check.Impl;

@DisplayName("Exercise 1 · Textbook RSA")
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TextbookRsaMathTest {
    static final BigInteger P = BigInteger.valueOf(61), Q = BigInteger.valueOf(53), E = BigInteger.valueOf(17);
    static final BigInteger N = BigInteger.valueOf(3233), D = BigInteger.valueOf(2753);

    final RsaMath rsa = Impl.of(RsaMath.class);

    @Test
    @Tag("points=1")
    @DisplayName("private exponent of the paper example (p=61, q=53, e=17)")
    void privateExponent() {
        Expect.equal("privateExponent(61, 53, 17)", D, rsa.privateExponent(P, Q, E),
                "φ(n) = (p−1)(q−1) = 3120, and d is the inverse of e modulo φ(n) (not modulo n): e·d mod 3120 = 1");
    }

    @Test
    @Tag("points=2")
    @DisplayName("modPow by square-and-multiply")
    void modPow() {
        Expect.equal("modPow(4, 13, 497)", BigInteger.valueOf(445), rsa.modPow(BigInteger.valueOf(4), BigInteger.valueOf(13),
                BigInteger.valueOf(497)), "go through the bits of the exponent: square every step, multiply when the bit is 1");
        Expect.equal("modPow(7, 0, 13)", BigInteger.ONE, rsa.modPow(BigInteger.valueOf(7), BigInteger.ZERO, BigInteger.valueOf(13)),
                "anything to the power 0 is 1");
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            BigInteger b = new BigInteger(64, r), x = new BigInteger(64, r), m = new BigInteger(64, r).setBit(63);
            Expect.equal("modPow(" + b + ", " + x + ", " + m + ")", b.modPow(x, m), rsa.modPow(b, x, m),
                    "reduce mod m after every multiplication, or the numbers grow without bound");
        }
    }

    @Test
    @Tag("points=2")
    @DisplayName("encrypt and decrypt the paper example")
    void encryptDecrypt() {
        Expect.equal("encrypt(65, e=17, n=3233)", BigInteger.valueOf(2790), rsa.encrypt(BigInteger.valueOf(65), E, N),
                "c = m^e mod n");
        Expect.equal("decrypt(2790, d=2753, n=3233)", BigInteger.valueOf(65), rsa.decrypt(BigInteger.valueOf(2790), D, N),
                "m = c^d mod n");
        for (int m = 0; m < 50; m++) {
            BigInteger c = rsa.encrypt(BigInteger.valueOf(m), E, N);
            Expect.equal("decrypt(encrypt(" + m + "))", BigInteger.valueOf(m), rsa.decrypt(c, D, N),
                    "decryption must undo encryption for every m in [0, n)");
        }
    }

    @Test
    @Tag("points=1")
    @DisplayName("sign, and verify accepts the signature but not another message")
    void signVerify() {
        BigInteger s = rsa.sign(BigInteger.valueOf(65), D, N);
        Expect.equal("sign(65, d=2753, n=3233)", BigInteger.valueOf(65).modPow(D, N), s, "s = m^d mod n: the private exponent signs");
        Expect.isTrue(rsa.verify(BigInteger.valueOf(65), s, E, N), "verify(65, sign(65)) should be true",
                "check s^e mod n = m with the public exponent");
        Expect.isTrue(!rsa.verify(BigInteger.valueOf(66), s, E, N), "verify(66, sign(65)) should be false",
                "a signature of one message must not verify another");
    }
}
