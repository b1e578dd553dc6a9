package tlslab.course;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.Table;
import tlslab.handshake.HandshakeType;
import tlslab.record.ContentType;
import tlslab.record.Record;
import tlslab.transcript.Direction;
import tlslab.transcript.Entry;
import tlslab.transcript.Transcript;

/**
 * Two runs next to each other (a TLS 1.2 and a TLS 1.3 handshake, say) and what an eavesdropper
 * sees of each record: the tables notebook 09 shows.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** A flight: consecutive handshake-phase messages in one direction. */
    public record Flight(Direction direction, List<Entry> entries) {
    }

    /** The handshake's messages grouped into flights (application data, alerts and later messages left out). */
    public static List<Flight> flights(Transcript t) {
        List<Flight> out = new ArrayList<>();
        for (Entry e : t.entries()) {
            if (!handshakePhase(e)) continue;
            if (out.isEmpty() || out.get(out.size() - 1).direction() != e.direction()) {
                out.add(new Flight(e.direction(), new ArrayList<>()));
            }
            out.get(out.size() - 1).entries().add(e);
        }
        return out;
    }

    /**
     * Round trips before the client may send application data: one per flight the server sends in
     * the handshake, since each answers a client flight and the client waits for it.
     */
    public static int roundTrips(Transcript t) {
        return (int) flights(t).stream().filter(f -> f.direction() == Direction.SERVER_TO_CLIENT).count();
    }

    /** Both handshakes flight by flight, each message with its size and whether it crossed in clear. */
    public static Table messages(String leftTitle, Transcript left, String rightTitle, Transcript right) {
        List<Flight> l = flights(left), r = flights(right);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            Flight a = i < l.size() ? l.get(i) : null, b = i < r.size() ? r.get(i) : null;
            int n = Math.max(a == null ? 0 : a.entries().size(), b == null ? 0 : b.entries().size());
            for (int j = 0; j < n; j++) {
                String flight = j > 0 ? "" : (i + 1) + " " + (a != null ? a.direction() : b.direction()).arrow;
                rows.add(new String[] {flight, cell(a, j), cell(b, j)});
            }
        }
        rows.add(new String[] {"round trips before the client may send data", String.valueOf(roundTrips(left)),
                String.valueOf(roundTrips(right))});
        rows.add(new String[] {"handshake message bytes in clear / encrypted", bytes(left), bytes(right)});
        return Tables.rows("the handshake, flight by flight", List.of("flight", leftTitle, rightTitle), rows);
    }

    /**
     * Every record of a run as an eavesdropper sees it (the 5-byte header and, for records sent in
     * clear, the content) next to what only the endpoints know (the real content type and message).
     */
    public static Table wire(String title, Transcript t) {
        List<String[]> rows = new ArrayList<>();
        int i = 1;
        for (Transcript.RecordEntry re : t.records()) {
            Record r = re.record();
            byte[] w = r.wire();
            ContentType outer = ContentType.of(w[0] & 0xff);
            String says = outer == null ? String.valueOf(w[0] & 0xff) : outer.rfcName() + " (" + outer.code + ")";
            String inside = inside(r);
            String reads = r.encrypted() ? "header and length only (" + (w.length - 5) + " bytes of ciphertext)"
                    : "everything: " + inside;
            rows.add(new String[] {String.valueOf(i++), re.direction().arrow, says, reads, inside});
        }
        return Tables.rows(title, List.of("#", "direction", "header says", "an eavesdropper reads", "inside (the endpoints)"), rows);
    }

    /** Where {@code text} (ASCII) appears in clear on the wire: record number, direction, what carried it. */
    public static List<String> inClear(Transcript t, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        List<String> out = new ArrayList<>();
        int i = 1;
        for (Transcript.RecordEntry re : t.records()) {
            byte[] w = re.record().wire();
            int count = 0;
            for (int at = 0; at + needle.length <= w.length; at++) {
                if (java.util.Arrays.equals(w, at, at + needle.length, needle, 0, needle.length)) count++;
            }
            if (count > 0) out.add("record " + i + " (" + re.direction().arrow + ", " + inside(re.record()) + "): " + count + "×");
            i++;
        }
        return out;
    }

    /** The record's content: for handshake records every message it carries (a TLS 1.3 flight shares one record). */
    private static String inside(Record r) {
        byte[] p = r.plaintext();
        if (r.type() == ContentType.HANDSHAKE && p != null && p.length > 0) {
            List<String> names = new ArrayList<>();
            for (int at = 0; at + 4 <= p.length; at += 4 + (((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff))) {
                HandshakeType h = HandshakeType.of(p[at] & 0xff);
                names.add(h == null ? "handshake" : h.rfcName);
            }
            return String.join(", ", names);
        }
        if (r.type() == ContentType.CHANGE_CIPHER_SPEC) return "ChangeCipherSpec";
        return r.type().rfcName();
    }

    private static boolean handshakePhase(Entry e) {
        if (e.message() != null) {
            return !(e.name().equals("NewSessionTicket") || e.name().equals("KeyUpdate") || e.name().equals("HelloRequest"));
        }
        return e.name().startsWith("ChangeCipherSpec");
    }

    private static String cell(Flight f, int j) {
        if (f == null || j >= f.entries().size()) return "";
        Entry e = f.entries().get(j);
        return e.name() + " (" + e.bytes().length + " B, " + (e.encrypted() ? "encrypted" : "clear") + ")";
    }

    private static String bytes(Transcript t) {
        int clear = 0, enc = 0;
        for (Flight f : flights(t)) {
            for (Entry e : f.entries()) {
                if (e.encrypted()) enc += e.bytes().length;
                else clear += e.bytes().length;
            }
        }
        return clear + " / " + enc;
    }
}
