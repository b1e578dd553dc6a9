package tlslab.grader.runner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of the JVM that runs a student's code. It reads calls (implementation class,
 * interface, method, arguments) from stdin, runs them, and writes each outcome to stdout: the value
 * returned, or the exception thrown, plus whatever the code printed meanwhile. The student's
 * {@code System.out}/{@code System.err} go to a bounded buffer, never into the protocol stream.
 * If the code calls System.exit, a shutdown hook still reports it. Nothing here knows any test or
 * expected value: those stay in the grader's JVM.
 */
public final class Runner {
    private static final int MAX_OUTPUT = 8 * 1024;

    private static final Object lock = new Object();
    private static OutputStream protocol;
    private static volatile boolean inCall;
    private static volatile int seq;          // the request being answered; every answer carries it
    private static final Capture capture = new Capture();
    private static final Map<String, Object> instances = new HashMap<>();

    private Runner() {
    }

    public static void main(String[] args) throws Exception {
        protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        InputStream requests = new BufferedInputStream(System.in, 1 << 16);
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(Runner::onExit, "runner-exit"));
        send(new Wire.Out().op(Wire.READY, 0).string(Runtime.version().toString()).integer((int) ProcessHandle.current().pid()));
        while (true) {
            byte[] frame;
            try {
                frame = Wire.readFrame(requests, Wire.MAX_FRAME);
            } catch (EOFException e) {
                return;   // the grader closed the pipe: done
            }
            handle(new Wire.In(frame));
        }
    }

    private static void handle(Wire.In in) throws IOException {
        byte op = in.op();
        seq = in.seq();
        if (op != Wire.CALL) {
            send(failed("runner: unknown request " + op, ""));
            return;
        }
        String implName = in.string();
        String apiName = in.string();
        String methodName = in.string();
        int argc = in.integer();
        Class<?>[] types = new Class<?>[argc];
        Object[] args = new Object[argc];
        Method method;
        try {
            for (int i = 0; i < argc; i++) types[i] = Wire.typeOf(in.string());
            for (int i = 0; i < argc; i++) args[i] = in.value();
            method = Class.forName(apiName).getMethod(methodName, types);
        } catch (ReflectiveOperationException | IOException e) {
            send(failed("runner: bad request: " + e, ""));
            return;
        }
        capture.reset();
        inCall = true;
        Object result = null;
        Throwable thrown = null;
        String setup = null;
        try {
            result = method.invoke(instance(implName, apiName), args);
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } catch (SetupProblem e) {
            setup = e.getMessage();
        } catch (Throwable e) {    // e.g. OutOfMemoryError or a StackOverflowError in a static initializer
            thrown = e;
        }
        synchronized (lock) {
            inCall = false;
            String output = capture.text();
            try {
                if (setup != null) sendLocked(failed(setup, output));
                else if (thrown != null) sendLocked(describe(thrown).string(output));
                else sendLocked(new Wire.Out().op(Wire.RETURNED, seq).value(result).string(output));
            } catch (IOException e) {
                // the value cannot be sent (e.g. an unsupported type): say so instead
                sendLocked(failed(e.getMessage(), output));
            }
        }
    }

    private static Wire.Out failed(String why, String output) throws IOException {
        return new Wire.Out().op(Wire.FAILED, seq).string(why).string(output);
    }

    /** The student's object: one per class, made on first use. */
    private static Object instance(String implName, String apiName) throws Throwable {
        Object o = instances.get(implName);
        if (o != null) return o;
        Class<?> api = Class.forName(apiName);
        Class<?> impl;
        try {
            impl = Class.forName(implName);
        } catch (ClassNotFoundException e) {
            throw new SetupProblem("class " + implName + " is missing from your submission (renamed, moved, deleted,"
                    + " or it did not compile)");
        } catch (ExceptionInInitializerError e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
        if (!api.isAssignableFrom(impl)) {
            throw new SetupProblem("class " + implName + " does not implement " + apiName);
        }
        Constructor<?> c;
        try {
            c = impl.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new SetupProblem("class " + implName + " needs a public constructor without arguments");
        }
        c.setAccessible(true);
        try {
            o = c.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        instances.put(implName, o);
        return o;
    }

    private static final class SetupProblem extends Exception {
        SetupProblem(String message) {
            super(message);
        }
    }

    /** An exception as class name, message, the student's stack frames and its causes. */
    private static Wire.Out describe(Throwable t) throws IOException {
        Wire.Out out = new Wire.Out().op(Wire.THREW, seq).string(t.getClass().getName()).string(safeMessage(t));
        StackTraceElement[] all = t.getStackTrace();
        int n = 0;
        while (n < all.length && n < 15 && !internal(all[n])) n++;
        out.integer(n);
        for (int i = 0; i < n; i++) out.string(all[i].toString());
        StringBuilder causes = new StringBuilder();
        Throwable c = t.getCause();
        for (int depth = 0; c != null && c != t && depth < 5; depth++, c = c.getCause()) {
            causes.append("caused by: ").append(c.getClass().getName());
            String m = safeMessage(c);
            if (m != null) causes.append(": ").append(m);
            causes.append('\n');
        }
        return out.string(causes.toString());
    }

    private static String safeMessage(Throwable t) {
        try {
            String m = t.getMessage();
            return m == null || m.length() <= 4000 ? m : m.substring(0, m.offsetByCodePoints(0, m.codePointCount(0, 3999))) + "…";
        } catch (Throwable e) {
            return "(getMessage() itself threw " + e.getClass().getName() + ")";
        }
    }

    private static boolean internal(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.") || c.startsWith("tlslab.grader.runner.");
    }

    private static void onExit() {
        synchronized (lock) {
            if (!inCall) return;
            try {
                sendLocked(new Wire.Out().op(Wire.EXITED, seq).string(capture.text()));
            } catch (IOException ignored) {
                // the grader sees the process end anyway
            }
        }
    }

    private static void send(Wire.Out out) throws IOException {
        synchronized (lock) {
            sendLocked(out);
        }
    }

    private static void sendLocked(Wire.Out out) throws IOException {
        Wire.writeFrame(protocol, out.toByteArray());
    }

    /** Keeps the first MAX_OUTPUT bytes printed during a call and counts the rest. */
    private static final class Capture extends OutputStream {
        private final byte[] buf = new byte[MAX_OUTPUT];
        private int size;
        private long dropped;

        @Override
        public synchronized void write(int b) {
            if (size < buf.length) buf[size++] = (byte) b;
            else dropped++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int n = Math.max(0, Math.min(len, buf.length - size));
            System.arraycopy(b, off, buf, size, n);
            size += n;
            dropped += len - n;
        }

        synchronized void reset() {
            size = 0;
            dropped = 0;
        }

        synchronized String text() {
            String s = new String(buf, 0, size, StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n… (" + dropped + " more bytes not shown)";
        }
    }
}
