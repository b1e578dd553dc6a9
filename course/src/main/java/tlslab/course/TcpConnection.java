package tlslab.course;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.Table;
import tlslab.course.Pcap.Packet;
import tlslab.handshake.HandshakeType;
import tlslab.record.ContentType;
import tlslab.transcript.Direction;
import tlslab.transcript.Transcript;
import tlslab.wire.Hex;

/**
 * One TCP connection from a capture: who opened it, its packets, their sequence and acknowledgement
 * numbers relative to each side's initial sequence number (as Wireshark shows them), and the TLS
 * records the two byte streams carry, each with the segments it travelled in.
 */
public final class TcpConnection {
    private final String client, server;
    private final List<Packet> packets = new ArrayList<>();
    private final long clientIsn;
    private Long serverIsn;

    /** A TLS record found in one direction's byte stream. */
    public record TlsRecord(Direction direction, int type, int version, byte[] wire, int firstPacket, int lastPacket, boolean encrypted) {
        /** What the record holds, e.g. "handshake: ServerHello, Certificate" or "application_data (encrypted)". */
        public String describe() {
            ContentType t = ContentType.of(type);
            String name = t == null ? "type " + type : t.rfcName();
            if (encrypted) return name + (t == ContentType.HANDSHAKE ? ": encrypted (Finished)" : ": encrypted");
            if (t == ContentType.HANDSHAKE) return name + ": " + String.join(", ", messages());
            if (t == ContentType.CHANGE_CIPHER_SPEC) return name;
            if (t == ContentType.ALERT && wire.length >= 7) return name + " " + Hex.of(wire, 5, 7);
            return name;
        }

        /** Names of the clear handshake messages in the record (a record may hold several). */
        public List<String> messages() {
            List<String> out = new ArrayList<>();
            int i = 5;
            while (i + 4 <= wire.length) {
                HandshakeType h = HandshakeType.of(wire[i] & 0xff);
                out.add(h == null ? "type " + (wire[i] & 0xff) : h.rfcName);
                i += 4 + (((wire[i + 1] & 0xff) << 16) | ((wire[i + 2] & 0xff) << 8) | (wire[i + 3] & 0xff));
            }
            return out;
        }
    }

    TcpConnection(Pcap pcap, Packet syn) {
        this.client = syn.source();
        this.server = syn.destination();
        this.clientIsn = syn.seq();
        for (Packet p : pcap.packets()) {
            boolean out = p.source().equals(client) && p.destination().equals(server);
            boolean in = p.source().equals(server) && p.destination().equals(client);
            if (!out && !in) continue;
            if (in && p.has(Pcap.SYN) && serverIsn == null) serverIsn = p.seq();
            packets.add(p);
        }
    }

    public String client() {
        return client;
    }

    public String server() {
        return server;
    }

    public List<Packet> packets() {
        return packets;
    }

    public Direction direction(Packet p) {
        return p.source().equals(client) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    }

    public long clientIsn() {
        return clientIsn;
    }

    public long serverIsn() {
        if (serverIsn == null) throw new IllegalStateException("the server never answered the SYN");
        return serverIsn;
    }

    /** Sequence number relative to the sender's initial sequence number (its SYN is 0). */
    public long relativeSeq(Packet p) {
        return (p.seq() - isnOf(direction(p))) & 0xffffffffL;
    }

    /** Acknowledgement number relative to the receiver's initial sequence number; -1 when the ACK flag is off. */
    public long relativeAck(Packet p) {
        if (!p.has(Pcap.ACK)) return -1;
        Direction other = direction(p) == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
        return (p.ack() - isnOf(other)) & 0xffffffffL;
    }

    private long isnOf(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientIsn : serverIsn();
    }

    /**
     * Whether the first three packets are the three-way handshake: SYN (seq x), SYN-ACK (seq y, ack x+1),
     * ACK (seq x+1, ack y+1) — checked on the absolute numbers.
     */
    public boolean threeWayHandshake() {
        if (packets.size() < 3 || serverIsn == null) return false;
        Packet a = packets.get(0), b = packets.get(1), c = packets.get(2);
        return a.flags() == Pcap.SYN && direction(a) == Direction.CLIENT_TO_SERVER
                && b.flags() == (Pcap.SYN | Pcap.ACK) && direction(b) == Direction.SERVER_TO_CLIENT && b.ack() == ((a.seq() + 1) & 0xffffffffL)
                && c.flags() == Pcap.ACK && direction(c) == Direction.CLIENT_TO_SERVER
                && c.seq() == ((a.seq() + 1) & 0xffffffffL) && c.ack() == ((b.seq() + 1) & 0xffffffffL) && c.payload().length == 0;
    }

    /**
     * One direction's byte stream: the payloads in sequence order, each byte once (a retransmitted
     * segment is not counted twice). Gaps (bytes the capture missed) are an error.
     */
    public byte[] stream(Direction d) {
        return reassemble(d, null);
    }

    private byte[] reassemble(Direction d, List<int[]> owners) {
        List<Packet> mine = packets.stream().filter(p -> direction(p) == d && p.payload().length > 0)
                .sorted((x, y) -> Long.compare(relativeSeq(x), relativeSeq(y))).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 1;   // the SYN took sequence number 0
        for (Packet p : mine) {
            long start = relativeSeq(p);
            if (start > next) throw new IllegalStateException(d.arrow + ": bytes " + next + "–" + (start - 1) + " were not captured");
            int skip = (int) (next - start);
            if (skip >= p.payload().length) continue;   // a retransmission of bytes we have
            out.write(p.payload(), skip, p.payload().length - skip);
            if (owners != null) owners.add(new int[] {out.size(), p.number()});
            next = start + p.payload().length;
        }
        return out.toByteArray();
    }

