package tlslab.grader.runner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The framed format between the grader and the runner JVM. A frame is a magic number, a length
 * and a payload; payloads hold the plain values the exercise interfaces use (byte arrays, numbers,
 * strings, booleans, BigInteger and their arrays), each with a one-byte tag. Only JDK classes, so
 * the runner needs nothing but itself on its class path.
 */
public final class Wire {
    public static final int MAGIC = 0x544c4142;       // "TLAB"
    public static final int MAX_FRAME = 16 << 20;     // a bigger request is refused, not buffered

    // requests
    public static final byte CALL = 'C';
    // responses
    public static final byte READY = 'R';
    public static final byte RETURNED = 'O';
    public static final byte THREW = 'X';
    public static final byte EXITED = 'E';
    public static final byte FAILED = 'F';
    public static final byte COMPILED = 'J';

    private static final byte NULL = 0, BYTES = 1, BYTES2 = 2, INT = 3, INTS = 4, LONG = 5, BOOL = 6, BOOLS = 7,
            STRING = 8, STRINGS = 9, BIGINT = 10;

    private Wire() {
    }

    /** Writes one frame and flushes. */
    public static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(payload.length);
        d.write(payload);
        d.flush();
    }

    /**
     * Reads one frame's payload of at most {@code limit} bytes; EOFException at a clean end;
     * IOException for anything malformed or too big.
     */
    public static byte[] readFrame(InputStream in, int limit) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int magic = d.readInt();
        if (magic != MAGIC) throw new IOException(String.format("not a frame (starts with %08x)", magic));
        int length = d.readInt();
        if (length < 0 || length > limit) throw new IOException("a frame of " + length + " bytes (the limit is " + limit + ")");
        byte[] payload = new byte[length];
        d.readFully(payload);
        return payload;
    }

    /** Builds a payload. */
    public static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final DataOutputStream d = new DataOutputStream(buf);

        /** Every payload starts with what it is and the number of the request it answers. */
        public Out op(byte op, int seq) throws IOException {
            d.writeByte(op);
            d.writeInt(seq);
            return this;
        }

        public Out string(String s) throws IOException {
            if (s == null) d.writeInt(-1);
            else bytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Out integer(int v) throws IOException {
            d.writeInt(v);
            return this;
        }

        public Out value(Object v) throws IOException {
            if (v == null) {
                d.writeByte(NULL);
            } else if (v instanceof byte[] b) {
                d.writeByte(BYTES);
                bytes(b);
            } else if (v instanceof byte[][] bb) {
                d.writeByte(BYTES2);
                d.writeInt(bb.length);
                for (byte[] b : bb) {
                    d.writeBoolean(b != null);
                    if (b != null) bytes(b);
                }
            } else if (v instanceof Integer i) {
                d.writeByte(INT);
                d.writeInt(i);
            } else if (v instanceof int[] a) {
                d.writeByte(INTS);
                d.writeInt(a.length);
                for (int i : a) d.writeInt(i);
            } else if (v instanceof Long l) {
                d.writeByte(LONG);
                d.writeLong(l);
            } else if (v instanceof Boolean b) {
                d.writeByte(BOOL);
                d.writeBoolean(b);
            } else if (v instanceof boolean[] a) {
                d.writeByte(BOOLS);
                d.writeInt(a.length);
                for (boolean b : a) d.writeBoolean(b);
            } else if (v instanceof String s) {
                d.writeByte(STRING);
                string(s);
            } else if (v instanceof String[] a) {
                d.writeByte(STRINGS);
                d.writeInt(a.length);
                for (String s : a) string(s);
            } else if (v instanceof BigInteger b) {
                d.writeByte(BIGINT);
                bytes(b.toByteArray());
            } else {
                throw new IOException("cannot send a " + v.getClass().getName() + " (only byte[], byte[][], int, int[], long,"
                        + " boolean, boolean[], String, String[], BigInteger)");
            }
            return this;
        }

        private void bytes(byte[] b) throws IOException {
            d.writeInt(b.length);
            d.write(b);
        }

        public byte[] toByteArray() throws IOException {
            d.flush();
            return buf.toByteArray();
        }
    }

    /** Reads a payload. */
    public static final class In {
        private final DataInputStream d;
        private final int size;

        public In(byte[] payload) {
            this.d = new DataInputStream(new ByteArrayInputStream(payload));
            this.size = payload.length;
        }

        public byte op() throws IOException {
            return d.readByte();
        }

        /** The request number, read right after {@link #op}. */
        public int seq() throws IOException {
            return d.readInt();
        }

        public int integer() throws IOException {
            return d.readInt();
        }

        public String string() throws IOException {
            int n = d.readInt();
            return n < 0 ? null : new String(bytes(n), StandardCharsets.UTF_8);
        }

        private byte[] bytes(int n) throws IOException {
            if (n < 0 || n > size) throw new IOException("bad length " + n);
            byte[] b = new byte[n];
            d.readFully(b);
            return b;
        }

        private int count() throws IOException {
            int n = d.readInt();
            if (n < 0 || n > size) throw new IOException("bad count " + n);
            return n;
        }

        public Object value() throws IOException {
            byte tag = d.readByte();
            return switch (tag) {
                case NULL -> null;
                case BYTES -> bytes(d.readInt());
                case BYTES2 -> {
                    byte[][] out = new byte[count()][];
                    for (int i = 0; i < out.length; i++) out[i] = d.readBoolean() ? bytes(d.readInt()) : null;
                    yield out;
                }
                case INT -> d.readInt();
                case INTS -> {
                    int[] out = new int[count()];
                    for (int i = 0; i < out.length; i++) out[i] = d.readInt();
                    yield out;
                }
                case LONG -> d.readLong();
                case BOOL -> d.readBoolean();
                case BOOLS -> {
                    boolean[] out = new boolean[count()];
                    for (int i = 0; i < out.length; i++) out[i] = d.readBoolean();
                    yield out;
                }
                case STRING -> string();
                case STRINGS -> {
                    String[] out = new String[count()];
                    for (int i = 0; i < out.length; i++) out[i] = string();
                    yield out;
                }
                case BIGINT -> new BigInteger(bytes(d.readInt()));
                default -> throw new IOException("unknown value tag " + tag);
            };
        }
    }

    /** Java's name for a parameter type, and back (only the types {@link Out#value} can send). */
    public static Class<?> typeOf(String name) throws ClassNotFoundException {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "boolean" -> boolean.class;
            case "[B" -> byte[].class;
            case "[[B" -> byte[][].class;
            case "[I" -> int[].class;
            case "[Z" -> boolean[].class;
            case "java.lang.String" -> String.class;
            case "[Ljava.lang.String;" -> String[].class;
            case "java.math.BigInteger" -> BigInteger.class;
            default -> throw new ClassNotFoundException("parameter type " + name + " cannot cross the process boundary");
        };
    }
}
