package tlslab.exercises.ex04;

import tlslab.exercise.ServerHelloParser;

/**
 * Exercise 4 — read a ServerHello, refusing anything malformed with an IllegalArgumentException
 * (never an ArrayIndexOutOfBoundsException: a server must not crash on a bad message).
 *
 * <pre>
 * Handshake:   msg_type (1 byte: 2)  length (3 bytes)  body
 * ServerHello: server_version (2)  random (32)  session_id (1-byte length, at most 32, + bytes)
 *              cipher_suite (2)  compression_method (1)
 *              extensions (2-byte length + { type (2)  data (2-byte length + bytes) }*), optional
 * </pre>
 *
 * Tip: write one private method that checks the whole message and returns its fields, and let
 * every public method call it. {@link tlslab.wire.Reader} may help, but catch its exceptions.
 */
public class ServerHelloReader implements ServerHelloParser {

    @Override
    public int serverVersion(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.serverVersion
        return parse(message).version;
        // END SOLUTION
    }

    @Override
    public byte[] random(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.random
        return parse(message).random;
        // END SOLUTION
    }

    @Override
    public byte[] sessionId(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.sessionId
        return parse(message).sessionId;
        // END SOLUTION
    }

    @Override
    public int cipherSuite(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.cipherSuite
        return parse(message).suite;
        // END SOLUTION
    }

    @Override
    public int compressionMethod(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.compressionMethod
        return parse(message).compression;
        // END SOLUTION
    }

    @Override
    public int[] extensionTypes(byte[] message) {
        // BEGIN SOLUTION ServerHelloReader.extensionTypes
        return parse(message).extensions;
        // END SOLUTION
    }

    // BEGIN SOLUTION REMOVE
    private record Fields(int version, byte[] random, byte[] sessionId, int suite, int compression, int[] extensions) {
    }

    /** A cursor that refuses to read past the end. */
    private static final class Cursor {
        final byte[] b;
        int pos;
        final int end;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int u8(String field) {
            need(1, field);
            return b[pos++] & 0xff;
        }

        int u16(String field) {
            need(2, field);
            int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            pos += 2;
            return v;
        }

        byte[] bytes(int n, String field) {
            need(n, field);
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        void need(int n, String field) {
            if (end - pos < n) {
                throw new IllegalArgumentException(field + " needs " + n + " bytes at offset " + pos + " but only "
                        + (end - pos) + " are left");
            }
        }
    }

    private static Fields parse(byte[] m) {
        if (m == null || m.length < 4) throw new IllegalArgumentException("shorter than a handshake header");
        if (m[0] != 2) throw new IllegalArgumentException("msg_type is " + (m[0] & 0xff) + ", not server_hello (2)");
        int length = ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        if (length != m.length - 4) {
            throw new IllegalArgumentException("header says " + length + " body bytes, but " + (m.length - 4) + " follow");
        }
        Cursor c = new Cursor(m, 4, m.length);
        int version = c.u16("server_version");
        byte[] random = c.bytes(32, "random");
        int sidLength = c.u8("session_id length");
        if (sidLength > 32) throw new IllegalArgumentException("session_id of " + sidLength + " bytes (at most 32)");
        byte[] sid = c.bytes(sidLength, "session_id");
        int suite = c.u16("cipher_suite");
        int compression = c.u8("compression_method");
        int[] types = new int[0];
        if (c.pos < c.end) {
            int extLength = c.u16("extensions length");
            c.need(extLength, "extensions");
            if (c.pos + extLength != c.end) throw new IllegalArgumentException("bytes left after the extensions");
            Cursor e = new Cursor(m, c.pos, c.pos + extLength);
            java.util.List<Integer> list = new java.util.ArrayList<>();
            while (e.pos < e.end) {
                list.add(e.u16("extension_type"));
                int n = e.u16("extension_data length");
                e.bytes(n, "extension_data");
            }
            types = list.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Fields(version, random, sid, suite, compression, types);
    }
    // END SOLUTION
}
