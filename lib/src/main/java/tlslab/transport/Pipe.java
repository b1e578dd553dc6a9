package tlslab.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/** An in-memory connection: two {@link Transport} ends, optionally with an {@link Interceptor} between. */
public final class Pipe {
    private final Channel toServer = new Channel();
    private final Channel toClient = new Channel();
    private final Interceptor interceptor;

    public Pipe() {
        this(Interceptor.NONE);
    }

    public Pipe(Interceptor interceptor) {
        this.interceptor = interceptor;
    }

    public Transport clientEnd() {
        return end(true);
    }

    public Transport serverEnd() {
        return end(false);
    }

    private Transport end(boolean client) {
        Channel in = client ? toClient : toServer;
        Channel out = client ? toServer : toClient;
        OutputStream output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.put(interceptor.intercept(client, Arrays.copyOfRange(b, off, off + len)));
            }

            @Override
            public void close() {
                out.close();
            }
        };
        return new Transport() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return output;
            }

            @Override
            public String peer() {
                return client ? "in-memory server" : "in-memory client";
            }

            @Override
            public void close() {
                in.close();
                out.close();
            }
        };
    }

    /** One direction: a queue of chunks that blocks readers until data arrives or it is closed. */
    private static final class Channel extends InputStream {
        /**
         * How long a reader keeps looking before it sleeps: a sleeping thread takes tens of µs to wake.
         * It yields while it looks, so that on a busy machine (or a 2-core one where the JIT compiler
         * wants a core) the thread it waits for, or any other, gets the CPU.
         */
        private static final long SPIN_NANOS = 1_000_000;

        private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        private byte[] head;
        private int headPos;
        private volatile int queued;
        private volatile boolean closed;

        synchronized void put(byte[] chunk) throws IOException {
            if (closed) throw new IOException("pipe closed");
            if (chunk.length > 0) {
                chunks.add(chunk);
                queued = chunks.size();
            }
            notifyAll();
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        /** Only the reading thread touches head, so it may look without the lock. */
        private void spinBriefly() {
            if (head != null && headPos < head.length) return;
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (queued == 0 && !closed && System.nanoTime() < deadline) Thread.yield();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            spinBriefly();
            synchronized (this) {
                return take(b, off, len);
            }
        }

        private int take(byte[] b, int off, int len) throws IOException {
            while (head == null || headPos == head.length) {
                head = chunks.poll();
                queued = chunks.size();
                headPos = 0;
                if (head != null) break;
                if (closed) return -1;
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the pipe");
                }
            }
            int n = Math.min(len, head.length - headPos);
            System.arraycopy(head, headPos, b, off, n);
            headPos += n;
            return n;
        }

        @Override
        public synchronized int available() {
            int n = head == null ? 0 : head.length - headPos;
            for (byte[] c : chunks) n += c.length;
            return n;
        }
    }
}
