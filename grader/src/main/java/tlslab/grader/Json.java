package tlslab.grader;

import java.util.Locale;

/** A small JSON writer (pretty-printed), enough for results.json. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean first = true;
    private boolean afterField;

    Json open(char bracket) {
        value();
        out.append(bracket);
        depth++;
        first = true;
        return this;
    }

    Json close(char bracket) {
        depth--;
        if (!first) newline();
        out.append(bracket);
        first = false;
        return this;
    }

    Json field(String name) {
        value();
        string0(name);
        out.append(": ");
        afterField = true;
        return this;
    }

    Json string(String s) {
        value();
        string0(s == null ? "" : s);
        return this;
    }

    Json number(double d) {
        value();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) out.append((long) d);
        else out.append(String.format(Locale.ROOT, "%.3f", d));
        return this;
    }

    private void value() {
        if (afterField) {
            afterField = false;
            first = false;
            return;
        }
        if (!first) out.append(',');
        if (depth > 0) newline();
        first = false;
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void string0(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff && !validSurrogate(s, i))) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
