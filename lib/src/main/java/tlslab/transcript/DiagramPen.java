package tlslab.transcript;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/** The drawing both message diagrams share (this library's handshake diagram, the course's TCP one): lanes, arrows, a legend. */
public final class DiagramPen {
    public static final Color CLEAR = new Color(0x1f3a68);
    public static final Color ENCRYPTED = new Color(0x1b7a3a);
    public static final Color ALERT = new Color(0xb3261e);
    public static final Color LANE = new Color(0x9aa5b1);

    /** One entry of a legend: a colour and what it means. */
    public record Key(Color color, String text) {
    }

    private DiagramPen() {
    }

    /** A {@code width} × {@code height} image that {@code draw} paints on. */
    public static BufferedImage image(int width, int height, Consumer<Graphics2D> draw) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw.accept(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A white, antialiased page with {@code title} centred at the top. */
    public static void page(Graphics2D g, int width, int height, String title) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        centre(g, title, width / 2, 26);
    }

    /** A named box at the top and a dashed lifeline under it, down to {@code bottom}. */
    public static void lane(Graphics2D g, int x, String name, int bottom) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        int w = g.getFontMetrics().stringWidth(name) + 24;
        g.setColor(new Color(0xe8eef6));
        g.fillRoundRect(x - w / 2, 44, w, 30, 10, 10);
        g.setColor(CLEAR);
        g.drawRoundRect(x - w / 2, 44, w, 30, 10, 10);
        centre(g, name, x, 64);
        g.setColor(LANE);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        g.drawLine(x, 74, x, bottom);
        g.setStroke(new BasicStroke(1f));
    }

    public static void arrow(Graphics2D g, int from, int to, int y, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(from, y, to, y);
        int dir = to > from ? -1 : 1;
        g.fillPolygon(new int[] {to, to + dir * 10, to + dir * 10}, new int[] {y, y - 5, y + 5}, 3);
        g.setStroke(new BasicStroke(1f));
    }

    public static void legend(Graphics2D g, int y, Key... keys) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = 12;
        for (Key k : keys) {
            g.setColor(k.color());
            g.fillRect(x, y - 9, 18, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(k.text(), x + 24, y - 3);
            x += 40 + g.getFontMetrics().stringWidth(k.text());
        }
    }

    public static void centre(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }
}
