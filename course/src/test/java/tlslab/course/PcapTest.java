package tlslab.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslab.cli.LabServer;
import tlslab.course.Pcap.Packet;
import tlslab.course.TcpConnection.TlsRecord;
import tlslab.engine.Connection;
import tlslab.transcript.Direction;

/** The pcap reader against the capture shipped for notebook 04a, and against that capture re-framed in every link type it reads. */
class PcapTest {
    static final Path SHIPPED = Path.of("../notebooks/captures/lab-connection.pcap");

    static byte[] shipped() throws Exception {
        return Files.readAllBytes(SHIPPED);
    }

    /** The frames of a little-endian microsecond pcap file: {seconds, micros, frame bytes}. */
    static List<Object[]> frames(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Object[]> out = new ArrayList<>();
        int pos = 24;
        while (pos < file.length) {
            int incl = b.getInt(pos + 8);
            byte[] frame = new byte[incl];
            System.arraycopy(file, pos + 16, frame, 0, incl);
            out.add(new Object[] {b.getInt(pos), b.getInt(pos + 4), frame});
            pos += 16 + incl;
        }
        return out;
    }

    /** A pcap file in the given byte order and link type; {@code nanos} writes the nanosecond magic (and times). */
    static byte[] write(ByteOrder order, boolean nanos, int linkType, List<Object[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.writeBytes(h.array());
        for (Object[] f : frames) {
            byte[] frame = (byte[]) f[2];
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            r.putInt((int) f[0]).putInt(nanos ? (int) f[1] * 1000 : (int) f[1]).putInt(frame.length).putInt(frame.length);
            out.writeBytes(r.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** The same IP packets behind another link-layer header. */
    static List<Object[]> reframe(List<Object[]> ethernet, byte[] header) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] f : ethernet) {
            byte[] frame = (byte[]) f[2];
            byte[] ip = java.util.Arrays.copyOfRange(frame, 14, frame.length);
            byte[] g = new byte[header.length + ip.length];
            System.arraycopy(header, 0, g, 0, header.length);
            System.arraycopy(ip, 0, g, header.length, ip.length);
            out.add(new Object[] {f[0], f[1], g});
        }
        return out;
    }

    @Test
    void shippedCaptureIsALabConnectionOverLoopback() throws Exception {
        Pcap pcap = Pcap.read(SHIPPED);
        assertEquals(Pcap.LINKTYPE_ETHERNET, pcap.linkType());   // tcpdump -i lo on Linux
        assertEquals(pcap.packetsInFile(), pcap.packets().size());
        assertEquals(0, pcap.skipped());
        TcpConnection c = pcap.connection();
        assertTrue(c.client().startsWith("127.0.0.1:") && c.server().startsWith("127.0.0.1:"));
        assertTrue(c.threeWayHandshake());
        Packet syn = c.packets().get(0), synAck = c.packets().get(1), ack = c.packets().get(2);
        assertEquals("SYN", syn.flagNames());
        assertEquals("SYN, ACK", synAck.flagNames());
        assertEquals("ACK", ack.flagNames());
        assertEquals(syn.seq() + 1, synAck.ack());
        assertEquals(synAck.seq() + 1, ack.ack());
        assertEquals(1, c.relativeSeq(ack));
        assertEquals(1, c.relativeAck(ack));
        assertEquals(-1, c.relativeAck(syn));
        assertTrue(syn.options().contains("mss 65495") && syn.options().contains("sackOK"), syn.options().toString());
        // the first data segment is the ClientHello, from relative sequence number 1
        Packet hello = c.packets().get(3);
        assertEquals(1, c.relativeSeq(hello));
        assertEquals(22, hello.payload()[0]);
        assertEquals(1, hello.payload()[5]);
    }

    @Test
    void tlsRecordsOfTheShippedCapture() throws Exception {
        TcpConnection c = Pcap.read(SHIPPED).connection();
        List<TlsRecord> records = c.tlsRecords();
        TlsRecord first = records.get(0);
        assertEquals(Direction.CLIENT_TO_SERVER, first.direction());
        assertEquals("handshake: ClientHello", first.describe());
        assertEquals(0x0303, first.version());
        List<String> server = records.stream().filter(r -> r.direction() == Direction.SERVER_TO_CLIENT && !r.encrypted())
                .flatMap(r -> r.messages().stream()).toList();
        assertEquals(List.of("ServerHello", "Certificate", "ServerHelloDone"), server);
        assertTrue(records.stream().anyMatch(r -> r.describe().equals("handshake: ClientKeyExchange")));
        // after each side's ChangeCipherSpec its records are encrypted
        for (Direction d : Direction.values()) {
            List<TlsRecord> mine = records.stream().filter(r -> r.direction() == d).toList();
            int ccs = 0;
            while (mine.get(ccs).type() != 20) ccs++;
            assertTrue(mine.subList(ccs + 1, mine.size()).stream().allMatch(TlsRecord::encrypted));
            assertTrue(mine.subList(0, ccs + 1).stream().noneMatch(TlsRecord::encrypted));
            assertEquals("handshake: encrypted (Finished)", mine.get(ccs + 1).describe());
        }
        int bytes = records.stream().mapToInt(r -> r.wire().length).sum();
        assertEquals(c.stream(Direction.CLIENT_TO_SERVER).length + c.stream(Direction.SERVER_TO_CLIENT).length, bytes);
        String table = Tables.text(c.table(100));
        assertTrue(table.contains("SYN, ACK") && table.contains("handshake: ClientHello"), table);
    }

    /** The shipped capture was made from notebook 04a's seeded connection: a fresh run sends the very same TLS bytes. */
    @Test
    void shippedCaptureHasTheBytesOfAFreshLabRun() throws Exception {
        Lab lab = Lab.create();
        Connection client;
        try (LabServer server = new LabServer(0, id -> lab.server(), line -> { })) {
            client = MakeCapture.connect(lab, server);
        }
        TcpConnection c = Pcap.read(SHIPPED).connection();
        assertTrue(c.sameBytesAs(client.transcript(), Direction.CLIENT_TO_SERVER),
                "client's bytes differ: remake notebooks/captures/lab-connection.pcap with tlslab.course.MakeCapture (see notebooks/captures/README.md)");
        assertTrue(c.sameBytesAs(client.transcript(), Direction.SERVER_TO_CLIENT), "server's bytes differ: remake the capture");
        String table = Tables.text(c.compareWith(client.transcript(), "the client kept"));
        assertEquals(2, table.split("✓ same bytes", -1).length - 1, table);
        // the check can fail: the lab's next connection (new seeded randoms) does not match
        Connection next = lab.handshake(lab.client().cipherSuites(tlslab.crypto.CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), lab.server())[0];
        assertFalse(c.sameBytesAs(next.transcript(), Direction.CLIENT_TO_SERVER));
        assertTrue(Tables.text(c.compareWith(next.transcript(), "x")).contains("✗ different"));
    }

    @Test
    void everyLinkTypeAndByteOrderGivesTheSamePackets() throws Exception {
        List<Object[]> eth = frames(shipped());
        List<Packet> expected = Pcap.parse(shipped()).packets();
        byte[] sll = new byte[16];
        sll[14] = 0x08;                       // protocol 0x0800 at offset 14
        byte[] sll2 = new byte[20];
        sll2[0] = 0x08;                       // protocol 0x0800 at offset 0
        byte[] nullLe = {2, 0, 0, 0};         // AF_INET written by a little-endian machine
        byte[] nullBe = {0, 0, 0, 2};
        byte[] vlan = new byte[18];           // Ethernet with one 802.1Q tag
        vlan[12] = (byte) 0x81;
        vlan[16] = 0x08;
        Object[][] cases = {
                {Pcap.LINKTYPE_LINUX_SLL, reframe(eth, sll)}, {Pcap.LINKTYPE_LINUX_SLL2, reframe(eth, sll2)},
                {Pcap.LINKTYPE_NULL, reframe(eth, nullLe)}, {Pcap.LINKTYPE_NULL, reframe(eth, nullBe)},
                {Pcap.LINKTYPE_RAW, reframe(eth, new byte[0])}, {Pcap.LINKTYPE_ETHERNET, reframe(eth, vlan)}};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (Object[] k : cases) {
                @SuppressWarnings("unchecked")
                Pcap p = Pcap.parse(write(order, true, (int) k[0], (List<Object[]>) k[1]));
                assertTrue(p.nanosecondTimestamps());
                assertEquals(expected.size(), p.packets().size(), "link type " + k[0]);
                for (int i = 0; i < expected.size(); i++) {
                    Packet a = expected.get(i), b = p.packets().get(i);
                    assertEquals(a.seq(), b.seq());
                    assertEquals(a.ack(), b.ack());
                    assertEquals(a.flags(), b.flags());
                    assertEquals(a.timeMicros(), b.timeMicros());
                    assertEquals(a.source(), b.source());
                    assertArrayEquals(a.payload(), b.payload());
                }
            }
        }
    }

