package tlslab.handshake;

import java.util.Arrays;
import java.util.List;

/**
 * Content equality for lists of byte strings. A record compares its array components by identity,
 * so the messages holding arrays write their own equals and hashCode with these and Arrays.equals:
 * two messages are equal when they would put the same bytes on the wire.
 */
final class ByteLists {
    private ByteLists() {
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a == null || b == null) return a == b;
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) return false;
        }
        return true;
    }

    static int hash(List<byte[]> list) {
        if (list == null) return 0;
        int h = 1;
        for (byte[] b : list) h = 31 * h + Arrays.hashCode(b);
        return h;
    }
}
