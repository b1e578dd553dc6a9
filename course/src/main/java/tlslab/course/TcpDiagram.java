package tlslab.course;

import static tlslab.transcript.DiagramPen.CLEAR;
import static tlslab.transcript.DiagramPen.ENCRYPTED;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import tlslab.course.Pcap.Packet;
import tlslab.course.TcpConnection.TlsRecord;
import tlslab.transcript.DiagramPen;
import tlslab.transcript.Direction;

/**
 * A capture as a sequence diagram: one arrow per TCP segment between a client lane and a server
 * lane, labelled with its flags, relative seq/ack and length, and below it the TLS records that
 * segment completes. Time runs down; rows are numbered by packet, not scaled by time.
 */
public final class TcpDiagram {
    private static final int WIDTH = 900;
    private static final int CLIENT_X = 150;
    private static final int SERVER_X = 750;
    private static final int TOP = 96;
    private static final int ROW = 40;
    private static final Color TCP = new Color(0x6b7785);

    private final TcpConnection connection;
    private final List<Packet> packets;
    private final String title;

    public TcpDiagram(TcpConnection connection, String title, int limit) {
        this.connection = connection;
        this.packets = connection.packets().subList(0, Math.min(limit, connection.packets().size()));
        this.title = title;
    }

    public int height() {
        return TOP + packets.size() * ROW + 50;
    }

    public BufferedImage toImage() {
        return DiagramPen.image(WIDTH, height(), this::draw);
    }

    private void draw(Graphics2D g) {
        DiagramPen.page(g, WIDTH, height(), title);
        DiagramPen.lane(g, CLIENT_X, "client " + connection.client(), height() - 34);
        DiagramPen.lane(g, SERVER_X, "server " + connection.server(), height() - 34);
        List<TlsRecord> records = connection.tlsRecords();
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            int y = TOP + i * ROW + 16;
            boolean toServer = connection.direction(p) == Direction.CLIENT_TO_SERVER;
            List<String> tls = new ArrayList<>();
            boolean encrypted = false;
            for (TlsRecord r : records) {
                if (r.lastPacket() == p.number()) {
                    tls.add(r.describe());
                    encrypted |= r.encrypted();
                }
            }
            Color c = p.payload().length == 0 ? TCP : encrypted ? ENCRYPTED : CLEAR;
            DiagramPen.arrow(g, toServer ? CLIENT_X : SERVER_X, toServer ? SERVER_X : CLIENT_X, y, c);
            long ack = connection.relativeAck(p);
            String label = "[" + p.flagNames() + "] seq=" + connection.relativeSeq(p) + (ack < 0 ? "" : " ack=" + ack)
                    + " len=" + p.payload().length;
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            DiagramPen.centre(g, label, (CLIENT_X + SERVER_X) / 2, y - 5);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            if (!tls.isEmpty()) DiagramPen.centre(g, "TLS: " + shorten(String.join("; ", tls), 110), (CLIENT_X + SERVER_X) / 2, y + 14);
            g.drawString(String.format("%2d.", p.number()), 16, y + 4);
        }
        DiagramPen.legend(g, height() - 18, new DiagramPen.Key(TCP, "TCP only (no payload)"), new DiagramPen.Key(CLEAR, "TLS records in clear"), new DiagramPen.Key(ENCRYPTED, "encrypted TLS records"));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