    @Test
    void relativeNumbersWrapAroundTwoToThe32() throws Exception {
        List<Object[]> eth = frames(shipped());
        TcpConnection orig = Pcap.parse(shipped()).connection();
        String client = orig.client();
        long shift = 0xfffffff0L - orig.clientIsn();   // the client's ISN just below 2^32: its numbers wrap at once
        for (Object[] f : eth) {
            ByteBuffer b = ByteBuffer.wrap((byte[]) f[2]);   // big-endian, network order
            int tcp = 14 + (b.get(14) & 0x0f) * 4;
            String src = (b.get(26) & 0xff) + "." + (b.get(27) & 0xff) + "." + (b.get(28) & 0xff) + "." + (b.get(29) & 0xff) + ":" + (b.getShort(tcp) & 0xffff);
            if (src.equals(client)) b.putInt(tcp + 4, (int) (b.getInt(tcp + 4) + shift));
            else if ((b.get(tcp + 13) & Pcap.ACK) != 0) b.putInt(tcp + 8, (int) (b.getInt(tcp + 8) + shift));
        }
        TcpConnection c = Pcap.parse(write(ByteOrder.LITTLE_ENDIAN, false, 1, eth)).connection();
        assertEquals(0xfffffff0L, c.clientIsn());
        assertTrue(c.threeWayHandshake());
        for (int i = 0; i < orig.packets().size(); i++) {
            assertEquals(orig.relativeSeq(orig.packets().get(i)), c.relativeSeq(c.packets().get(i)));
            assertEquals(orig.relativeAck(orig.packets().get(i)), c.relativeAck(c.packets().get(i)));
        }
        assertArrayEquals(orig.stream(Direction.CLIENT_TO_SERVER), c.stream(Direction.CLIENT_TO_SERVER));
    }

