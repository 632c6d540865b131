package dev.nudge.bench.macro;

import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws cost versus size, both axes logarithmic: per backend, the time to compute all 20 segments
 * once (one by one), the time to load the workload, and — for Nudge — the 20 as one catalog pass. A straight line of slope 1 is cost proportional to size.
 * Rendered headless (the harness sets {@code java.awt.headless}).
 */
final class CostChart {

    private static final Color[] PALETTE = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD)};

    private CostChart() {
    }

    private static LogAxis logAxis(String label, String format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new DecimalFormat(format));
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    /** How a series is drawn: its engine's colour, and the kind of cost (solid, dashed, dotted). */
    private enum Kind {
        SEGMENTS(new BasicStroke(2.5f)),
        LOAD(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)),
        CATALOG(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 5f}, 0f));

        final BasicStroke stroke;

        Kind(BasicStroke stroke) {
            this.stroke = stroke;
        }
    }

    static void write(ResultsTable table, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int engine = 0;
        for (String b : table.backends()) {
            XYSeries total = new XYSeries(b + ": 20 segments");
            XYSeries load = new XYSeries(b + ": load");
            // an engine that computes the 20 as one catalog (Nudge's backfill sweep) gets that line too
            XYSeries catalog = new XYSeries(b + ": all 20 as one catalog");
            for (int size : table.sizes()) {
                if (!table.has(size, b)) continue;
                double ms = table.totalMs(size, b);
                if (!Double.isNaN(ms)) total.add(size, ms / 1000.0);
                table.find(size, b, Timing.LOAD).ifPresent(t -> load.add(size, t.medianMs() / 1000.0));
                table.find(size, b, Timing.PHASE_PREFIX + "backfill-all").ifPresent(t -> catalog.add(size, t.medianMs() / 1000.0));
            }
            Color colour = PALETTE[engine++ % PALETTE.length];
            add(data, renderer, total, colour, Kind.SEGMENTS);
            add(data, renderer, load, colour, Kind.LOAD);
            if (catalog.getItemCount() > 0) add(data, renderer, catalog, colour, Kind.CATALOG);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Nudge benchmark: segment computation cost vs size",
                "profiles", "seconds", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(logAxis("profiles", "#,##0"));
        plot.setRangeAxis(logAxis("seconds (sum of the 20 segment medians; load; one catalog pass)", "#,##0.###"));
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }

    private static void add(XYSeriesCollection data, XYLineAndShapeRenderer renderer, XYSeries series, Color colour, Kind kind) {
        int i = data.getSeriesCount();
        data.addSeries(series);
        renderer.setSeriesPaint(i, colour);
        renderer.setSeriesStroke(i, kind.stroke);
    }
}
