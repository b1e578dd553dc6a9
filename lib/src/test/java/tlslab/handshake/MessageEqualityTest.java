package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Messages compare by content: the same bytes in different arrays are equal, one byte off is not. */
class MessageEqualityTest {

    @Test
    void sameContentInFreshArraysIsEqual() {
        List<Object> a = samples(-1), b = samples(-1);
        for (int i = 0; i < a.size(); i++) {
            assertNotSame(a.get(i), b.get(i));
            assertEquals(a.get(i), b.get(i));
            assertEquals(a.get(i).hashCode(), b.get(i).hashCode());
        }
    }

    /** Changes each array in turn: exactly the sample holding that array stops being equal. */
    @Test
    void oneDifferentByteInAnyArrayIsNotEqual() {
        List<Object> original = samples(-1);
        for (int changed = 0; changed < ARRAYS; changed++) {
            List<Object> other = samples(changed);
            int unequal = 0;
            for (int i = 0; i < original.size(); i++) {
                if (!original.get(i).equals(other.get(i))) {
                    unequal++;
                    assertNotEquals(other.get(i), original.get(i));   // and symmetric
                }
            }
            assertEquals(1, unequal, "array #" + changed + " should make exactly one sample differ");
        }
    }

    @Test
    void listsOfArraysCompareElementByElement() {
        byte[] a = {1, 2}, b = {3};
        assertEquals(new CertificateMessage(List.of(a, b)), new CertificateMessage(List.of(a.clone(), b.clone())));
        assertNotEquals(new CertificateMessage(List.of(a, b)), new CertificateMessage(List.of(b, a)));
        assertNotEquals(new CertificateMessage(List.of(a, b)), new CertificateMessage(List.of(a)));
        assertNotEquals(new CertificateMessage(List.of(a)), new CertificateMessage(List.of(a, b)));
    }

    @Test
    void toStringShowsContentNotArrayIdentity() {
        for (Object m : samples(-1)) {
            assertFalse(m.toString().contains("[B@"), m.toString());
        }
    }

    private static final int ARRAYS = 20;

    /** One of each message with arrays; array number {@code changed} (in creation order) gets its last byte flipped. */
    private static List<Object> samples(int changed) {
        Patterns a = new Patterns(changed);
        List<Object> out = List.of(
                new ClientHello(0x0303, a.next(32), a.next(32), List.of(0xc02f, 0x009c), a.next(1),
                        List.of(new Extension(0, a.next(5)), new Extension(13, a.next(4)))),
                new ServerHello(0x0303, a.next(32), a.next(32), 0xc02f, 0, List.of(new Extension(0xff01, a.next(1)))),
                new CertificateMessage(List.of(a.next(100), a.next(80))),
                new ServerKeyExchange(29, a.next(32), 0x0401, a.next(128)),
                new CertificateRequest(a.next(1), List.of(0x0401), List.of(a.next(20), a.next(20))),
                new CertificateVerify(0x0401, a.next(128)),
                new Finished(a.next(12)),
                new Extension(10, a.next(6)),
                new HelloExtensions("www.mybank.test", List.of(29), a.next(1), List.of(0x0401), true, true, false),
                ClientKeyExchange.rsa(a.next(256)));
        assertEquals(ARRAYS, a.count, "ARRAYS should count every array above");
        return out;
    }

    /** Fresh arrays with a fixed pattern, one of them changed. */
    private static final class Patterns {
        final int changed;
        int count;

        Patterns(int changed) {
            this.changed = changed;
        }

        byte[] next(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + count);
            if (count++ == changed) b[n - 1] ^= 1;
            return b;
        }
    }
}
