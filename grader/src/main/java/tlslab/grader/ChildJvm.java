package tlslab.grader;

import java.io.Closeable;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tlslab.grader.runner.Wire;

/**
 * One JVM running {@link tlslab.grader.runner.Runner} on a student's classes, inside the
 * {@link Sandbox}. Calls are synchronous; a call that runs past its time limit, or a JVM that dies
 * or writes garbage, ends with the JVM killed (with everything it started) and an outcome saying why.
 */
final class ChildJvm implements Closeable {

    sealed interface Outcome permits Returned, Threw, Failed, Exited, TimedOut, Died {
    }

    record Returned(Object value, String output) implements Outcome {
    }

    record Threw(String className, String message, List<String> frames, String causes, String output) implements Outcome {
    }

    /** The runner could not make the call (class missing, wrong interface, value that cannot be sent). */
    record Failed(String message, String output) implements Outcome {
    }

    record Exited(int status, String output) implements Outcome {
    }

    record TimedOut(long millis) implements Outcome {
    }

    /** The JVM died or broke the protocol; {@code atStart}: it could not even be started (that took time). */
    record Died(String why, boolean atStart) implements Outcome {
        Died(String why) {
            this(why, false);
        }
    }

    /** What every child of one submission shares. */
    record Settings(Sandbox sandbox, Path runnerDir, Path libDir, List<String> libJars, Path classesDir, Path scratch,
                    int memoryMb, long startMillis) {
    }

    /** What the reader thread queues when the JVM's output ends: why, or null at a clean end. */
    private record End(String reason) {
    }

    private static int counter;

    private final Settings settings;
    private Process process;
    private OutputStream requests;
    private BlockingQueue<Object> frames;
    private Path stderr;
    private long startedNanos;

