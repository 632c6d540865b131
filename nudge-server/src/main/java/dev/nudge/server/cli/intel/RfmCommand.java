package dev.nudge.server.cli.intel;

import dev.nudge.core.intelligence.Order;
import dev.nudge.core.intelligence.rfm.Rfm;
import dev.nudge.core.intelligence.rfm.RfmGroup;
import dev.nudge.core.intelligence.rfm.RfmScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nudge rfm FILE}: RFM scores and group sizes of an orders file (docs/intelligence.md). */
@Command(name = "rfm", mixinStandardHelpOptions = true,
        description = "Score customers by recency, frequency and monetary value and count the RFM groups.")
public final class RfmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Orders file (.csv, optionally .xz or .gz).")
    Path file;

    @Mixin
    OrderFileOptions input;

    @Option(names = "--bins", defaultValue = "5", description = "Score levels (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--analysis-date", description = "Date recency is measured to (default: the day after the last order).")
    LocalDate analysisDate;

    @Option(names = "--customers", description = "Also print every customer's scores and group.")
    boolean perCustomer;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Order> orders = input.read(file);
        LocalDate day = analysisDate != null ? analysisDate : Rfm.dayAfterLastOrder(orders, ZoneOffset.UTC);
        List<RfmScore> scores = Rfm.analyse(orders, day, ZoneOffset.UTC, bins);
        Map<RfmGroup, Long> sizes = Rfm.groupSizes(scores);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("analysis_date", day.toString());
            doc.put("customers", scores.size());
            doc.put("bins", bins);
            Map<String, Long> groups = new LinkedHashMap<>();
            sizes.forEach((g, n) -> groups.put(g.label(), n));
            doc.put("groups", groups);
            if (perCustomer) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RfmScore s : scores) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("customer_id", s.customerId());
                    row.putAll(rfm(s));
                    rows.add(row);
                }
                doc.put("scores", rows);
            }
            out.println(Json.write(doc));
        } else {
            out.printf("RFM of %d customers at %s (%d bins)%n", scores.size(), day, bins);
            sizes.forEach((g, n) -> out.printf("  %-20s %8d  %5.1f %%%n", g.label(), n, scores.isEmpty() ? 0 : 100.0 * n / scores.size()));
            if (perCustomer) {
                out.println("customer_id,recency_days,frequency,monetary,r,f,m,group");
                for (RfmScore s : scores) {
                    out.printf(java.util.Locale.ROOT, "%s,%d,%d,%.2f,%d,%d,%d,%s%n", s.customerId(), s.values().recencyDays(),
                            s.values().frequency(), s.values().monetary(), s.r(), s.f(), s.m(), s.group().label());
                }
            }
        }
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rfm(RfmScore s) {
        return (Map<String, Object>) s.traits().get("rfm");
    }
}
