package tlslab.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.alert.AlertDescription;
import tlslab.alert.TlsException;

class NamedGroupEncodingTest {
    private final SecureRandom random = RandomSource.seeded("named-group-test");

    @Test
    void byIdAndNameOfUseTheIanaCodes() {
        assertSame(NamedGroup.SECP256R1, NamedGroup.byId(23));
        assertSame(NamedGroup.X25519, NamedGroup.byId(29));
        assertNull(NamedGroup.byId(0x1234));
        assertEquals("x25519", NamedGroup.nameOf(29));
        assertEquals("group 0x1234 (not implemented here)", NamedGroup.nameOf(0x1234));
    }

    @Test
    void secp256r1PointsAreUncompressedAndRoundTrip() throws Exception {
        // many keys, so some coordinates have a leading zero byte and some a set top bit
        for (int i = 0; i < 40; i++) {
            ECPublicKey pub = (ECPublicKey) NamedGroup.SECP256R1.generate(random).getPublic();
            byte[] wire = NamedGroup.SECP256R1.encode(pub);
            assertEquals(65, wire.length);
            assertEquals(4, wire[0]);
            assertEquals(pub.getW().getAffineX(), new BigInteger(1, Arrays.copyOfRange(wire, 1, 33)));
            assertEquals(pub.getW().getAffineY(), new BigInteger(1, Arrays.copyOfRange(wire, 33, 65)));
            assertEquals(pub.getW(), ((ECPublicKey) NamedGroup.SECP256R1.decode(wire)).getW());
        }
    }

    @Test
    void x25519KeysAreLittleEndianAndRoundTrip() throws Exception {
        for (int i = 0; i < 40; i++) {
            XECPublicKey pub = (XECPublicKey) NamedGroup.X25519.generate(random).getPublic();
            byte[] wire = NamedGroup.X25519.encode(pub);
            assertEquals(32, wire.length);
            byte[] bigEndian = new byte[32];
            for (int j = 0; j < 32; j++) bigEndian[j] = wire[31 - j];
            assertEquals(pub.getU(), new BigInteger(1, bigEndian));
            assertEquals(pub.getU(), ((XECPublicKey) NamedGroup.X25519.decode(wire)).getU());
        }
    }

    @Test
    void x25519IgnoresTheTopBitOfTheLastByte() throws Exception {
        byte[] wire = NamedGroup.X25519.encode(NamedGroup.X25519.generate(random).getPublic());
        byte[] withTopBit = wire.clone();
        withTopBit[31] |= (byte) 0x80;
        byte[] sent = withTopBit.clone();
        assertEquals(((XECPublicKey) NamedGroup.X25519.decode(wire)).getU(),
                ((XECPublicKey) NamedGroup.X25519.decode(withTopBit)).getU());
        assertArrayEquals(sent, withTopBit); // the caller's bytes are left alone
    }

    @Test
    void keysComeFromTheGivenRandomSoRunsRepeat() {
        for (NamedGroup g : NamedGroup.values()) {
            byte[] a = g.encode(g.generate(RandomSource.seeded("repeat")).getPublic());
            byte[] b = g.encode(g.generate(RandomSource.seeded("repeat")).getPublic());
            assertArrayEquals(a, b, g.rfcName);
        }
    }

    @Test
    void bothSidesAgreeOnTheSameSecret() throws Exception {
        for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
            KeyPair a = g.generate(random);
            KeyPair b = g.generate(random);
            byte[] ab = g.agree(a.getPrivate(), g.decode(g.encode(b.getPublic())));
            byte[] ba = g.agree(b.getPrivate(), g.decode(g.encode(a.getPublic())));
            assertArrayEquals(ab, ba, g.rfcName);
            assertEquals(32, ab.length);
        }
    }

    @Test
    void wrongLengthSharesAreIllegalParameter() {
        TlsException x = assertThrows(TlsException.class, () -> NamedGroup.X25519.decode(new byte[33]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, x.alert());
        assertTrue(x.getMessage().contains("32 bytes, got 33"), x.getMessage());
        TlsException p = assertThrows(TlsException.class, () -> NamedGroup.SECP256R1.decode(new byte[64]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, p.alert());
        assertTrue(p.getMessage().contains("got 64 bytes"), p.getMessage());
    }

    @Test
    void compressedSecp256r1PointIsIllegalParameter() throws Exception {
        byte[] wire = NamedGroup.SECP256R1.encode(NamedGroup.SECP256R1.generate(random).getPublic());
        wire[0] = 3;
        TlsException e = assertThrows(TlsException.class, () -> NamedGroup.SECP256R1.decode(wire));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void pointOffTheCurveFailsWithIllegalParameter() throws Exception {
        KeyPair mine = NamedGroup.SECP256R1.generate(random);
        byte[] wire = NamedGroup.SECP256R1.encode(NamedGroup.SECP256R1.generate(random).getPublic());
        wire[64] ^= 1;
        TlsException e = assertThrows(TlsException.class,
                () -> NamedGroup.SECP256R1.agree(mine.getPrivate(), NamedGroup.SECP256R1.decode(wire)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void x25519SmallOrderPointFailsWithIllegalParameter() throws Exception {
        KeyPair mine = NamedGroup.X25519.generate(random);
        TlsException e = assertThrows(TlsException.class,
                () -> NamedGroup.X25519.agree(mine.getPrivate(), NamedGroup.X25519.decode(new byte[32])));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().startsWith("x25519 key agreement failed"), e.getMessage());
    }
}
