package tlslab.grader;

/**
 * Makes student-controlled text (test messages, what the code printed, compiler messages, folder
 * names) safe to show: on the instructor's terminal, in files that must encode as UTF-8, and in HTML,
 * JSON and XML. A message must not clear the screen, move the cursor, set the window title or turn
 * itself around with bidi controls to pass for "ALL TESTS PASSED".
 */
final class Text {
    private Text() {
    }

    /**
     * Without terminal escape sequences (ESC [ … final, ESC ] … BEL or ESC \, other ESC x, and their
     * one-character C1 forms), control characters other than newline and tab, DEL, C1 controls and
     * bidi overrides and isolates; a lone surrogate becomes U+FFFD.
     */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c == 0x1b || c == 0x9b || c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f) {
                i = afterEscape(s, i);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                i++;
                if (Character.isSurrogate(c)) b.append('\uFFFD');
                else if (c == '\n' || c == '\t' || !isControl(c)) b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Where the escape sequence starting at {@code i} ends (exclusive). */
    private static int afterEscape(String s, int i) {
        int n = s.length();
        char c = s.charAt(i++);
        if (c == 0x1b && i >= n) return i;
        // a C1 introducer is the same as ESC and its 7-bit form: U+009B is ESC [, U+009D is ESC ], …
        char kind = c == 0x1b ? s.charAt(i++) : (char) (c - 0x40);
        if (kind == '[') {   // CSI: parameter and intermediate bytes, then one final byte
            while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3f) i++;
            if (i < n && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7e) i++;
            return i;
        }
        if ("]PX^_".indexOf(kind) >= 0) {   // OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \)
            while (i < n) {
                char d = s.charAt(i);
                if (d == '\n') return i;   // keep the lines after an unterminated one
                i++;
                if (d == 0x07 || d == 0x9c) return i;
                if (d == 0x1b && i < n && s.charAt(i) == '\\') return i + 1;
            }
            return i;
        }
        i--;   // ESC followed by intermediates (0x20–0x2F) and one final character, e.g. ESC ( B or ESC c
        while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2f) i++;
        if (i < n && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7e) i++;
        return i;
    }

    /** At most {@code max} code points (max ≥ 1); a cut string ends with "…", never half a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max || s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** The first line of {@code s}, cleaned and cut to {@code max} code points: for tables and CSV cells. */
    static String line(String s, int max) {
        String c = clean(s).strip();
        int nl = c.indexOf('\n');
        return cut((nl < 0 ? c : c.substring(0, nl)).replace('\t', ' ').strip(), max);
    }
}