    /** The TLS records of both directions, in the order their last byte was captured. */
    public List<TlsRecord> tlsRecords() {
        List<TlsRecord> all = new ArrayList<>();
        for (Direction d : Direction.values()) {
            List<int[]> owners = new ArrayList<>();   // {stream offset the packet ends at, packet number}
            byte[] s = reassemble(d, owners);
            int i = 0;
            boolean encrypted = false;
            while (i + 5 <= s.length) {
                int len = ((s[i + 3] & 0xff) << 8) | (s[i + 4] & 0xff);
                if (i + 5 + len > s.length) break;   // cut off at the end of the capture
                byte[] wire = java.util.Arrays.copyOfRange(s, i, i + 5 + len);
                int type = wire[0] & 0xff;
                all.add(new TlsRecord(d, type, ((wire[1] & 0xff) << 8) | (wire[2] & 0xff), wire,
                        packetAt(owners, i), packetAt(owners, i + 5 + len - 1), encrypted));
                if (type == ContentType.CHANGE_CIPHER_SPEC.code) encrypted = true;   // this sender's next records are protected
                i += 5 + len;
            }
        }
        all.sort((a, b) -> a.lastPacket() != b.lastPacket() ? Integer.compare(a.lastPacket(), b.lastPacket())
                : a.direction().compareTo(b.direction()));
        return all;
    }

    private static int packetAt(List<int[]> owners, int offset) {
        for (int[] o : owners) if (offset < o[0]) return o[1];
        throw new IllegalStateException("offset " + offset + " beyond the stream");
    }

    /** Whether one direction's captured TLS bytes are exactly the records a transcript kept for it. */
    public boolean sameBytesAs(Transcript t, Direction d) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Transcript.RecordEntry r : t.records()) if (r.direction() == d) expected.writeBytes(r.record().wire());
        return java.util.Arrays.equals(stream(d), expected.toByteArray());
    }

    /** Per direction: the TLS bytes in the captured TCP payloads against the records a transcript kept. */
    public Table compareWith(Transcript t, String whose) {
        List<String[]> rows = new ArrayList<>();
        for (Direction d : Direction.values()) {
            int kept = t.records().stream().filter(r -> r.direction() == d).mapToInt(r -> r.record().wire().length).sum();
            rows.add(new String[] {d.arrow, stream(d).length + " bytes", kept + " bytes", sameBytesAs(t, d) ? "✓ same bytes" : "✗ different"});
        }
        return Tables.rows("captured TCP payloads vs " + whose, List.of("direction", "TCP payloads, reassembled", "TLS records " + whose, "compared"), rows);
    }

    /** The packets as a table: number, time, direction, flags, relative seq and ack, payload, and the TLS records that end in it. */
    public Table table(int limit) {
        List<TlsRecord> records = tlsRecords();
        long t0 = packets.isEmpty() ? 0 : packets.get(0).timeMicros();
        List<String[]> rows = new ArrayList<>();
        for (Packet p : packets.subList(0, Math.min(limit, packets.size()))) {
            List<String> inside = new ArrayList<>();
            for (TlsRecord r : records) {
                if (r.lastPacket() == p.number()) inside.add(r.describe() + (r.firstPacket() != r.lastPacket() ? " (from packet " + r.firstPacket() + ")" : ""));
            }
            long ack = relativeAck(p);
            rows.add(new String[] {String.valueOf(p.number()), String.format("%.3f", (p.timeMicros() - t0) / 1000.0),
                    direction(p).arrow, p.flagNames(), String.valueOf(relativeSeq(p)), ack < 0 ? "–" : String.valueOf(ack),
                    String.valueOf(p.payload().length), inside.isEmpty() ? (p.payload().length == 0 ? "" : "(part of a record)") : String.join("; ", inside)});
        }
        return Tables.rows("TCP segments " + client + " ⇄ " + server, List.of("packet", "ms", "direction", "flags",
                "seq (relative)", "ack (relative)", "payload bytes", "TLS records completed in it"), rows);
    }

    /** The three-way handshake with absolute and relative numbers and the options each SYN carries. */
    public Table handshakeTable() {
        List<String[]> rows = new ArrayList<>();
        for (Packet p : packets.subList(0, Math.min(3, packets.size()))) {
            long ack = relativeAck(p);
            rows.add(new String[] {String.valueOf(p.number()), p.source() + " → " + p.destination(), p.flagNames(),
                    p.seq() + " (" + relativeSeq(p) + ")", ack < 0 ? "– (ACK flag off)" : p.ack() + " (" + ack + ")",
                    String.valueOf(p.payload().length), String.join(", ", p.options())});
        }
        return Tables.rows("the three-way handshake", List.of("packet", "from → to", "flags", "seq (relative)", "ack (relative)",
                "payload bytes", "TCP options"), rows);
    }

    /** The TLS records of the capture, one row each: in which packets, which way, the 5-byte header and what it holds. */
    public Table recordTable() {
        List<String[]> rows = new ArrayList<>();
        for (TlsRecord r : tlsRecords()) {
            rows.add(new String[] {r.firstPacket() == r.lastPacket() ? String.valueOf(r.lastPacket()) : r.firstPacket() + "–" + r.lastPacket(),
                    r.direction().arrow, Hex.of(r.wire(), 0, 5), String.valueOf(r.wire().length - 5), r.describe()});
        }
        return Tables.rows("TLS records inside the TCP payloads", List.of("packet", "direction", "record header (hex)", "body bytes", "holds"), rows);
    }
}
