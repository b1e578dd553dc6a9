package tlslab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

import tlslab.transport.Transport;

/**
 * Experiment only (see {@link Experiments}): an in-memory transport like tlslab's Pipe, except
 * that a reader finding no data busy-waits up to {@code spinNanos} before it sleeps. Tests how
 * much of tlslab's handshake time is the sleep/wake-up latency between its two threads.
 */
final class SpinPipe {
    private final Channel toServer;
    private final Channel toClient;

    SpinPipe(long spinNanos) {
        toServer = new Channel(spinNanos);
        toClient = new Channel(spinNanos);
    }

    Transport clientEnd() {
        return end(toClient, toServer, "spin-pipe server");
    }

    Transport serverEnd() {
        return end(toServer, toClient, "spin-pipe client");
    }

    private static Transport end(Channel in, Channel out, String peer) {
        OutputStream output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.put(Arrays.copyOfRange(b, off, off + len));
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
                return peer;
            }

            @Override
            public void close() {
                in.close();
                out.close();
            }
        };
    }

    private static final class Channel extends InputStream {
        private final long spinNanos;
        private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
        private byte[] head;
        private int headPos;
        private boolean closed;
        /** Chunks put so far; read without the lock while spinning. */
        private volatile long puts;
        private long taken;

        Channel(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        synchronized void put(byte[] chunk) throws IOException {
            if (closed) throw new IOException("pipe closed");
            if (chunk.length == 0) return;
            chunks.add(chunk);
            puts++;
            notifyAll();
        }

        @Override
        public synchronized void close() {
            closed = true;
            puts++;
            notifyAll();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            spinUntilData();
            synchronized (this) {
                while (head == null || headPos == head.length) {
                    head = chunks.poll();
                    headPos = 0;
                    if (head != null) {
                        taken++;
                        break;
                    }
                    if (closed) return -1;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException();
                    }
                }
                int n = Math.min(len, head.length - headPos);
                System.arraycopy(head, headPos, b, off, n);
                headPos += n;
                return n;
            }
        }

        /** Busy-waits (briefly) while nothing is buffered, so a quick reply needs no sleep and wake-up. */
        private void spinUntilData() {
            if (head != null && headPos < head.length) return;   // racy peek is fine: the locked path decides
            long deadline = System.nanoTime() + spinNanos;
            while (puts == taken && System.nanoTime() < deadline) Thread.onSpinWait();
        }
    }
}
