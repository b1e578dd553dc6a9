package tlslab.engine;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server's TLS 1.2 sessions by ID and TLS 1.3 tickets, least recently used dropped first. The keys
 * are ByteBuffers over copies of the bytes: they compare and hash by content, as byte[] does not.
 */
public final class SessionCache {
    private final int capacity;
    private final Map<ByteBuffer, Session> sessions;
    private final Map<ByteBuffer, Tls13Ticket> tickets = new LinkedHashMap<>(16, 0.75f, true);

    public SessionCache() {
        this(1000);
    }

    public SessionCache(int capacity) {
        this.capacity = capacity;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    public synchronized void put(Session s) {
        sessions.put(key(s.id()), s);
        if (sessions.size() > capacity) {
            sessions.remove(sessions.keySet().iterator().next());
        }
    }

    /** A TLS 1.3 ticket this server issued, under the ticket's bytes. */
    public synchronized void put(Tls13Ticket t) {
        tickets.put(key(t.ticket()), t);
        if (tickets.size() > capacity) tickets.remove(tickets.keySet().iterator().next());
    }

    public synchronized Tls13Ticket ticket(byte[] ticket) {
        return tickets.get(key(ticket));
    }

    public synchronized Session get(byte[] id) {
        return id.length == 0 ? null : sessions.get(key(id));
    }

    public synchronized int size() {
        return sessions.size();
    }

    private static ByteBuffer key(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }
}
