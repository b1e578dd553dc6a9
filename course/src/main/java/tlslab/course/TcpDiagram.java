package tlslab.course;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import tlslab.course.Pcap.Packet;
import tlslab.course.TcpConnection.TlsRecord;
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
    private static final Color CLEAR = new Color(0x1f3a68);
    private static final Color ENCRYPTED = new Color(0x1b7a3a);
    private static final Color LANE = new Color(0x9aa5b1);

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
        BufferedImage img = new BufferedImage(WIDTH, height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        centre(g, title, WIDTH / 2, 26);
        lane(g, CLIENT_X, "client " + connection.client());
        lane(g, SERVER_X, "server " + connection.server());
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
            arrow(g, toServer ? CLIENT_X : SERVER_X, toServer ? SERVER_X : CLIENT_X, y, c);
            long ack = connection.relativeAck(p);
            String label = "[" + p.flagNames() + "] seq=" + connection.relativeSeq(p) + (ack < 0 ? "" : " ack=" + ack)
                    + " len=" + p.payload().length;
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            centre(g, label, (CLIENT_X + SERVER_X) / 2, y - 5);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            if (!tls.isEmpty()) centre(g, "TLS: " + shorten(String.join("; ", tls), 110), (CLIENT_X + SERVER_X) / 2, y + 14);
            g.drawString(String.format("%2d.", p.number()), 16, y + 4);
        }
        legend(g, height() - 18);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private void lane(Graphics2D g, int x, String name) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        int w = g.getFontMetrics().stringWidth(name) + 24;
        g.setColor(new Color(0xe8eef6));
        g.fillRoundRect(x - w / 2, 44, w, 30, 10, 10);
        g.setColor(CLEAR);
        g.drawRoundRect(x - w / 2, 44, w, 30, 10, 10);
        centre(g, name, x, 64);
        g.setColor(LANE);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        g.drawLine(x, 74, x, height() - 34);
        g.setStroke(new BasicStroke(1f));
    }

    private static void arrow(Graphics2D g, int from, int to, int y, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(from, y, to, y);
        int dir = to > from ? -1 : 1;
        g.fillPolygon(new int[] {to, to + dir * 10, to + dir * 10}, new int[] {y, y - 5, y + 5}, 3);
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = 12;
        for (Object[] item : new Object[][] {{TCP, "TCP only (no payload)"}, {CLEAR, "TLS records in clear"}, {ENCRYPTED, "encrypted TLS records"}}) {
            g.setColor((Color) item[0]);
            g.fillRect(x, y - 9, 18, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString((String) item[1], x + 24, y - 3);
            x += 40 + g.getFontMetrics().stringWidth((String) item[1]);
        }
    }

    private static void centre(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }
}
