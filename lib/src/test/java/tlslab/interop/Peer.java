package tlslab.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external program (openssl, curl) run as a test peer on 127.0.0.1: output collected, and
 * always stopped by {@link #close()}. Missing tools fail the test: the set-up script installs them.
 */
final class Peer implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;

    private Peer(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (output) {
                        output.write(buf, 0, n);
                        output.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "peer-output");
        pump.setDaemon(true);
        pump.start();
    }

    static Peer start(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        try {
            return new Peer(pb.start());
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is not installed or not runnable; run ./tlslab setup --for-tests", e);
        }
    }

    /** Writes {@code text} to the peer's stdin and closes it. */
    void input(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
    }

    /** Waits until the output contains {@code text}; fails with the output so far after {@code seconds}. */
    void await(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (output) {
            while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) throw new AssertionError("peer did not print \"" + text + "\" within " + seconds + " s; output:\n" + output());
                output.wait(Math.min(left, 200));
            }
        }
    }

    /** Waits for the process to end; returns its exit status. */
    int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("peer still running after " + seconds + " s; output:\n" + output());
        }
        pump.join(2000);
        return process.exitValue();
    }

    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
