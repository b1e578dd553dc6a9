package tlslab.grader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tlslab.grader.runner.Wire;

/**
 * One JVM running {@link tlslab.grader.runner.Runner} on a student's classes, inside the
 * {@link Sandbox}. Calls are synchronous and numbered; an answer must carry its call's number,
 * fit in {@link #MAX_ANSWER} bytes and come alone. A call that runs past its time limit, or a JVM
 * that dies or breaks the protocol, ends with the JVM killed (with everything it started) and an
 * outcome saying why.
 */
final class ChildJvm implements AutoCloseable {
    /** The biggest answer accepted; the exercises' values are a few KB at most. */
    static final int MAX_ANSWER = 1 << 20;
    static final int MAX_MESSAGE = 4000, MAX_FRAMES = 15;

    sealed interface Outcome permits Returned, Threw, Failed, Exited, TimedOut, Died, Violated {
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

    /** The JVM died; {@code atStart}: it could not even be started (that took time). */
    record Died(String why, boolean atStart) implements Outcome {
    }

    /** Something other than the answer to this call came back: the runner protocol was broken. */
    record Violated(String why) implements Outcome {
    }

    /** What every child of one submission's exercise shares. */
    record Settings(Sandbox sandbox, Path runnerDir, Path libDir, List<String> libJars, Path classesDir, Path scratch,
                    int memoryMb, long startMillis, long cpuSeconds) {
    }

    private static final AtomicInteger counter = new AtomicInteger();

    private final Settings settings;
    private Confined process;
    private OutputStream requests;
    private int seq;
    private long startedNanos;

    ChildJvm(Settings settings) {
        this.settings = settings;
    }

    boolean alive() {
        return process != null && process.alive();
    }

    /** Milliseconds the last start took (JVM up and runner ready), for the report. */
    long startMillis() {
        return startedNanos / 1_000_000;
    }

