package tlslab.wire;

import java.util.Arrays;
import java.util.function.Consumer;

/** Builds TLS structures: big-endian integers and length-prefixed vectors (RFC 5246 §4). */
public final class Writer {
    private byte[] buf = new byte[256];
    private int len;

    public Writer u8(int v) {
        return uint(v, 1);
    }

    public Writer u16(int v) {
        return uint(v, 2);
    }

    public Writer u24(int v) {
        return uint(v, 3);
    }

    public Writer u32(long v) {
        return uint(v, 4);
    }

    public Writer u64(long v) {
        return uint(v, 8);
    }

    public Writer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public Writer bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** {@code opaque<..2^8-1>}: 1-byte length, then the bytes. */
    public Writer opaque8(byte[] b) {
        return u8(checkFits(b.length, 1)).bytes(b);
    }

    public Writer opaque16(byte[] b) {
        return u16(checkFits(b.length, 2)).bytes(b);
    }

    public Writer opaque24(byte[] b) {
        return u24(checkFits(b.length, 3)).bytes(b);
    }

    /** A vector whose body {@code body} writes; its 1-byte length is filled in afterwards. */
    public Writer vector8(Consumer<Writer> body) {
        return vector(1, body);
    }

    public Writer vector16(Consumer<Writer> body) {
        return vector(2, body);
    }

    public Writer vector24(Consumer<Writer> body) {
        return vector(3, body);
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private Writer vector(int lenBytes, Consumer<Writer> body) {
        int at = len;
        uint(0, lenBytes);
        body.accept(this);
        int n = checkFits(len - at - lenBytes, lenBytes);
        for (int i = 0; i < lenBytes; i++) {
            buf[at + i] = (byte) (n >>> (8 * (lenBytes - 1 - i)));
        }
        return this;
    }

    private Writer uint(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        len += n;
        return this;
    }

    private static int checkFits(int n, int lenBytes) {
        if (n >= 1L << (8 * lenBytes)) {
            throw new IllegalArgumentException(n + " bytes do not fit a " + lenBytes + "-byte length");
        }
        return n;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
