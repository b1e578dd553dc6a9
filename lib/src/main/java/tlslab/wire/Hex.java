package tlslab.wire;

import java.util.HexFormat;

/** Lower-case hex without separators, the way RFC test vectors and key logs print bytes. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String of(byte[] bytes, int from, int to) {
        return HEX.formatHex(bytes, from, to);
    }

    /** Parses hex, ignoring spaces, colons and line breaks. */
    public static byte[] parse(String hex) {
        String clean = hex.replaceAll("[\\s:]", "");
        try {
            return HEX.parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid hex: \"" + abbreviate(hex) + "\" (" + e.getMessage() + ")");
        }
    }

    /** Hex of at most {@code max} bytes, with "…" when cut. */
    public static String abbreviate(byte[] bytes, int max) {
        if (bytes.length <= max) return of(bytes);
        return of(bytes, 0, max) + "… (" + bytes.length + " bytes)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
