package tlslab.exercises.check;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

import tlslab.wire.Field;
import tlslab.wire.Hex;

/**
 * Assertions whose failure messages teach: what was checked, expected and actual values (bytes in
 * hex with the first differing byte marked and, for messages, the field it lies in) and a hint.
 */
public final class Expect {
    private static final int WINDOW = 12;

    private Expect() {
    }

    /** Equal bytes, or a message naming the first differing byte. */
    public static void bytes(String what, byte[] expected, byte[] actual, String hint) {
        bytes(what, expected, actual, hint, null);
    }

    /** The same, naming the field of {@code fields} (offsets into {@code expected}) where bytes differ. */
    public static void bytes(String what, byte[] expected, byte[] actual, String hint, List<Field> fields) {
        if (Arrays.equals(expected, actual)) return;
        StringBuilder m = new StringBuilder(what);
        if (actual == null) {
            m.append(": your code returned null\n  expected ").append(expected.length).append(" bytes: ")
                    .append(Hex.abbreviate(expected, 48));
            throw failure(m, hint, Hex.of(expected), "null");
        }
        int d = firstDifference(expected, actual);
        m.append(": wrong bytes\n");
        m.append("  expected ").append(expected.length).append(" bytes, got ").append(actual.length);
        m.append(expected.length == actual.length ? " (the length is right)\n" : "\n");
        m.append("  first difference at byte ").append(d).append(String.format(" (0x%x)", d));
        String field = fieldAt(fields, d);
        if (field != null) m.append(", in ").append(field);
        m.append('\n');
        if (d > 0) m.append("  bytes 0 to ").append(d - 1).append(" are right\n");
        m.append("  expected: ").append(window(expected, d)).append('\n');
        m.append("  actual:   ").append(window(actual, d)).append('\n');
        throw failure(m, hint, Hex.of(expected), Hex.of(actual));
    }

    /** Equal values (numbers are also shown in hex). */
    public static void equal(String what, Object expected, Object actual, String hint) {
        if (Objects.equals(expected, actual)) return;
        StringBuilder m = new StringBuilder(what).append(": expected ").append(show(expected))
                .append(", got ").append(show(actual)).append('\n');
        throw failure(m, hint, String.valueOf(expected), String.valueOf(actual));
    }

    public static void isTrue(boolean condition, String what, String hint) {
        if (!condition) throw failure(new StringBuilder(what).append('\n'), hint, null, null);
    }

    /**
     * The call must throw {@code type}: returning normally, or throwing something else (such as an
     * ArrayIndexOutOfBoundsException), fails with a message saying so.
     */
    public static <T extends Throwable> T rejects(Class<T> type, String what, Executable call, String hint) {
        try {
            call.execute();
        } catch (Throwable t) {
            if (type.isInstance(t)) return type.cast(t);
            StringBuilder m = new StringBuilder(what).append(": expected ").append(type.getName())
                    .append(", but your code threw ").append(t).append('\n');
            AssertionFailedError f = failure(m, hint, type.getName(), t.getClass().getName());
            f.initCause(t);
            throw f;
        }
        throw failure(new StringBuilder(what).append(": expected ").append(type.getName())
                .append(", but your code returned normally\n"), hint, type.getName(), "no exception");
    }

    static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) return i;
        }
        return n;
    }

    /** Up to WINDOW bytes before and after {@code at}, the byte at {@code at} in brackets. */
    static String window(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        int from = Math.max(0, at - WINDOW);
        int to = Math.min(b.length, at + WINDOW + 1);
        s.append(String.format("[%d] ", from));
        if (from > 0) s.append("… ");
        for (int i = from; i < to; i++) {
            String h = String.format("%02x", b[i] & 0xff);
            s.append(i == at ? ">" + h + "<" : h).append(' ');
        }
        if (at >= b.length) s.append(">(end)< ");
        if (to < b.length) s.append("… (").append(b.length - to).append(" more)");
        return s.toString().trim();
    }

    private static String fieldAt(List<Field> fields, int offset) {
        if (fields == null) return null;
        Field best = null;
        for (Field f : fields) {
            if (offset >= f.offset() && offset < f.offset() + Math.max(1, f.length())) {
                if (best == null || f.length() <= best.length()) best = f;
            }
        }
        if (best == null) return offset >= lastEnd(fields) ? "bytes after the last field" : null;
        return best.name() + " (bytes " + best.offset() + " to " + (best.offset() + best.length() - 1) + ")";
    }

    private static int lastEnd(List<Field> fields) {
        int end = 0;
        for (Field f : fields) end = Math.max(end, f.offset() + f.length());
        return end;
    }

    private static String show(Object v) {
        if (v instanceof Integer i) return i + String.format(" (0x%04x)", i);
        if (v instanceof Long l) return l + String.format(" (0x%x)", l);
        if (v instanceof byte[] b) return Hex.abbreviate(b, 48);
        if (v instanceof String s) return "\"" + s + "\"";
        return String.valueOf(v);
    }

    private static AssertionFailedError failure(StringBuilder m, String hint, Object expected, Object actual) {
        if (hint != null && !hint.isEmpty()) m.append("hint: ").append(hint);
        String text = m.toString().stripTrailing();
        return expected == null ? new AssertionFailedError(text) : new AssertionFailedError(text, expected, actual);
    }
}