    /** {@code java} with the options of every sandboxed JVM, then {@code args}. */
    static List<String> javaCommand(Sandbox sb, int heapMb, String... args) {
        List<String> cmd = new ArrayList<>(List.of(sb.java().toString()));
        // the JVM's own warnings (e.g. "Failed to start thread") go to stderr: stdout is the protocol
        cmd.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-Xmx" + heapMb + "m",
                "-Xss1m", "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxDirectMemorySize=32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:-UsePerfData", "-Xshare:auto", "-XX:ActiveProcessorCount=1", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=/tmp"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Address space for a JVM with this heap: the heap, metaspace, code cache, thread stacks and the JDK's own mappings. */
    static int addressSpaceMb(int heapMb) {
        return heapMb + 900;
    }

    /** Starts the JVM and waits for the runner to say it is ready. */
    private Outcome start() {
        long t0 = System.nanoTime();
        Sandbox sb = settings.sandbox;
        try {
            Path work = Files.createDirectories(settings.scratch.resolve("child-" + counter.incrementAndGet()));
            sb.handOver(work);
            List<String> cp = new ArrayList<>(List.of(sb.path("/box/runner", settings.runnerDir), sb.path("/box/classes", settings.classesDir)));
            for (String jar : settings.libJars) cp.add(sb.path("/box/lib", settings.libDir) + "/" + jar);
            List<String> java = javaCommand(sb, settings.memoryMb, "-cp", String.join(":", cp), "tlslab.grader.runner.Runner");
            List<String> cmd = sb.command(java, Map.of("/box/runner", settings.runnerDir, "/box/lib", settings.libDir,
                    "/box/classes", settings.classesDir), Map.of(),
                    new Sandbox.Limits(addressSpaceMb(settings.memoryMb), 128, settings.cpuSeconds, 16, 256));
            process = new Confined(sb, cmd, work);
            requests = process.process.getOutputStream();
            seq = 0;
            Object first = process.nextFrame(settings.startMillis);
            startedNanos = System.nanoTime() - t0;
            if (first instanceof byte[] payload) {
                Wire.In hello = new Wire.In(payload);
                if (hello.op() == Wire.READY && hello.seq() == 0) return null;
            }
            String why = first == null ? "it did not start within " + settings.startMillis / 1000 + " s" : "it stopped at once";
            String err = process.stderrTail();
            kill();
            return new Died("the JVM for your code could not be started: " + why + (err.isEmpty() ? "" : "\n" + err), true);
        } catch (IOException e) {
            kill();
            return new Died("the JVM for your code could not be started: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return new Died("interrupted", false);
        }
    }

    /** Runs one method of the student's object; starts the JVM first if needed. */
    synchronized Outcome call(String impl, String api, String method, String[] types, Object[] args, long timeoutMillis) {
        if (!alive()) {
            Outcome failed = start();
            if (failed != null) return failed;
        }
        int n = ++seq;
        byte[] request;
        try {
            Wire.Out out = new Wire.Out().op(Wire.CALL, n).string(impl).string(api).string(method).integer(types.length);
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
        Object answer = null;
        try {
            answer = process.nextFrame(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (answer == null) {
            kill();
            return new TimedOut(timeoutMillis);
        }
        if (answer instanceof Confined.End end) return ended(end.reason());
        try {
            Wire.In in = new Wire.In((byte[]) answer);
            byte op = in.op();
            int answered = in.seq();
            if (answered != n) {
                kill();
                return new Violated("an answer to call " + answered + " came back to call " + n);
            }
            return switch (op) {
                case Wire.RETURNED -> new Returned(in.value(), output(in.string()));
                case Wire.THREW -> {
                    String cls = Text.cut(Text.clean(in.string()), 200);
                    String msg = message(in.string());
                    int count = in.integer();
                    if (count < 0 || count > MAX_FRAMES) throw new IOException(count + " stack frames");
                    List<String> stack = new ArrayList<>();
                    for (int i = 0; i < count; i++) stack.add(Text.cut(Text.clean(in.string()), 300));
                    yield new Threw(cls, msg, stack, message(in.string()), output(in.string()));
                }
                case Wire.FAILED -> new Failed(message(in.string()), output(in.string()));
                case Wire.EXITED -> {
                    String output = output(in.string());
                    int status = process.exitStatus(3_000);
                    kill();
                    yield new Exited(status, output);
                }
                default -> {
                    kill();
                    yield new Violated("it sent an answer of unknown kind " + op);
                }
            };
        } catch (IOException | RuntimeException e) {
            kill();
            return new Violated("its answer could not be read (" + e.getMessage() + ")");
        }
    }

    private static String message(String s) {
        return s == null ? null : Text.cut(Text.clean(s), MAX_MESSAGE);
    }

    private static String output(String s) {
        return s == null ? "" : Text.cut(Text.clean(s), 9_000);
    }

    /** The JVM ended or broke the protocol during a call. */
    private Outcome ended(String reason) {
        if (reason != null) {
            kill();
            return new Violated(reason);
        }
        int status = process.exitStatus(3_000);
        String err = process.stderrTail();
        kill();
        return new Died("it stopped" + (status == Integer.MIN_VALUE ? "" : " with exit code " + status) + describeStatus(status)
                + (err.isEmpty() ? "" : "\nits error output ends with:\n" + err), false);
    }

    static String describeStatus(int status) {
        if (status == 137 || status == -9) return " (killed: by the system, e.g. for using too much memory?)";
        if (status == 134) return " (aborted: a crash of the JVM, e.g. out of memory outside the heap)";
        if (status == 152) return " (its CPU time limit was reached)";
        if (status >= 0 && status < 128) return ": did your code call Runtime.halt, or System.exit from another thread?";
        return "";
    }

    /** Kills the JVM and everything it started. */
    synchronized void kill() {
        if (process != null) process.kill();
    }

    @Override
    public void close() {
        kill();
        process = null;
    }
}
