package tlslab.grader;

import java.io.Closeable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tlslab.exercises.check.Exercise;

/**
 * The grader's side of one submission while its tests run: the objects tests get for each exercise
 * (proxies that forward every call to the student's code in a {@link ChildJvm}), the limits (time per
 * call, total time, two time-outs per exercise at most) and what the student's code printed.
 */
final class Session implements Closeable {
    static final int STRIKES = 2;

    private final Map<Exercise, ChildJvm.Settings> settings;
    private final Map<Exercise, String> notGradable;
    private final long callMillis;
    private final long budgetMillis;
    private final Map<Exercise, ChildJvm> children = new EnumMap<>(Exercise.class);
    private final Map<Exercise, Integer> strikes = new EnumMap<>(Exercise.class);
    private final Map<Exercise, String> violations = new EnumMap<>(Exercise.class);
    private final Set<Throwable> remote = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final StringBuilder output = new StringBuilder();
    private volatile long generation;
    private long usedNanos;
    private int calls;
    private int starts;
    private long startNanos;
    private Exercise current;

    Session(Map<Exercise, ChildJvm.Settings> settings, Map<Exercise, String> notGradable, long callMillis, long budgetMillis) {
        this.settings = settings;
        this.notGradable = notGradable;
        this.callMillis = callMillis;
        this.budgetMillis = budgetMillis;
    }

    /** A new test begins: objects handed out earlier stop working, output starts afresh. */
    synchronized void testStarted() {
        generation++;
        output.setLength(0);
    }

    synchronized String takeOutput() {
        String s = output.toString();
        output.setLength(0);
        return s;
    }

    /** Exercises whose runner broke the protocol, with what it did: they get 0 whatever their tests said. */
    synchronized Map<Exercise, String> violations() {
        return new EnumMap<>(violations);
    }

    /** Whether this exception came from the student's code (rather than from a test). */
    boolean isRemote(Throwable t) {
        return remote.contains(t);
    }

    synchronized String stats() {
        return calls + " calls, " + starts + " JVM starts (" + (starts == 0 ? 0 : startNanos / starts / 1_000_000)
                + " ms each), " + usedNanos / 1_000_000 + " ms in student code";
    }

