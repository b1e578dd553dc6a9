package tlslab.course;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import tech.tablesaw.api.Table;
import tlslab.transcript.SequenceDiagram;
import tlslab.transcript.Transcript;

/**
 * Loaded by JJava when this jar joins the classpath: Tablesaw tables and course views show as
 * plain HTML (with a text fallback), sequence diagrams as PNG images.
 */
public final class CourseExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        kernel.getRenderer().createRegistration(Table.class).preferring("text/html").supporting("text/plain")
                .register((t, ctx) -> {
                    ctx.getOutputContainer().putHTML(Tables.html(t));
                    ctx.getOutputContainer().putText(Tables.text(t));
                });
        kernel.getRenderer().createRegistration(View.class).preferring("text/html").supporting("text/plain")
                .register((v, ctx) -> {
                    ctx.getOutputContainer().putHTML(v.html());
                    ctx.getOutputContainer().putText(v.text());
                });
        kernel.getRenderer().createRegistration(Transcript.class).preferring("text/html").supporting("text/plain")
                .register((t, ctx) -> {
                    Table table = Tables.transcript(t);
                    ctx.getOutputContainer().putHTML(Tables.html(table));
                    ctx.getOutputContainer().putText(Tables.text(table));
                });
        // The kernel's own image renderer adds a text/plain with the object's address, which changes
        // every run; ours keeps committed notebooks byte-identical across re-runs.
        kernel.getRenderer().createRegistration(BufferedImage.class).preferring("image/png").supporting("text/plain")
                .register((img, ctx) -> {
                    ctx.getOutputContainer().putData("image/png", png(img));
                    ctx.getOutputContainer().putText("image (" + img.getWidth() + "×" + img.getHeight() + " PNG)");
                });
        kernel.getRenderer().createRegistration(TcpDiagram.class).preferring("image/png").supporting("text/plain")
                .register((d, ctx) -> {
                    BufferedImage img = d.toImage();
                    ctx.getOutputContainer().putData("image/png", png(img));
                    ctx.getOutputContainer().putText("TCP sequence diagram (" + img.getWidth() + "×" + img.getHeight() + " PNG)");
                });
        kernel.getRenderer().createRegistration(SequenceDiagram.class).preferring("image/png").supporting("text/plain")
                .register((d, ctx) -> {
                    ctx.getOutputContainer().putData("image/png", png(d.toImage()));
                    ctx.getOutputContainer().putText("sequence diagram (" + d.width() + "×" + d.height() + " PNG)");
                });
    }

    static String png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
