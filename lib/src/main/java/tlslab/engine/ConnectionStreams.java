package tlslab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** A connection's application data as plain Java streams, for code that reads and writes streams. */
final class ConnectionStreams {
    private ConnectionStreams() {
    }

    /** Reads record by record; -1 once the peer has sent close_notify. */
    static InputStream input(Connection conn) {
        return new InputStream() {
            private byte[] buf = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos == buf.length) {
                    byte[] next = conn.read();
                    if (next == null) return -1;
                    buf = next;
                    pos = 0;
                }
                int n = Math.min(len, buf.length - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Each write becomes one or more records at once: wrap it in a BufferedOutputStream to send fewer. */
    static OutputStream output(Connection conn) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                conn.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                conn.write(Arrays.copyOfRange(b, off, off + len));
            }
        };
    }
}
