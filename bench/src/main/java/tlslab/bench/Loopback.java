package tlslab.bench;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A single-threaded in-memory stream: its input reads back what its output wrote, in one buffer
 * made once. The records benchmark empties it ({@link #reset()}) before each record, so a write is
 * one {@code System.arraycopy} into the buffer and a read one {@code System.arraycopy} out of it,
 * with no allocation, no lock and no thread in between: the stream costs as little as a stream can.
 */
final class Loopback {
    private final byte[] buf;
    private int readAt;
    private int writeAt;

    Loopback(int capacity) {
        buf = new byte[capacity];
    }

    /** Forgets everything written, read or not. */
    void reset() {
        readAt = 0;
        writeAt = 0;
    }

    /** Bytes written and not read yet. */
    int unread() {
        return writeAt - readAt;
    }

    final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > buf.length - writeAt) throw new IllegalStateException("loopback buffer full");
            System.arraycopy(b, off, buf, writeAt, len);
            writeAt += len;
        }
    };

    final InputStream input = new InputStream() {
        @Override
        public int read() {
            return readAt == writeAt ? -1 : buf[readAt++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (readAt == writeAt) return -1;
            int n = Math.min(len, writeAt - readAt);
            System.arraycopy(buf, readAt, b, off, n);
            readAt += n;
            return n;
        }
    };
}
