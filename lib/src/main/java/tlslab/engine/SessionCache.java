package tlslab.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import tlslab.wire.Hex;

/** A server's sessions by ID, least recently used dropped first. */
public final class SessionCache {
    private final int capacity;
    private final Map<String, Session> sessions;

    public SessionCache() {
        this(1000);
    }

    public SessionCache(int capacity) {
        this.capacity = capacity;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    public synchronized void put(Session s) {
        sessions.put(Hex.of(s.id()), s);
        if (sessions.size() > capacity) {
            sessions.remove(sessions.keySet().iterator().next());
        }
    }

    public synchronized Session get(byte[] id) {
        return id.length == 0 ? null : sessions.get(Hex.of(id));
    }

    public synchronized int size() {
        return sessions.size();
    }
}
