package tlslab.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextbookRsaTest {
    private static final TextbookRsa RSA = TextbookRsa.of(61, 53, 17);

    private static BigInteger big(long x) {
        return BigInteger.valueOf(x);
    }

    @Test
    void theClassicExample() {
        assertEquals(big(3233), RSA.n());
        assertEquals(big(3120), RSA.phi());
        assertEquals(big(2753), RSA.d());
        assertEquals(big(2790), RSA.encrypt(big(65)));
        assertEquals(big(65), RSA.decrypt(big(2790)));
        assertEquals("(e=17, n=3233)", RSA.publicKey());
        assertEquals("(d=2753, n=3233)", RSA.privateKey());
    }

    @Test
    void everyMessageRoundTrips() {
        for (long m = 0; m < 3233; m++) {
            assertEquals(big(m), RSA.decrypt(RSA.encrypt(big(m))));
        }
    }

    @Test
    void signAndVerify() {
        BigInteger s = RSA.sign(big(65));
        assertEquals(big(65).modPow(big(2753), big(3233)), s);
        assertTrue(RSA.verify(big(65), s));
        assertFalse(RSA.verify(big(66), s));
        assertFalse(RSA.verify(big(65), big(5000)));
    }

    @Test
    void messageMustBeBelowN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RSA.encrypt(big(3233)));
        assertTrue(e.getMessage().contains("n = 3233"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RSA.encrypt(big(-1)));
    }

    @Test
    void rejectsNonPrimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(60, 53, 17));
        assertTrue(e.getMessage().startsWith("p = 60 is not prime (it is divisible by 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("next prime after it is 61"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(61, 51, 17));
        assertTrue(e.getMessage().startsWith("q = 51 is not prime (it is divisible by 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(1, 53, 17));
    }

    @Test
    void rejectsEqualPrimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(61, 61, 17));
        assertTrue(e.getMessage().contains("different"), e.getMessage());
    }

    @Test
    void rejectsBadE() {
        // φ(3233) = 3120 = 2^4·3·5·13, so 15 shares the factor 15.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(61, 53, 15));
        assertTrue(e.getMessage().contains("gcd = 15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(61, 53, 1));
        assertTrue(e.getMessage().contains("between 2 and φ(n) − 1 = 3119"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextbookRsa.of(61, 53, 3120));
    }

    @Test
    void explainShowsTheSteps() {
        List<String[]> rows = RSA.explain();
        assertEquals(6, rows.size());
        assertEquals("n", rows.get(2)[0]);
        assertEquals("3233", rows.get(2)[1]);
        assertEquals("n = p·q = 61·53", rows.get(2)[2]);
        assertEquals("2753", rows.get(5)[1]);
        assertTrue(rows.get(5)[2].contains("46801 = 15·3120 + 1"), rows.get(5)[2]);
        assertTrue(RSA.toString().contains("n=3233"));
    }
}
