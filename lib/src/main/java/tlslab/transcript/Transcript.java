package tlslab.transcript;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import tlslab.crypto.KeyExchange;
import tlslab.handshake.HandshakeMessage;
import tlslab.handshake.ServerHello;
import tlslab.record.Record;

/**
 * Every message of one connection in order, as one endpoint saw it (sent and received), plus the
 * records that carried them. Listeners see each entry as it happens (the CLI prints them live).
 */
public final class Transcript {
    /** Records (and entries) kept at most, so a long-lived connection doesn't grow without bound. */
    public static final int MAX_RECORDS = 1000;

    private final boolean client;
    private final Clock clock;
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordEntry> records = Collections.synchronizedList(new ArrayList<>());
    private final List<Consumer<Entry>> listeners = new ArrayList<>();

    /** A record on the wire, in the direction it went. */
    public record RecordEntry(Direction direction, Record record) {
    }

    /** {@code client}: whether this endpoint is the client (it decides the direction of sent messages). */
    public Transcript(boolean client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void onEntry(Consumer<Entry> listener) {
        listeners.add(listener);
    }

    public void handshake(boolean sent, HandshakeMessage m, byte[] bytes, KeyExchange kx, boolean encrypted) {
        handshake(sent, m, bytes, kx, encrypted, false);
    }

    /** A handshake message; {@code tls13} says it has TLS 1.3's layout (for its field breakdown). */
    public void handshake(boolean sent, HandshakeMessage m, byte[] bytes, KeyExchange kx, boolean encrypted, boolean tls13) {
        String name = m instanceof ServerHello sh && sh.isHelloRetryRequest() ? "HelloRetryRequest" : m.type().rfcName;
        add(new Entry(direction(sent), name, bytes, m, kx, encrypted, clock.instant(), tls13));
    }

    public void other(boolean sent, String name, byte[] bytes, boolean encrypted) {
        add(new Entry(direction(sent), name, bytes, null, null, encrypted, clock.instant(), false));
    }

    public void record(boolean sent, Record r) {
        if (records.size() < MAX_RECORDS) records.add(new RecordEntry(direction(sent), r));
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public List<RecordEntry> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Message names in order, e.g. [ClientHello, ServerHello, …]. */
    public List<String> names() {
        return entries().stream().map(Entry::name).toList();
    }

    /** The first entry with this name, or null. */
    public Entry find(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private Direction direction(boolean sent) {
        return sent == client ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    private void add(Entry e) {
        if (entries.size() < MAX_RECORDS) entries.add(e);
        for (Consumer<Entry> l : listeners) l.accept(e);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries()) sb.append(e).append('\n');
        return sb.toString();
    }
}
