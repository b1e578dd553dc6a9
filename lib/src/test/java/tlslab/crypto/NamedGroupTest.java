package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

class NamedGroupTest {
    static final SecureRandom RANDOM = RandomSource.seeded("groups");

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void bothSidesAgreeThroughTheWireEncoding(NamedGroup g) throws Exception {
        KeyPair a = g.generate(RANDOM), b = g.generate(RANDOM);
        byte[] secretA = g.agree(a.getPrivate(), g.decode(g.encode(b.getPublic())));
        byte[] secretB = g.agree(b.getPrivate(), g.decode(g.encode(a.getPublic())));
        assertArrayEquals(secretA, secretB);
        assertEquals(g.coordinateLength, secretA.length);
    }

    @Test
    void secp384r1IsAnUncompressedPointOf97Bytes() throws Exception {
        NamedGroup g = NamedGroup.SECP384R1;
        assertEquals(24, g.id);
        assertEquals(g, NamedGroup.byId(24));
        assertEquals("secp384r1", NamedGroup.nameOf(24));
        KeyPair kp = g.generate(RANDOM);
        byte[] point = g.encode(kp.getPublic());
        assertEquals(97, point.length);
        assertEquals(4, point[0]);
        ECPublicKey key = (ECPublicKey) kp.getPublic();
        assertEquals(key.getW().getAffineX(), new BigInteger(1, Arrays.copyOfRange(point, 1, 49)));
        assertEquals(key.getW().getAffineY(), new BigInteger(1, Arrays.copyOfRange(point, 49, 97)));
        assertEquals(key.getW(), ((ECPublicKey) g.decode(point)).getW());
    }

    @Test
    void badSecp384r1PointsAreIllegalParameter() throws Exception {
        NamedGroup g = NamedGroup.SECP384R1;
        byte[] point = g.encode(g.generate(RANDOM).getPublic());
        // a secp256r1-sized point
        TlsException shortPoint = assertThrows(TlsException.class, () -> g.decode(Arrays.copyOf(point, 65)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, shortPoint.alert());
        assertTrue(shortPoint.getMessage().contains("secp384r1 point must be 97 bytes"), shortPoint.getMessage());
        // compressed form (RFC 8422 §5.1.2: uncompressed only)
        byte[] compressed = Arrays.copyOf(point, 49);
        compressed[0] = 2;
        TlsException c = assertThrows(TlsException.class, () -> g.decode(compressed));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, c.alert());
        assertTrue(c.getMessage().contains("starting 02"), c.getMessage());
        // right size, not on the curve
        byte[] offCurve = point.clone();
        offCurve[96] ^= 1;
        TlsException off = assertThrows(TlsException.class, () -> g.decode(offCurve));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, off.alert());
        assertTrue(off.getMessage().contains("not on the curve"), off.getMessage());
    }
}