    /** The object a test gets for exercise {@code e}. */
    Object proxy(Exercise e) {
        String problem = notGradable.get(e);
        if (problem != null) throw new StudentCodeError(problem);
        // Tests make their objects before JUnit reports them started; the first call binds the object to
        // the test that is running then, and a test abandoned after its time-out cannot call any more.
        long[] bound = {-1};
        InvocationHandler h = (proxy, method, args) -> {
            synchronized (bound) {
                if (bound[0] < 0) bound[0] = generation;
            }
            return invoke(e, bound[0], proxy, method, args == null ? new Object[0] : args);
        };
        return Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {e.api}, h);
    }

    private Object invoke(Exercise e, long gen, Object proxy, Method m, Object[] args) throws Throwable {
        if (m.getDeclaringClass() == Object.class) {
            return switch (m.getName()) {
                case "toString" -> "your " + shortName(e);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(m.getName());
            };
        }
        if (m.isDefault()) return InvocationHandler.invokeDefault(proxy, m, args);
        ChildJvm child;
        synchronized (this) {
            if (gen != generation) {
                throw new StudentCodeError("this test had already ended (it ran out of time)");
            }
            if (usedNanos / 1_000_000 > budgetMillis) {
                throw new StudentCodeError("not run: your code had used up the " + budgetMillis / 1000
                        + " s this submission may take in total");
            }
            if (violations.containsKey(e)) {
                throw new StudentCodeError("not run: " + violations.get(e));
            }
            if (strikes.getOrDefault(e, 0) >= STRIKES) {
                throw new StudentCodeError("not run: " + STRIKES + " earlier calls to exercise "
                        + e.number + " ran out of time (or its JVM would not start), so its remaining tests are not run");
            }
            if (current != e) {
                // one JVM per exercise, one at a time: an exercise cannot disturb another's state
                ChildJvm old = current == null ? null : children.remove(current);
                if (old != null) old.close();
                current = e;
            }
            child = children.computeIfAbsent(e, x -> new ChildJvm(settings.get(x)));
        }
        String[] types = new String[args.length];
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) types[i] = params[i].getName();
        Object[] copies = args.clone();   // values cross by copy anyway; the test keeps its own arrays
        boolean wasAlive = child.alive();
        long t0 = System.nanoTime();
        ChildJvm.Outcome outcome = child.call(e.implementation, e.api.getName(), m.getName(), types, copies, callMillis);
        long spent = System.nanoTime() - t0;
        synchronized (this) {
            calls++;
            if (!wasAlive) {
                starts++;
                startNanos += child.startMillis() * 1_000_000;
                spent -= child.startMillis() * 1_000_000;
            }
            usedNanos += Math.max(0, spent);
        }
        return answer(e, m, outcome);
    }

    private Object answer(Exercise e, Method m, ChildJvm.Outcome outcome) throws Throwable {
        String name = shortName(e) + "." + m.getName();
        if (outcome instanceof ChildJvm.Returned r) {
            addOutput(r.output());
            if (r.value() == null && m.getReturnType().isPrimitive()) {
                throw new StudentCodeError(name + " returned nothing");
            }
            return r.value();
        }
        if (outcome instanceof ChildJvm.Threw t) {
            addOutput(t.output());
            Throwable x = recreate(t);
            remote.add(x);
            throw x;
        }
        if (outcome instanceof ChildJvm.Failed f) {
            addOutput(f.output());
            throw new StudentCodeError(f.message());
        }
        if (outcome instanceof ChildJvm.Exited x) {
            addOutput(x.output());
            throw new StudentCodeError("your code called System.exit(" + x.status() + ") in " + name
                    + ": that ends the JVM running it. Throw an exception instead; never exit.");
        }
        if (outcome instanceof ChildJvm.TimedOut t) {
            strike(e);
            throw new StudentCodeError(name + " did not return within " + t.millis() / 1000.0
                    + " s, so it was stopped: an endless loop, or far too slow?");
        }
        if (outcome instanceof ChildJvm.Violated v) {
            String why = "the runner protocol was violated while running " + name + ": " + v.why() + ". Only the grader"
                    + " may write on the JVM's real standard output; exercise " + e.number + " gets 0";
            synchronized (this) {
                violations.putIfAbsent(e, why);
            }
            throw new StudentCodeError(why);
        }
        ChildJvm.Died d = (ChildJvm.Died) outcome;
        if (d.atStart()) strike(e);   // a crash is quick to detect; a JVM that will not start costs time
        throw new StudentCodeError("the JVM running your code stopped during " + name + ": " + d.why());
    }

    private synchronized void strike(Exercise e) {
        strikes.merge(e, 1, Integer::sum);
    }

    private synchronized void addOutput(String s) {
        if (s == null || s.isEmpty() || output.length() > 16_000) return;
        output.append(s);
        if (!s.endsWith("\n")) output.append('\n');
    }

    static String shortName(Exercise e) {
        return e.implementation.substring(e.implementation.lastIndexOf('.') + 1);
    }

    private static final Pattern FRAME = Pattern.compile("(?:.*/)?([\\w$.]+)\\.([\\w$<>]+)\\((?:([^:)]+)(?::(\\d+))?)?\\)");

    /**
     * The student's exception, as the same class if it is one of the JDK's runtime exceptions
     * (so a test expecting IllegalArgumentException sees one), else as a {@link RemoteException};
     * with the student's stack frames.
     */
    static Throwable recreate(ChildJvm.Threw t) {
        Throwable x = null;
        String message = t.message();
        if (t.className().startsWith("java.")) {
            try {
                Class<?> c = Class.forName(t.className(), false, ClassLoader.getPlatformClassLoader());
                // Errors (OutOfMemoryError, StackOverflowError…) stay remote: thrown here they would be about this JVM
                if (RuntimeException.class.isAssignableFrom(c)) {
                    Constructor<?> k = c.getConstructor(String.class);
                    x = (Throwable) k.newInstance(message);
                }
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not recreatable: RemoteException below
            }
        }
        if (x == null) x = new RemoteException(t.className(), message);
        if (!t.causes().isEmpty()) x.addSuppressed(new RemoteException("details", t.causes().strip()));
        StackTraceElement[] frames = new StackTraceElement[t.frames().size()];
        for (int i = 0; i < frames.length; i++) {
            Matcher mm = FRAME.matcher(t.frames().get(i));
            if (mm.matches()) {
                frames[i] = new StackTraceElement(mm.group(1), mm.group(2), mm.group(3),
                        mm.group(4) == null ? -1 : Integer.parseInt(mm.group(4)));
            } else {
                frames[i] = new StackTraceElement("?", t.frames().get(i), null, -1);
            }
        }
        x.setStackTrace(frames);
        return x;
    }

    @Override
    public synchronized void close() {
        for (ChildJvm c : children.values()) c.close();
        children.clear();
    }
}
