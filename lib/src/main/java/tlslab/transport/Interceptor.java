package tlslab.transport;

/**
 * Sits on the wire between client and server: sees each chunk one side writes (one TLS record per
 * write with this library) and may return different bytes. Man-in-the-middle for notebooks.
 */
@FunctionalInterface
public interface Interceptor {

    /** The bytes to deliver instead of {@code bytes} (return {@code bytes} to pass them on unchanged). */
    byte[] intercept(boolean fromClient, byte[] bytes);

    Interceptor NONE = (fromClient, bytes) -> bytes;
}
