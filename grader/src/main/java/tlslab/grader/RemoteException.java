package tlslab.grader;

/**
 * An exception the student's code threw in the runner JVM whose class the grader does not recreate
 * (anything outside java.*, or a checked exception). Carries the original class name and stack.
 */
public final class RemoteException extends RuntimeException {
    public RemoteException(String remoteClass, String message) {
        super(remoteClass + (message == null ? "" : ": " + message));
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
