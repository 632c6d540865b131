package dev.nudge.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * What one more event costs as the data grows, both axes logarithmic: Nudge's durable path for one
 * event (p50) against re-running the SQL of the segments that event can change, per engine.
 */
final class IncrementalChart {
    private static final Map<String, String> SERIES = Map.of(
            "nudge_one_event_p50_ms", "Nudge: one event to durable, 20 segments live (p50)",
            "duckdb_rerun_affected_segments_ms", "DuckDB: re-run the affected segments",
            "postgres_rerun_affected_segments_ms", "PostgreSQL: re-run the affected segments");
    private static final Color[] PALETTE = {new Color(0x2CA02C), new Color(0xD62728), new Color(0x1F77B4)};

    private IncrementalChart() {
    }

    static void write(List<Figures.Row> rows, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String metric : List.of("nudge_one_event_p50_ms", "duckdb_rerun_affected_segments_ms", "postgres_rerun_affected_segments_ms")) {
            XYSeries s = new XYSeries(SERIES.get(metric));
            for (Figures.Row r : rows) if (r.bar().equals("incremental") && r.metric().equals(metric) && r.profiles() > 0) s.addOrUpdate(r.profiles(), r.value());
            if (s.getItemCount() > 0) data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Cost of one more event vs size", "profiles", "milliseconds", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(log("profiles", "#,##0"));
        plot.setRangeAxis(log("milliseconds", "#,##0.##"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }

    private static LogAxis log(String label, String format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new DecimalFormat(format));
        return axis;
    }
}
