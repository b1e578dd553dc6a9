package tlslab.transcript;

import static tlslab.transcript.DiagramPen.ALERT;
import static tlslab.transcript.DiagramPen.CLEAR;
import static tlslab.transcript.DiagramPen.ENCRYPTED;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;

/**
 * The run as a sequence diagram: a client lane and a server lane, one arrow per message, time
 * running down. Drawn once against Graphics2D, then painted into a PNG image (for notebooks) or an
 * SVG document (for files).
 */
public final class SequenceDiagram {
    private static final int WIDTH = 820;
    private static final int CLIENT_X = 190;
    private static final int SERVER_X = 690;
    private static final int TOP = 96;
    private static final int ROW = 36;

    private final List<Entry> entries;
    private final String title;

    public SequenceDiagram(Transcript transcript, String title) {
        this.entries = transcript.entries();
        this.title = title;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return TOP + entries.size() * ROW + 56;
    }

    /** The diagram as an image: JJava shows a BufferedImage as a PNG output. */
    public BufferedImage toImage() {
        return DiagramPen.image(WIDTH, height(), this::draw);
    }

    public String toSvg() {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height());
        draw(g);
        return g.getSVGDocument();
    }

    public void writePng(Path file) throws IOException {
        ImageIO.write(toImage(), "png", file.toFile());
    }

    public void writeSvg(Path file) throws IOException {
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    /** Paints the diagram on any Graphics2D. */
    public void draw(Graphics2D g) {
        DiagramPen.page(g, WIDTH, height(), title);
        DiagramPen.lane(g, CLIENT_X, "Client (browser)", height() - 40);
        DiagramPen.lane(g, SERVER_X, "Server (www.mybank.test)", height() - 40);

        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int y = TOP + i * ROW + 22;
            boolean toServer = e.direction() == Direction.CLIENT_TO_SERVER;
            Color c = e.name().startsWith("Alert") ? ALERT : e.encrypted() ? ENCRYPTED : CLEAR;
            DiagramPen.arrow(g, toServer ? CLIENT_X : SERVER_X, toServer ? SERVER_X : CLIENT_X, y, c);
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            DiagramPen.centre(g, e.encrypted() ? e.name() + "  [encrypted]" : e.name(), (CLIENT_X + SERVER_X) / 2, y - 6);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            DiagramPen.centre(g, e.bytes().length + (e.bytes().length == 1 ? " byte" : " bytes"), (CLIENT_X + SERVER_X) / 2, y + 13);
            // numbered, not timed: a re-run draws the identical picture
            g.drawString(String.format("%2d.", i + 1), 24, y + 4);
        }
        DiagramPen.legend(g, height() - 22, new DiagramPen.Key(CLEAR, "sent in clear"), new DiagramPen.Key(ENCRYPTED, "encrypted"), new DiagramPen.Key(ALERT, "alert"));
    }
}
