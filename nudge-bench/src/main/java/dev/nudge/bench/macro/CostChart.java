package dev.nudge.bench.macro;

import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws cost versus size, both axes logarithmic: per backend, the time to compute all 20 segments
 * once, and the time to load the workload. A straight line of slope 1 is cost proportional to size.
 * Rendered headless (the harness sets {@code java.awt.headless}).
 */
final class CostChart {

    private CostChart() {
    }

    static void write(ResultsTable table, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String b : table.backends()) {
            XYSeries total = new XYSeries(b + ": 20 segments");
            XYSeries load = new XYSeries(b + ": load");
            for (int size : table.sizes()) {
                if (!table.has(size, b)) continue;
                total.add(size, table.totalMs(size, b) / 1000.0);
                table.find(size, b, Timing.LOAD).ifPresent(t -> load.add(size, t.medianMs() / 1000.0));
            }
            data.addSeries(total);
            data.addSeries(load);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Nudge benchmark: segment computation cost vs size",
                "profiles", "seconds", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis x = new LogarithmicAxis("profiles");
        LogarithmicAxis y = new LogarithmicAxis("seconds (median of repeats; sum over the 20 segments)");
        y.setAllowNegativesFlag(false);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        var renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }
}
