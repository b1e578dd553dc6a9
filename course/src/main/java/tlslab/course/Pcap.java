package tlslab.course;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A classic libpcap capture file (what {@code tcpdump -w} writes), read far enough to show TCP: the
 * global header, each packet's record header, the link layer (Ethernet, Linux "cooked" SLL and SLL2,
 * BSD loopback, raw IP), IPv4 and the TCP header with its flags, sequence and acknowledgement numbers
 * and options. Anything else (IPv6, UDP, ARP) is counted and skipped. pcapng files (Wireshark's
 * default) are refused with a message saying how to convert them.
 *
 * <p>Format: https://www.tcpdump.org/manpages/pcap-savefile.5.html and
 * https://www.tcpdump.org/linktypes.html; IPv4: RFC 791; TCP: RFC 9293.
 */
public final class Pcap {
    /** Link types this reader knows (LINKTYPE_* numbers from tcpdump.org/linktypes.html). */
    public static final int LINKTYPE_NULL = 0, LINKTYPE_ETHERNET = 1, LINKTYPE_RAW = 101,
            LINKTYPE_LINUX_SLL = 113, LINKTYPE_IPV4 = 228, LINKTYPE_LINUX_SLL2 = 276;

    /** TCP flag bits (RFC 9293 §3.1; ECE and CWR from RFC 3168). */
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;

    /** One IPv4 TCP segment of the capture. {@code number} counts every packet of the file from 1, as Wireshark does. */
    public record Packet(int number, long timeMicros, String srcIp, int srcPort, String dstIp, int dstPort,
                         long seq, long ack, int flags, int window, List<String> options, byte[] payload) {
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The flags as tcpdump's readers say them, e.g. "SYN", "SYN, ACK", "PSH, ACK". */
        public String flagNames() {
            return Pcap.flagNames(flags);
        }

        public String source() {
            return srcIp + ":" + srcPort;
        }

        public String destination() {
            return dstIp + ":" + dstPort;
        }

        /** How much sequence space the segment uses: its payload, plus one each for SYN and FIN. */
        public long seqLength() {
            return payload.length + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
        }
    }

    private final String magic;
    private final ByteOrder order;
    private final boolean nanos;
    private final int versionMajor, versionMinor, snapLength, linkType;
    private final int packetsInFile;
    private final int skipped;
    private final List<Packet> packets;

    private Pcap(String magic, ByteOrder order, boolean nanos, int versionMajor, int versionMinor, int snapLength, int linkType,
                 int packetsInFile, int skipped, List<Packet> packets) {
        this.magic = magic;
        this.order = order;
        this.nanos = nanos;
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
        this.snapLength = snapLength;
        this.linkType = linkType;
        this.packetsInFile = packetsInFile;
        this.skipped = skipped;
        this.packets = Collections.unmodifiableList(packets);
    }