    @Test
    void retransmissionsCountOnceAndGapsAreReported() throws Exception {
        List<Object[]> eth = frames(shipped());
        TcpConnection orig = Pcap.parse(shipped()).connection();
        int hello = 3;   // the ClientHello's segment
        List<Object[]> again = new ArrayList<>(eth);
        again.add(hello + 2, eth.get(hello));
        TcpConnection c = Pcap.parse(write(ByteOrder.LITTLE_ENDIAN, false, 1, again)).connection();
        assertArrayEquals(orig.stream(Direction.CLIENT_TO_SERVER), c.stream(Direction.CLIENT_TO_SERVER));
        assertEquals(orig.tlsRecords().size(), c.tlsRecords().size());

        List<Object[]> lost = new ArrayList<>(eth);
        lost.remove(hello);
        TcpConnection gap = Pcap.parse(write(ByteOrder.LITTLE_ENDIAN, false, 1, lost)).connection();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gap.stream(Direction.CLIENT_TO_SERVER));
        assertTrue(e.getMessage().contains("bytes 1–93 were not captured"), e.getMessage());
    }

    @Test
    void badFilesAreRefusedWithAReason() throws Exception {
        byte[] ng = {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(ng)).getMessage().contains("editcap -F pcap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(new byte[24])).getMessage().contains("magic number 00000000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(new byte[10])).getMessage().contains("24"));
        byte[] file = shipped();
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(cut)).getMessage().contains("only"));
        byte[] wifi = write(ByteOrder.LITTLE_ENDIAN, false, 105, frames(file));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(wifi)).getMessage().contains("link type 105"));
        // a snapshot length that cut the packets: refuse instead of reading half a TLS record
        List<Object[]> shortFrames = new ArrayList<>();
        for (Object[] f : frames(file)) shortFrames.add(new Object[] {f[0], f[1], java.util.Arrays.copyOf((byte[]) f[2], Math.min(((byte[]) f[2]).length, 96))});
        byte[] snapped = write(ByteOrder.LITTLE_ENDIAN, false, 1, shortFrames);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pcap.parse(snapped)).getMessage().contains("cut off while capturing"));
    }

    @Test
    void captureFallsBackToTheShippedFileWhenNoToolMayCapture() throws Exception {
        Capture none = Capture.start(443, SHIPPED, List.of(List.of("tlslab-no-such-capture-tool", "%s")));
        assertFalse(none.live());
        assertTrue(none.source().contains("tlslab-no-such-capture-tool is not installed"), none.source());
        assertEquals(SHIPPED, none.file());
        assertEquals(Pcap.read(SHIPPED).packetsInFile(), none.stop().packetsInFile());
        assertThrows(IllegalStateException.class, none::stop);

        Capture refused = Capture.start(443, SHIPPED,
                List.of(List.of("sh", "-c", "echo 'lo: You don'\"'\"'t have permission to capture on that device'; exit 1", "%s")));
        assertFalse(refused.live());
        assertTrue(refused.source().contains("permission to capture"), refused.source());
    }

    /** The live path with a stand-in for tcpdump: it writes the shipped capture, says it listens, and waits to be stopped. */
    @Test
    void liveCaptureIsReadOnStopAndItsFileRemoved() throws Exception {
        String script = "cp " + SHIPPED.toAbsolutePath() + " \"$0\"; echo 'listening on lo, link-type EN10MB (Ethernet)'; exec sleep 30";
        Capture live = Capture.start(443, SHIPPED, List.of(List.of("sh", "-c", script, "%s")));
        assertTrue(live.live(), live.source());
        assertTrue(live.source().startsWith("live capture"), live.source());
        Path file = live.file();
        assertFalse(file.equals(SHIPPED));
        Pcap pcap = live.stop();
        assertEquals(Pcap.read(SHIPPED).packetsInFile(), pcap.packetsInFile());
        assertFalse(Files.exists(file), "the live capture file is removed once read");
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void diagramDrawsOneRowPerPacket() throws Exception {
        TcpConnection c = Pcap.read(SHIPPED).connection();
        TcpDiagram d = new TcpDiagram(c, "t", 5);
        assertEquals(d.height(), d.toImage().getHeight());
        assertTrue(new TcpDiagram(c, "t", 100).height() > d.height());
    }
}
