package tlslab.bench;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A single-threaded in-memory stream whose input reads back what its output wrote, with one
 * reusable buffer: lets a RecordLayer write a record and then read it again, without threads or
 * allocation in between.
 */
final class Loopback {
    private final byte[] buf;
    private int readAt;
    private int writeAt;

    Loopback(int capacity) {
        buf = new byte[capacity];
    }

    final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (readAt == writeAt) readAt = writeAt = 0;
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
