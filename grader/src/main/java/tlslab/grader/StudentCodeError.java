package tlslab.grader;

/**
 * Thrown into a test when the student's code could not give an answer at all: it did not compile,
 * broke a rule, ran out of time or memory, ended its JVM, or the grader had to stop it. The message
 * is written for the student. An Error, so that a test's {@code catch (Exception e)} cannot swallow it.
 */
public final class StudentCodeError extends Error {
    public StudentCodeError(String message) {
        super(message, null, false, false);
    }
}
