package tlslab.crypto;

/** Which end of a connection: each has its own write keys, and reads with the other's. */
public enum Side {
    CLIENT, SERVER;

    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** "client" or "server", for messages. */
    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
