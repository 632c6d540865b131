package dev.nudge.server.cli.intel;

import dev.nudge.core.intelligence.clv.ClvPredictor;
import dev.nudge.core.intelligence.clv.CustomerPrediction;
import dev.nudge.core.intelligence.clv.CustomerSummary;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.Period;
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
import picocli.CommandLine.Spec;

/** {@code nudge predict customers FILE --calibration-end DATE}: every customer's predictions. */
@Command(name = "customers", mixinStandardHelpOptions = true,
        description = "Print each customer's P(alive), churn risk, expected purchases and order value, CLV and next-order date.")
public final class PredictCustomersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInput model;

    @Option(names = "--horizon", defaultValue = "52w",
            description = "How far ahead: weeks (52w), days (365d) or ISO-8601 (P52W) (default: ${DEFAULT-VALUE}).")
    String horizon;

    @Option(names = "--discount-rate", defaultValue = "0.1",
            description = "Annual discount rate for CLV, e.g. 0.1 for 10 %% a year (default: ${DEFAULT-VALUE}).")
    double discountRate;

    @Option(names = "--json", description = "Print a JSON array instead of CSV.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        double weeks = weeks(horizon);
        ModelInput.Fitted f = model.fit();
        if (f.spend() == null) {
            throw new IllegalStateException("cannot predict order values: " + String.join("; ", f.spendProblems()));
        }
        LocalDate end = model.calibrationEnd;
        // T is measured to the calibration end day, so predictions are as of its start
        ClvPredictor predictor = new ClvPredictor(f.purchases().params(), f.spend().params(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant(), weeks, discountRate);
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!json) out.println("customer_id,x,t_x,T,p_alive,churn_risk,expected_purchases,expected_order_value,clv,next_order_at");
        for (CustomerSummary c : f.customers()) {
            CustomerPrediction p = predictor.predict(c);
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("customer_id", c.id());
                row.put("x", c.x());
                row.put("t_x", c.tx());
                row.put("T", c.T());
                row.put("p_alive", p.probabilityAlive());
                row.put("churn_risk", p.churnRisk());
                row.put("expected_purchases", p.expectedPurchases());
                row.put("expected_order_value", p.expectedOrderValue());
                row.put("clv", p.clv());
                row.put("next_order_at", p.expectedNextOrder().toString());
                rows.add(row);
            } else {
                out.printf(java.util.Locale.ROOT, "%s,%d,%.2f,%.2f,%.4f,%.4f,%.4f,%.2f,%.2f,%s%n", c.id(), c.x(), c.tx(), c.T(),
                        p.probabilityAlive(), p.churnRisk(), p.expectedPurchases(), p.expectedOrderValue(), p.clv(),
                        p.expectedNextOrder());
            }
        }
        if (json) out.println(Json.write(rows));
        out.flush();
        return 0;
    }

    /** "52w", "365d" or ISO-8601 "P52W" / "P365D" to weeks; months and years are refused (their length varies). */
    static double weeks(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("w")) return positive(Double.parseDouble(t.substring(0, t.length() - 1)), s);
            if (t.endsWith("d") && !t.startsWith("p")) return positive(Double.parseDouble(t.substring(0, t.length() - 1)) / 7, s);
            if (t.startsWith("p")) {
                Period p = Period.parse(s.trim());
                if (p.getMonths() != 0 || p.getYears() != 0) throw new IllegalArgumentException("months");
                return positive(p.getDays() / 7.0, s);
            }
        } catch (RuntimeException e) {
            // fall through to the explanation
        }
        throw new IllegalArgumentException("horizon '" + s + "' not understood; use weeks (52w), days (365d) or ISO-8601 days/weeks (P52W)");
    }

    private static double positive(double w, String s) {
        if (!(w > 0)) throw new IllegalArgumentException("horizon '" + s + "' must be positive");
        return w;
    }
}
