package tlslab.course;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real TLS programs as peers for notebooks, always on 127.0.0.1: {@code openssl s_server} in the
 * background ({@link #sServer}) and one-shot commands such as {@code curl} or {@code openssl s_client}
 * ({@link #run}). Every failure names the command and shows what it printed.
 */
public final class Peers {
    private Peers() {
    }

    /** A free TCP port on 127.0.0.1 (free when asked; {@link #sServer} retries if another program takes it first). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code openssl s_server -accept 127.0.0.1:PORT <options>} in {@code dir} on a free port
     * and returns once it prints ACCEPT. Close it (try-with-resources) to stop it.
     */
    public static Server sServer(Path dir, String... options) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port));
            command.addAll(Arrays.asList(options));
            Server server = new Server(start(dir, command), command, port);
            try {
                server.awaitAccept(15);
                return server;
            } catch (IllegalStateException e) {
                server.close();
                if (attempt < 3 && server.output().contains("in use")) continue; // the port was taken meanwhile
                throw e;
            }
        }
    }

    /**
     * Runs {@code command} in {@code dir}, writes {@code input} (may be null) to its stdin, and waits at
     * most {@code seconds} for it to end. A non-zero exit status is returned, not thrown: see {@link Result#ok()}.
     */
    public static Result run(Path dir, String input, int seconds, String... command) throws IOException {
        List<String> cmd = List.of(command);
        Output out = new Output(start(dir, cmd));
        Process p = out.process;
        try (OutputStream stdin = p.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the program ended without reading its input: its output will say why
        }
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                stop(p);
                throw new IllegalStateException(show(cmd) + " did not finish within " + seconds + " s; it printed:\n" + out.text());
            }
            out.pump.join(2000);
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(show(cmd) + " was interrupted; it printed:\n" + out.text());
        }
        return new Result(cmd, p.exitValue(), out.text());
    }

    /** What a command printed (stdout and stderr together) and its exit status. */
    public record Result(List<String> command, int exitCode, String output) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** This result if the command succeeded; otherwise an error naming the command, with its output. */
        public Result check() {
            if (!ok()) throw new IllegalStateException(show(command) + " failed (exit " + exitCode + "); it printed:\n" + output);
            return this;
        }

        /** The lines of the output that contain any of {@code texts} (trimmed), in order. */
        public List<String> lines(String... texts) {
            return matching(output, texts);
        }

        @Override
        public String toString() {
            return "$ " + show(command) + "   (exit " + exitCode + ")\n" + output;
        }
    }

    /** {@code openssl s_server} running in the background. */
    public static final class Server implements AutoCloseable {
        private final Output out;
        private final List<String> command;
        private final int port;
        private final Thread cleanup;

        private Server(Process process, List<String> command, int port) {
            this.out = new Output(process);
            this.command = command;
            this.port = port;
            // a kernel restart should not leave the server running
            this.cleanup = new Thread(() -> stop(process), "tlslab-stop-s_server");
            Runtime.getRuntime().addShutdownHook(cleanup);
        }

        public int port() {
            return port;
        }

        /** Everything the server has printed so far. */
        public String output() {
            return out.text();
        }

        /** The lines printed so far that contain any of {@code texts}. */
        public List<String> lines(String... texts) {
            return matching(output(), texts);
        }

        public boolean isRunning() {
            return out.process.isAlive();
        }

        private void awaitAccept(int seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (out.buffer) {
                while (!out.buffer.toString(StandardCharsets.UTF_8).contains("ACCEPT")) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (!out.process.isAlive() && out.done) {
                        throw new IllegalStateException(show(command) + " ended before it was ready; it printed:\n" + output());
                    }
                    if (left <= 0) {
                        throw new IllegalStateException(show(command) + " did not print ACCEPT within " + seconds
                                + " s; it printed:\n" + output());
                    }
                    try {
                        out.buffer.wait(Math.min(left, 100));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for " + show(command));
                    }
                }
            }
        }

        @Override
        public void close() {
            stop(out.process);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }

        @Override
        public String toString() {
            return "openssl s_server on 127.0.0.1:" + port + (isRunning() ? " (running)" : " (stopped)");
        }
    }

    // ---- internals ----

    /** Collects a process's output (stderr merged into stdout) on a daemon thread. */
    private static final class Output {
        final Process process;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final Thread pump;
        volatile boolean done;

        Output(Process process) {
            this.process = process;
            this.pump = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (buffer) {
                            buffer.write(buf, 0, n);
                            buffer.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                } finally {
                    synchronized (buffer) {
                        done = true;
                        buffer.notifyAll();
                    }
                }
            }, "tlslab-peer-output");
            pump.setDaemon(true);
            pump.start();
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static Process start(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + show(command) + ": is " + command.get(0) + " installed? (" + e.getMessage() + ")", e);
        }
    }

    private static void stop(Process p) {
        if (!p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> matching(String output, String... texts) {
        return output.lines().map(String::trim)
                .filter(line -> Arrays.stream(texts).anyMatch(line::contains)).toList();
    }

    static String show(List<String> command) {
        return "`" + String.join(" ", command) + "`";
    }
}
