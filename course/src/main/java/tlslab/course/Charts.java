package tlslab.course;

import java.awt.image.BufferedImage;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Charts as images (PNG in notebooks): no JavaScript, so they show everywhere. */
public final class Charts {
    private Charts() {
    }

    /** A bar chart; with {@code logScale} the y axis is logarithmic (values must be > 0). */
    public static BufferedImage bars(String title, String yLabel, List<String> names, List<? extends Number> values, boolean logScale) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(420).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (logScale) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisDecimalPattern("#,##0.###"); // XChart would write 4E3 on a log axis
            double min = values.stream().mapToDouble(Number::doubleValue).min().orElse(1);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        chart.addSeries(yLabel, names, values.stream().map(Number::doubleValue).toList());
        return BitmapEncoder.getBufferedImage(chart);
    }
}
