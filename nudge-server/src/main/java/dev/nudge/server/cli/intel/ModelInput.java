package dev.nudge.server.cli.intel;

import dev.nudge.core.intelligence.clv.BgNbdFit;
import dev.nudge.core.intelligence.clv.CustomerSummary;
import dev.nudge.core.intelligence.clv.DataRequirements;
import dev.nudge.core.intelligence.clv.GammaGamma;
import dev.nudge.core.intelligence.clv.InsufficientDataException;
import dev.nudge.core.intelligence.clv.SummaryBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The transaction log, calibration end and data requirements shared by {@code predict fit} and {@code predict customers}. */
final class ModelInput {

    @Parameters(index = "0", description = "Transaction log (CDNOW layout or an orders CSV; .xz/.gz allowed).")
    Path file;

    @Mixin
    OrderFileOptions input;

    @Option(names = "--calibration-end", required = true,
            description = "Last day (inclusive) of the history the models are fitted on, e.g. 1997-09-30.")
    LocalDate calibrationEnd;

    @Option(names = "--min-customers", defaultValue = "100", description = "Fewest customers to fit (default: ${DEFAULT-VALUE}).")
    int minCustomers;

    @Option(names = "--min-repeat-buyers", defaultValue = "30", description = "Fewest repeat buyers to fit (default: ${DEFAULT-VALUE}).")
    int minRepeatBuyers;

    @Option(names = "--min-history-weeks", defaultValue = "12", description = "Shortest history to fit, in weeks (default: ${DEFAULT-VALUE}).")
    double minHistoryWeeks;

    /** Both fits, or the reason the spend model could not be fitted. */
    record Fitted(List<CustomerSummary> customers, BgNbdFit purchases, GammaGamma.GammaGammaFit spend, List<String> spendProblems) {}

    Fitted fit() throws IOException {
        List<CustomerSummary> customers = SummaryBuilder.summarize(input.read(file), calibrationEnd, ZoneOffset.UTC);
        BgNbdFit purchases = BgNbdFit.fit(customers, new DataRequirements(minCustomers, minRepeatBuyers, minHistoryWeeks));
        try {
            return new Fitted(customers, purchases, GammaGamma.fit(customers, minRepeatBuyers), List.of());
        } catch (InsufficientDataException e) {
            return new Fitted(customers, purchases, null, e.problems());
        }
    }

    static Map<String, Object> parameters(Fitted f, LocalDate calibrationEnd) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("calibration_end", calibrationEnd.toString());
        doc.put("customers", f.customers().size());
        doc.put("repeat_buyers", f.customers().stream().filter(CustomerSummary::isRepeatBuyer).count());
        doc.put("r", f.purchases().params().r());
        doc.put("alpha", f.purchases().params().alpha());
        doc.put("a", f.purchases().params().a());
        doc.put("b", f.purchases().params().b());
        doc.put("log_likelihood", f.purchases().logLikelihood());
        doc.put("p", f.spend() == null ? null : f.spend().params().p());
        doc.put("q", f.spend() == null ? null : f.spend().params().q());
        doc.put("gamma", f.spend() == null ? null : f.spend().params().gamma());
        doc.put("spend_log_likelihood", f.spend() == null ? null : f.spend().logLikelihood());
        doc.put("spend_customers", f.spend() == null ? 0 : f.spend().customers());
        if (!f.spendProblems().isEmpty()) doc.put("spend_problems", f.spendProblems());
        return doc;
    }
}
