package tlslab.transcript;

/** Which way a message went. */
public enum Direction {
    CLIENT_TO_SERVER("client → server"),
    SERVER_TO_CLIENT("server → client");

    public final String arrow;

    Direction(String arrow) {
        this.arrow = arrow;
    }
}
