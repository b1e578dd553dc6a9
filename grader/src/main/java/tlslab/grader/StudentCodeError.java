package tlslab.grader;

/**
 * Thrown into a test when the student's code could not give an answer at all: it did not compile,
 * broke a rule, ran out of time or memory, ended its JVM, or the grader had to stop it. The message
 * is written for the student. An Error, so that a test's {@code catch (Exception e)} cannot swallow it.
 */
public final class StudentCodeError extends Error {
    public enum Kind { NOT_COMPILED, RULE, TIMEOUT, EXIT, CRASH, BUDGET, SETUP, PROTOCOL }

    private final Kind kind;

    public StudentCodeError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
