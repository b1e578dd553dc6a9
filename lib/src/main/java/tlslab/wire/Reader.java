package tlslab.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslab.alert.AlertDescription;

/**
 * Reads TLS's big-endian integers and length-prefixed vectors (RFC 5246 §4) with bounds checks.
 * Every read names its field, so an error can say which field of which message was wrong and at
 * which byte; a recording reader also keeps those names to explain a message byte by byte.
 */
public final class Reader {
    private final String structure;
    private final byte[] buf;
    private final int end;
    private final int base;
    private final List<Field> fields;
    private final String prefix;
    private int pos;

    private Reader(String structure, byte[] buf, int start, int end, int base, List<Field> fields, String prefix) {
        this.structure = structure;
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.base = base;
        this.fields = fields;
        this.prefix = prefix;
    }

    /** A reader over all of {@code data}; {@code structure} names it in errors (e.g. "ClientHello"). */
    public static Reader of(String structure, byte[] data) {
        return new Reader(structure, data, 0, data.length, 0, null, "");
    }

    /**
     * A reader over bytes found at {@code offset} in a message (an extension's data, say), so that
     * errors give offsets from the start of the message, like the rest.
     */
    public static Reader of(String structure, byte[] data, int offset) {
        return new Reader(structure, data, 0, data.length, offset, null, "");
    }

    /** Like {@link #of} but remembers each field read, for {@link #fields()}. */
    public static Reader recording(String structure, byte[] data) {
        return new Reader(structure, data, 0, data.length, 0, new ArrayList<>(), "");
    }

    public String structure() {
        return structure;
    }

    /** Offset of the next byte, counted from the start of the message. */
    public int offset() {
        return base + pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int u8(String field) throws DecodeException {
        return (int) uint(field, 1);
    }

    public int u16(String field) throws DecodeException {
        return (int) uint(field, 2);
    }

    public int u24(String field) throws DecodeException {
        return (int) uint(field, 3);
    }

    public long u32(String field) throws DecodeException {
        return uint(field, 4);
    }

    public long u64(String field) throws DecodeException {
        return uint(field, 8);
    }

    /** Exactly {@code n} bytes. */
    public byte[] bytes(String field, int n) throws DecodeException {
        need(field, n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        record(field, pos, n);
        pos += n;
        return out;
    }

    /** The rest of this reader's bytes. */
    public byte[] rest(String field) throws DecodeException {
        return bytes(field, remaining());
    }

    /** {@code opaque field<min..max>} with a 1-byte length. */
    public byte[] opaque8(String field, int min, int max) throws DecodeException {
        return opaque(field, 1, min, max);
    }

    /** {@code opaque field<min..max>} with a 2-byte length. */
    public byte[] opaque16(String field, int min, int max) throws DecodeException {
        return opaque(field, 2, min, max);
    }

    /** {@code opaque field<min..max>} with a 3-byte length. */
    public byte[] opaque24(String field, int min, int max) throws DecodeException {
        return opaque(field, 3, min, max);
    }

    /** A reader over a vector's contents (1-byte length), for lists of structures. */
    public Reader vector8(String field, int min, int max) throws DecodeException {
        return vector(field, 1, min, max);
    }

    public Reader vector16(String field, int min, int max) throws DecodeException {
        return vector(field, 2, min, max);
    }

    public Reader vector24(String field, int min, int max) throws DecodeException {
        return vector(field, 3, min, max);
    }

    /**
     * The bytes from message offset {@code from} (an earlier {@link #offset()}) up to the current
     * one: a structure's raw bytes once it has been read field by field.
     */
    public byte[] since(int from) {
        return Arrays.copyOfRange(buf, from - base, pos);
    }

    /** Whether this reader keeps fields to explain (see {@link #note}): a costly note can be skipped when not. */
    public boolean recording() {
        return fields != null;
    }

    /** Adds an explanation to the field read last (shown in breakdowns). */
    public void note(String meaning) {
        if (fields != null && !fields.isEmpty()) {
            int last = fields.size() - 1;
            fields.set(last, fields.get(last).withMeaning(meaning));
        }
    }

    /** Fails unless every byte was consumed. */
    public void expectEnd() throws DecodeException {
        if (pos != end) {
            throw new DecodeException(AlertDescription.DECODE_ERROR, structure, name("end"), offset(),
                    (end - pos) + " unexpected trailing byte(s)");
        }
    }

    /** The fields read so far (empty unless this is a recording reader). */
    public List<Field> fields() {
        return fields == null ? List.of() : List.copyOf(fields);
    }

    /** An error at the current offset, for checks the message classes make on values they read. */
    public DecodeException error(AlertDescription alert, String field, String problem) {
        return new DecodeException(alert, structure, name(field), offset(), problem);
    }

    private long uint(String field, int n) throws DecodeException {
        need(field, n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        record(field, pos, n);
        pos += n;
        return v;
    }

    private byte[] opaque(String field, int lenBytes, int min, int max) throws DecodeException {
        int len = length(field, lenBytes, min, max);
        return bytes(field, len);
    }

    private Reader vector(String field, int lenBytes, int min, int max) throws DecodeException {
        int len = length(field, lenBytes, min, max);
        need(field, len);
        Reader sub = new Reader(structure, buf, pos, pos + len, base, fields, name(field));
        pos += len;
        return sub;
    }

    private int length(String field, int lenBytes, int min, int max) throws DecodeException {
        int at = offset();
        int len = (int) uint(field + ".length", lenBytes);
        if (len < min || len > max) {
            throw new DecodeException(AlertDescription.DECODE_ERROR, structure, name(field), at,
                    "length " + len + " outside the allowed " + min + ".." + max);
        }
        return len;
    }

    private void need(String field, int n) throws DecodeException {
        if (n > end - pos) {
            throw new DecodeException(AlertDescription.DECODE_ERROR, structure, name(field), offset(),
                    "needs " + n + " byte(s) but only " + (end - pos) + " left");
        }
    }

    /** Field names nest: "cipher_suites" then "cipher_suites[0]", "extensions[1].extension_type". */
    private String name(String field) {
        if (prefix.isEmpty()) return field;
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    private void record(String field, int at, int n) {
        if (fields != null) {
            fields.add(new Field(name(field), base + at, n, Arrays.copyOfRange(buf, at, at + n), ""));
        }
    }
}
