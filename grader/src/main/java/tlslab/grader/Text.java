package tlslab.grader;

/** Placeholder until the report branch's Text lands (same signatures). */
final class Text {
    private Text() {
    }

    static String clean(String s) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) b.appendCodePoint(c);
        });
        return b.toString();
    }

    static String cut(String s, int n) {
        if (s == null || s.codePointCount(0, s.length()) <= n) return s;
        return s.substring(0, s.offsetByCodePoints(0, n - 1)) + "…";
    }
}
