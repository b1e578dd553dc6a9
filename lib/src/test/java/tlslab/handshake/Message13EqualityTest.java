package tlslab.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The TLS 1.3 messages and extension values compare by content, as the 1.2 ones do (MessageEqualityTest). */
class Message13EqualityTest {
    private static final int ARRAYS = 15;

    @Test
    void sameContentInFreshArraysIsEqual() {
        List<Object> a = samples(-1), b = samples(-1);
        for (int i = 0; i < a.size(); i++) {
            assertNotSame(a.get(i), b.get(i));
            assertEquals(a.get(i), b.get(i));
            assertEquals(a.get(i).hashCode(), b.get(i).hashCode());
            assertFalse(a.get(i).toString().contains("[B@"), a.get(i).toString());
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
                    assertNotEquals(other.get(i), original.get(i));
                }
            }
            assertEquals(1, unequal, "array #" + changed + " should make exactly one sample differ");
        }
    }

    private static List<Object> samples(int changed) {
        Patterns a = new Patterns(changed);
        List<Object> out = List.of(
                new KeyShareEntry(29, a.next(32)),
                new PskIdentity(a.next(5), 7),
                new OfferedPsks(List.of(new PskIdentity(a.next(4), 1)), List.of(a.next(32))),
                new CertificateEntry(a.next(50), List.of(new Extension(5, a.next(3)))),
                new CertificateMessage13(a.next(2), List.of(new CertificateEntry(a.next(40), List.of()))),
                new CertificateRequest13(a.next(3), List.of(new Extension(13, a.next(4)))),
                new EncryptedExtensions(List.of(new Extension(10, a.next(4)))),
                new NewSessionTicket(30, 5, a.next(2), a.next(40), List.of(new Extension(42, a.next(4)))),
                new MessageHash(a.next(32)));
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