    ChildJvm(Settings settings) {
        this.settings = settings;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Milliseconds the last start took (JVM up and runner ready), for the report. */
    long startMillis() {
        return startedNanos / 1_000_000;
    }

    private List<String> javaCommand(boolean sandboxed) {
        String runner = sandboxed ? Sandbox.RUNNER : settings.runnerDir.toString();
        String classes = sandboxed ? Sandbox.CLASSES : settings.classesDir.toString();
        String lib = sandboxed ? Sandbox.LIB : settings.libDir.toString();
        List<String> cp = new ArrayList<>(List.of(runner, classes));
        for (String jar : settings.libJars) cp.add(lib + "/" + jar);
        return new ArrayList<>(List.of(settings.sandbox.java().toString(),
                "-Xmx" + settings.memoryMb + "m", "-Xss1m", "-XX:MaxMetaspaceSize=128m", "-XX:MaxDirectMemorySize=32m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-XX:ActiveProcessorCount=1", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + (sandboxed ? "/tmp" : "."),
                "-cp", String.join(File.pathSeparator, cp), "tlslab.grader.runner.Runner"));
    }

    /** Starts the JVM and waits for the runner to say it is ready. */
    private Outcome start() {
        long t0 = System.nanoTime();
        int n;
        synchronized (ChildJvm.class) {
            n = ++counter;
        }
        try {
            boolean sandboxed = settings.sandbox.mode == Sandbox.Mode.NAMESPACES;
            Path dir = Files.createDirectories(settings.scratch.resolve("child-" + n));
            List<String> cmd;
            if (sandboxed) {
                Path root = Files.createDirectories(dir.resolve("root"));
                cmd = settings.sandbox.command(javaCommand(true), root, Map.of(Sandbox.RUNNER, settings.runnerDir,
                        Sandbox.LIB, settings.libDir, Sandbox.CLASSES, settings.classesDir));
            } else {
                cmd = settings.sandbox.command(javaCommand(false), null, Map.of());
                if (Files.isExecutable(Paths.get("/usr/bin/setsid"))) cmd.add(0, "/usr/bin/setsid");
            }
            Path work = Files.createDirectories(dir.resolve("work"));
            if (settings.sandbox.mode == Sandbox.Mode.USER) {
                Sandbox.openUp(dir, false);
                Files.setAttribute(work, "unix:uid", Sandbox.NOBODY);
                Files.setAttribute(work, "unix:gid", Sandbox.NOBODY);
            }
            stderr = dir.resolve("stderr.txt");
            if (Boolean.getBoolean("tlslab.debug")) System.err.println("tlslab grade: starting " + String.join(" ", cmd));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectError(stderr.toFile());
            pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG"));
            process = pb.start();
            requests = process.getOutputStream();
            frames = new LinkedBlockingQueue<>();
            InputStream in = process.getInputStream();
            BlockingQueue<Object> queue = frames;
            Thread reader = new Thread(() -> read(in, queue), "tlslab-child-" + n + "-reader");
            reader.setDaemon(true);
            reader.start();
            Object first = frames.poll(settings.startMillis, TimeUnit.MILLISECONDS);
            startedNanos = System.nanoTime() - t0;
            if (first instanceof byte[] payload && new Wire.In(payload).op() == Wire.READY) return null;
            String why = first == null ? "it did not start within " + settings.startMillis / 1000 + " s" : "it stopped at once";
            kill();
            return new Died("the JVM for your code could not be started: " + why + stderrTail(), true);
        } catch (IOException e) {
            kill();
            return new Died("the JVM for your code could not be started: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return new Died("interrupted");
        }
    }

    private void read(InputStream in, BlockingQueue<Object> queue) {
        String reason = null;
        try {
            while (true) queue.add(Wire.readFrame(in));
        } catch (EOFException e) {
            reason = null;
        } catch (IOException e) {
            reason = "it wrote something that is not an answer (" + e.getMessage()
                    + "): does your code write to the real standard output, or print from another thread?";
        } finally {
            queue.add(new End(reason));
        }
    }

    /** Runs one method of the student's object; starts the JVM first if needed. */
    synchronized Outcome call(String impl, String api, String method, String[] types, Object[] args, long timeoutMillis) {
        if (!alive()) {
            Outcome failed = start();
            if (failed != null) return failed;
        }
        byte[] request;
        try {
            Wire.Out out = new Wire.Out().op(Wire.CALL).string(impl).string(api).string(method).integer(types.length);
            for (String t : types) out.string(t);
            for (Object a : args) out.value(a);
            request = out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("grader: cannot send these arguments: " + e.getMessage(), e);
        }
        try {
            Wire.writeFrame(requests, request);
        } catch (IOException e) {
            return ended(null);
        }
        Object answer;
        try {
            answer = frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return new TimedOut(timeoutMillis);
        }
        if (answer == null) {
            kill();
            return new TimedOut(timeoutMillis);
        }
        if (answer instanceof End end) return ended(end.reason());
        try {
            Wire.In in = new Wire.In((byte[]) answer);
            byte op = in.op();
            switch (op) {
                case Wire.RETURNED:
                    return new Returned(in.value(), in.string());
                case Wire.THREW: {
                    String cls = in.string();
                    String msg = in.string();
                    int n = in.integer();
                    List<String> stack = new ArrayList<>();
                    for (int i = 0; i < n && i < 50; i++) stack.add(in.string());
                    return new Threw(cls, msg, stack, in.string(), in.string());
                }
                case Wire.FAILED:
                    return new Failed(in.string(), in.string());
                case Wire.EXITED: {
                    String output = in.string();
                    int status = exitStatus();
                    kill();
                    return new Exited(status, output);
                }
                default:
                    kill();
                    return new Died("it sent an unknown answer (" + op + ")");
            }
        } catch (IOException | RuntimeException e) {
            kill();
            return new Died("its answer could not be read (" + e.getMessage() + ")");
        }
    }

    /** The JVM ended or broke the protocol during a call. */
    private Outcome ended(String reason) {
        if (reason != null) {   // garbage on the protocol: the JVM is still running, no need to wait for it
            kill();
            return new Died(reason);
        }
        int status = exitStatus();
        kill();
        return new Died("it stopped" + (status == Integer.MIN_VALUE ? "" : " with exit code " + status)
                + describeStatus(status) + stderrTail());
    }

    static String describeStatus(int status) {
        if (status == 137 || status == -9) return " (killed: by the system, e.g. for using too much memory?)";
        if (status == 134) return " (aborted: a crash of the JVM)";
        if (status >= 0 && status < 128) return ": did your code call Runtime.halt, or System.exit from another thread?";
        return "";
    }

    private int exitStatus() {
        try {
            if (process != null && process.waitFor(3, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.MIN_VALUE;
    }

    private String stderrTail() {
        try {
            if (stderr == null || !Files.exists(stderr)) return "";
            byte[] all = Files.readAllBytes(stderr);
            if (all.length == 0) return "";
            int from = Math.max(0, all.length - 1500);
            return "\nits error output ends with:\n" + new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the JVM and everything it started. */
    synchronized void kill() {
        Process p = process;
        if (p == null) return;
        if (settings.sandbox.mode != Sandbox.Mode.NAMESPACES) {
            try {
                // the child leads its own process group (setsid): kill the whole group
                new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // fall through to the per-process kill
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            requests.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        kill();
        process = null;
    }
}
