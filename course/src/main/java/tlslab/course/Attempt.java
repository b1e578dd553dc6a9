package tlslab.course;

import tlslab.alert.TlsException;

/**
 * Runs a step a student may break and shows what went wrong as one clear line instead of a stack
 * trace: {@code Attempt.run(() -> lab.handshake(...))}.
 */
public final class Attempt {
    private Attempt() {
    }

    @FunctionalInterface
    public interface Step<T> {
        T run() throws Exception;
    }

    /** The step's result, or a View saying why it failed (the library's message and the TLS alert). */
    public static Object run(Step<?> step) {
        try {
            Object result = step.run();
            return result == null ? ok("done") : result;
        } catch (TlsException e) {
            return failed("TLS alert " + e.alert().rfcName() + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return failed(e.getMessage());
        } catch (Exception e) {
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static View ok(String what) {
        return View.message("✓", what);
    }

    public static View failed(String why) {
        return View.message("✗ failed:", why);
    }
}
