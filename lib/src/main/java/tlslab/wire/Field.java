package tlslab.wire;

/**
 * One field of a decoded message, for the byte-by-byte breakdown notebooks draw as tables.
 * The offset counts from the first byte of the message (its header included).
 */
public record Field(String name, int offset, int length, byte[] bytes, String meaning) {

    public String hex() {
        return Hex.of(bytes);
    }

    Field withMeaning(String newMeaning) {
        return new Field(name, offset, length, bytes, newMeaning);
    }

    @Override
    public String toString() {
        return String.format("%4d %4d  %-28s %s%s", offset, length, name, Hex.abbreviate(bytes, 24),
                meaning == null || meaning.isEmpty() ? "" : "  (" + meaning + ")");
    }
}
