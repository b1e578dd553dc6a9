package tlslab.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslab.engine.Connection;
import tlslab.engine.MemoryPair;
import tlslab.engine.TestPki;

class SequenceDiagramTest {

    @Test
    void drawsOneArrowPerMessageAsPngAndSvg(@TempDir Path dir) throws Exception {
        Connection[] cs = MemoryPair.connect(TestPki.client(), TestPki.server());
        SequenceDiagram d = new SequenceDiagram(cs[0].transcript(), "TLS 1.2 handshake with www.mybank.test");
        BufferedImage img = d.toImage();
        assertEquals(d.height(), img.getHeight());
        String svg = d.toSvg();
        for (String name : cs[0].transcript().names()) assertTrue(svg.contains(name), name);
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, 40));
        d.writePng(dir.resolve("handshake.png"));
        d.writeSvg(dir.resolve("handshake.svg"));
        assertTrue(Files.size(dir.resolve("handshake.png")) > 1000);
        if (System.getenv("TLSLAB_KEEP_DIAGRAM") != null) d.writePng(Path.of(System.getenv("TLSLAB_KEEP_DIAGRAM")));
    }
}