    public static Pcap read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Parses a whole capture file; throws IllegalArgumentException saying what is wrong and where. */
    public static Pcap parse(byte[] file) {
        if (file.length < 24) throw new IllegalArgumentException("not a pcap file: " + file.length + " bytes, the global header alone is 24");
        ByteBuffer b = ByteBuffer.wrap(file);
        int m = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        ByteOrder order;
        boolean nanos;
        switch (m) {
            case 0xa1b2c3d4 -> { order = ByteOrder.BIG_ENDIAN; nanos = false; }
            case 0xd4c3b2a1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = false; }
            case 0xa1b23c4d -> { order = ByteOrder.BIG_ENDIAN; nanos = true; }
            case 0x4d3cb2a1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = true; }
            case 0x0a0d0d0a -> throw new IllegalArgumentException("this is a pcapng file (Wireshark's and dumpcap's default);"
                    + " convert it with `editcap -F pcap IN.pcapng OUT.pcap` or capture with `dumpcap -P` / `tcpdump -w`");
            default -> throw new IllegalArgumentException(String.format("not a pcap file: magic number %08x", m));
        }
        b.order(order);
        int major = b.getShort(4) & 0xffff, minor = b.getShort(6) & 0xffff;
        int snap = b.getInt(16);
        int link = b.getInt(20) & 0x0fffffff;   // the top bits may carry an FCS length (pcap-savefile(5))
        String magicHex = String.format("%08x", m);
        List<Packet> packets = new ArrayList<>();
        int pos = 24, n = 0, skipped = 0;
        while (pos < file.length) {
            if (file.length - pos < 16) throw new IllegalArgumentException("packet " + (n + 1) + ": record header cut off at byte " + pos);
            long sec = b.getInt(pos) & 0xffffffffL, frac = b.getInt(pos + 4) & 0xffffffffL;
            int incl = b.getInt(pos + 8), orig = b.getInt(pos + 12);
            if (incl < 0 || incl > file.length - pos - 16) {
                throw new IllegalArgumentException("packet " + (n + 1) + ": says " + (incl & 0xffffffffL) + " bytes, only "
                        + (file.length - pos - 16) + " left in the file");
            }
            n++;
            long micros = sec * 1_000_000 + (nanos ? frac / 1000 : frac);
            Packet p = decode(n, micros, link, ByteBuffer.wrap(file, pos + 16, incl).slice(), incl < orig);
            if (p == null) skipped++;
            else packets.add(p);
            pos += 16 + incl;
        }
        return new Pcap(magicHex, order, nanos, major, minor, snap, link, n, skipped, packets);
    }

    /** The IPv4 packet inside one link-layer frame, or null when the frame holds something else. */
    private static Packet decode(int number, long micros, int link, ByteBuffer f, boolean truncated) {
        f.order(ByteOrder.BIG_ENDIAN);
        int ip;   // offset of the IP header
        switch (link) {
            case LINKTYPE_ETHERNET -> {
                if (f.limit() < 14) return null;
                int type = f.getShort(12) & 0xffff, off = 14;
                while ((type == 0x8100 || type == 0x88a8) && f.limit() >= off + 4) {   // VLAN tags
                    type = f.getShort(off + 2) & 0xffff;
                    off += 4;
                }
                if (type != 0x0800) return null;
                ip = off;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (f.limit() < 16 || (f.getShort(14) & 0xffff) != 0x0800) return null;
                ip = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (f.limit() < 20 || (f.getShort(0) & 0xffff) != 0x0800) return null;
                ip = 20;
            }
            case LINKTYPE_NULL -> {
                // the address family in the byte order of the machine that captured: AF_INET is 2 everywhere
                if (f.limit() < 4) return null;
                int family = f.get(0) == 0 ? f.getInt(0) : Integer.reverseBytes(f.getInt(0));
                if (family != 2) return null;
                ip = 4;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> ip = 0;
            default -> throw new IllegalArgumentException("link type " + link + " (" + linkTypeName(link) + ") is not one this reader knows;"
                    + " capture on the loopback or an Ethernet interface");
        }
        if (f.limit() < ip + 20 || (f.get(ip) & 0xf0) != 0x40) return null;   // IPv4 only
        int ihl = (f.get(ip) & 0x0f) * 4;
        int total = f.getShort(ip + 2) & 0xffff;
        int protocol = f.get(ip + 9) & 0xff;
        if (protocol != 6) return null;
        if (ihl < 20 || total < ihl + 20) throw new IllegalArgumentException("packet " + number + ": IPv4 header says " + ihl + " bytes of header in " + total);
        int fragment = f.getShort(ip + 6) & 0x1fff;
        if (fragment != 0) return null;   // later fragments carry no TCP header
        if (truncated || f.limit() < ip + total) {
            throw new IllegalArgumentException("packet " + number + " was cut off while capturing (snapshot length too small); capture with -s 0");
        }
        String src = ipv4(f, ip + 12), dst = ipv4(f, ip + 16);
        int t = ip + ihl;
        int srcPort = f.getShort(t) & 0xffff, dstPort = f.getShort(t + 2) & 0xffff;
        long seq = f.getInt(t + 4) & 0xffffffffL, ack = f.getInt(t + 8) & 0xffffffffL;
        int dataOffset = ((f.get(t + 12) & 0xf0) >> 4) * 4;
        int flags = f.get(t + 13) & 0xff;
        int window = f.getShort(t + 14) & 0xffff;
        if (dataOffset < 20 || t + dataOffset > ip + total) {
            throw new IllegalArgumentException("packet " + number + ": TCP header length " + dataOffset + " does not fit the IP packet");
        }
        List<String> options = options(f, t + 20, t + dataOffset);
        byte[] payload = new byte[ip + total - (t + dataOffset)];
        f.get(t + dataOffset, payload);
        return new Packet(number, micros, src, srcPort, dst, dstPort, seq, ack, flags, window, options, payload);
    }

    /** TCP options as short readable names (RFC 9293 §3.2, RFC 7323, RFC 2018). */
    private static List<String> options(ByteBuffer f, int from, int to) {
        List<String> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int kind = f.get(i) & 0xff;
            if (kind == 0) break;          // end of option list
            if (kind == 1) { i++; continue; }   // no-operation (padding)
            if (i + 1 >= to) break;
            int len = f.get(i + 1) & 0xff;
            if (len < 2 || i + len > to) break;
            switch (kind) {
                case 2 -> out.add(len == 4 ? "mss " + (f.getShort(i + 2) & 0xffff) : "mss");
                case 3 -> out.add(len == 3 ? "wscale " + (f.get(i + 2) & 0xff) : "wscale");
                case 4 -> out.add("sackOK");
                case 5 -> out.add("sack");
                case 8 -> out.add("TS");
                default -> out.add("option " + kind);
            }
            i += len;
        }
        return out;
    }

    private static String ipv4(ByteBuffer f, int at) {
        return (f.get(at) & 0xff) + "." + (f.get(at + 1) & 0xff) + "." + (f.get(at + 2) & 0xff) + "." + (f.get(at + 3) & 0xff);
    }

    public static String flagNames(int flags) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        // in the order people say them: SYN, ACK / PSH, ACK / FIN, ACK
        int[] order = {1, 0, 2, 3, 4, 5, 6, 7};
        List<String> out = new ArrayList<>();
        for (int i : order) if ((flags & (1 << i)) != 0) out.add(names[i]);
        return String.join(", ", out);
    }

    public static String linkTypeName(int link) {
        return switch (link) {
            case LINKTYPE_NULL -> "BSD loopback";
            case LINKTYPE_ETHERNET -> "Ethernet";
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> "raw IP";
            case LINKTYPE_LINUX_SLL -> "Linux cooked capture (SLL)";
            case LINKTYPE_LINUX_SLL2 -> "Linux cooked capture v2 (SLL2)";
            default -> "unknown";
        };
    }

    public List<Packet> packets() {
        return packets;
    }

    public int linkType() {
        return linkType;
    }

    /** Packets in the file, TCP or not. */
    public int packetsInFile() {
        return packetsInFile;
    }

    /** Packets that were not IPv4 TCP and were skipped. */
    public int skipped() {
        return skipped;
    }

    public boolean nanosecondTimestamps() {
        return nanos;
    }

    public int snapLength() {
        return snapLength;
    }

    /** The global header, field by field, for a notebook table. */
    public List<String[]> header() {
        return List.of(
                new String[] {"magic_number", magic, (order == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian") + " file, "
                        + (nanos ? "nanosecond" : "microsecond") + " timestamps"},
                new String[] {"version", versionMajor + "." + versionMinor, "pcap format version"},
                new String[] {"snaplen", String.valueOf(snapLength), "bytes kept of each packet at most"},
                new String[] {"linktype", String.valueOf(linkType), linkTypeName(linkType) + ": what comes before each IP header"},
                new String[] {"packets", String.valueOf(packetsInFile), (packetsInFile - skipped) + " IPv4 TCP segments, " + skipped + " other"});
    }

    /** The first TCP connection in the capture: the one the first SYN without ACK opens. */
    public TcpConnection connection() {
        for (Packet p : packets) {
            if (p.has(SYN) && !p.has(ACK)) return new TcpConnection(this, p);
        }
        throw new IllegalStateException("no SYN in this capture: it does not show a connection being opened");
    }
}
