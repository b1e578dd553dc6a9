package tlslab.exercises.check;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;

/**
 * Where tests get the implementation of an exercise. By default: a new instance of the exercise's
 * class from {@code src/main/java}. A notebook's check cell passes an object of its own
 * ({@link Check}); the grader installs a provider whose objects forward every call to the student's
 * code in another JVM. Tests never name the implementation class, so they compile without it.
 * The provider belongs to a thread (and the threads it starts, such as JUnit's time-out threads), so
 * that a grader can grade several submissions at once, each on its own thread.
 */
public final class Impl {
    private static final InheritableThreadLocal<Function<Exercise, Object>> provider = new InheritableThreadLocal<>();
    private static final Map<Exercise, Object> overrides = new ConcurrentHashMap<>();

    private Impl() {
    }

    /** The implementation of the exercise whose interface is {@code api}. */
    public static <T> T of(Class<T> api) {
        Exercise e = Exercise.of(api);
        Object o = overrides.get(e);
        Function<Exercise, Object> p = provider.get();
        if (o == null && p != null) o = p.apply(e);
        if (o == null) o = local(e);
        return api.cast(o);
    }

    /**
     * For the grader: on this thread (and threads it starts from now on) every exercise's object comes
     * from {@code p} (null: back to the default).
     */
    public static void useProvider(Function<Exercise, Object> p) {
        if (p == null) provider.remove();
        else provider.set(p);
    }

    /** For check cells: tests of {@code e} use {@code impl} until {@link #clear}. */
    public static void override(Exercise e, Object impl) {
        if (!e.api.isInstance(impl)) {
            throw new IllegalArgumentException("exercise " + e.number + " needs an object implementing " + e.api.getName()
                    + ", not " + impl.getClass().getName());
        }
        overrides.put(e, impl);
    }

    public static void clear(Exercise e) {
        overrides.remove(e);
    }

    private static Object local(Exercise e) {
        try {
            Class<?> c = Class.forName(e.implementation);
            if (!e.api.isAssignableFrom(c)) {
                throw new AssertionFailedError(e.implementation + " must implement " + e.api.getName());
            }
            return c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException x) {
            throw new AssertionFailedError("class " + e.implementation + " not found: keep the class of exercise "
                    + e.number + " under that name and package");
        } catch (NoSuchMethodException x) {
            throw new AssertionFailedError(e.implementation + " needs a public constructor without arguments");
        } catch (InvocationTargetException x) {
            throw new AssertionFailedError("the constructor of " + e.implementation + " threw " + x.getCause(), x.getCause());
        } catch (ReflectiveOperationException x) {
            throw new AssertionFailedError("cannot create " + e.implementation + ": " + x, x);
        }
    }
}
