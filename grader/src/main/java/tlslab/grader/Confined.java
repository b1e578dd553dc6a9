package tlslab.grader;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import tlslab.grader.runner.Wire;

/**
 * A process started under a {@link Sandbox}: its stdin for the caller, its stdout read as
 * {@link Wire} frames by a thread, its stderr read by a thread that keeps only the last few KB (a
 * student cannot fill the grader's memory or disk with it), and a kill that ends everything it started.
 */
final class Confined {
    static final int STDERR_TAIL = 4096;

    /**
     * Starts every sandbox: bwrap's --die-with-parent fires when the thread that started it ends, and
     * tests run on threads that come and go.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tlslab-spawner");
        t.setDaemon(true);
        return t;
    });

    /** What the frame reader queues when the process's output ends: why, or null at a clean end. */
    record End(String reason) {
    }

    final Process process;
    private final Sandbox sandbox;
    private final BlockingQueue<Object> frames = new ArrayBlockingQueue<>(2);
    private final byte[] tail = new byte[STDERR_TAIL];
    private final Thread stderrReader;
    private long written;

    Confined(Sandbox sandbox, List<String> command, Path workDir) throws IOException {
        this.sandbox = sandbox;
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG"));
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        if (Boolean.getBoolean("tlslab.debug")) System.err.println("tlslab grade: starting " + String.join(" ", command));
        try {
            this.process = SPAWNER.submit(pb::start).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        daemon(() -> readFrames(process.getInputStream()), "tlslab-frames-" + process.pid());
        stderrReader = daemon(() -> drain(process.getErrorStream()), "tlslab-stderr-" + process.pid());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Queues each frame; more frames than were asked for, or anything that is not a frame, ends the reading. */
    private void readFrames(InputStream in) {
        String reason;
        try {
            while (frames.offer(Wire.readFrame(in, ChildJvm.MAX_ANSWER))) {
                // one answer per call: the caller takes it before the next may come
            }
            reason = "it sent answers nobody asked for";
        } catch (EOFException e) {
            reason = null;
        } catch (IOException e) {
            reason = "it wrote something that is not an answer (" + e.getMessage() + ")";
        }
        // At the end of the stream a last answer may still wait to be taken (the report of a
        // System.exit comes just before the process ends): keep it. Only a broken protocol drops it.
        if (reason != null) frames.clear();
        frames.offer(new End(reason));
    }

    /** The next frame (a byte[]), or an {@link End}; null if nothing came within {@code millis}. */
    Object nextFrame(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (tail) {
                    for (int i = 0; i < n; i++) tail[(int) (written++ % STDERR_TAIL)] = buf[i];
                }
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    /** How the process ended, for a report: its exit status and the end of what it wrote to stderr. */
    String ending() {
        int status = exitStatus(3_000);
        String err = stderrTail();
        return (status == Integer.MIN_VALUE ? "still running" : "exit status " + status) + (err.isEmpty() ? "" : "; it said: " + err);
    }

    /** The last bytes the process wrote to stderr (cleaned of control characters), or "". */
    String stderrTail() {
        if (!process.isAlive()) {
            try {
                stderrReader.join(1_000);   // what it wrote last may still be in the pipe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (tail) {
            int n = (int) Math.min(written, STDERR_TAIL);
            byte[] last = new byte[n];
            for (int i = 0; i < n; i++) last[i] = tail[(int) ((written - n + i) % STDERR_TAIL)];
            String s = Text.clean(new String(last, StandardCharsets.UTF_8)).strip();
            return written > STDERR_TAIL ? "…" + s : s;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status, waiting up to {@code millis}; Integer.MIN_VALUE if still running. */
    int exitStatus(long millis) {
        try {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.MIN_VALUE;
    }

    /** Kills the process and everything it started. */
    void kill() {
        if (sandbox.level == Sandbox.Level.NONE) {
            try {   // setsid made it a process group leader: kill the group
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // fall through to the per-process kill
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        // The sandboxed JVM first: bwrap, still alive, reaps it and exits, and we reap bwrap. Killing
        // bwrap first would orphan the JVM (--die-with-parent kills it), leaving a zombie that counts
        // against the slot uid's process limit until the system's init gets round to it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (sandbox.level == Sandbox.Level.USER) Sandbox.killAll(sandbox.uid());
        if (exitStatus(2_000) == Integer.MIN_VALUE) {
            process.destroyForcibly();
            exitStatus(5_000);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
