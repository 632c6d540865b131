package dev.nudge.server.cli.intel;

import dev.nudge.core.intelligence.rules.AssociationRule;
import dev.nudge.core.intelligence.rules.AssociationRules;
import dev.nudge.core.intelligence.rules.RuleOptions;
import dev.nudge.core.intelligence.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nudge rules FILE}: association rules of a basket file (one basket a line, items comma-separated). */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Mine association rules (support, confidence, lift) from baskets, one basket a line, items comma-separated.")
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Basket file (.xz/.gz allowed). Items are trimmed; empty lines are skipped.")
    Path file;

    @Option(names = "--min-support", defaultValue = "0.01", description = "Minimum support, a share of baskets (default: ${DEFAULT-VALUE}).")
    double minSupport;

    @Option(names = "--min-confidence", defaultValue = "0.3", description = "Minimum confidence (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--max-length", defaultValue = "10", description = "Most items in a rule (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--max-consequent", defaultValue = "1", description = "Most items on the right-hand side (default: ${DEFAULT-VALUE}).")
    int maxConsequent;

    @Option(names = "--top", description = "Print only the first N rules (by lift).")
    Integer top;

    @Option(names = "--json", description = "Print a JSON array of rules instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RuleOptions options = new RuleOptions(minSupport, minConfidence, maxLength, maxConsequent);
        List<List<String>> baskets = new ArrayList<>();
        for (String line : InputFiles.lines(file)) {
            if (line.isBlank()) continue;
            baskets.add(Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        RuleSet rs = AssociationRules.mine(baskets, options);
        List<AssociationRule> rules = top == null ? rs.rules() : rs.rules().subList(0, Math.min(top, rs.rules().size()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AssociationRule r : rules) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("antecedent", r.antecedent());
                row.put("consequent", r.consequent());
                row.put("support", r.support());
                row.put("confidence", r.confidence());
                row.put("lift", r.lift());
                row.put("count", r.count());
                rows.add(row);
            }
            out.println(Json.write(rows));
        } else {
            out.printf(java.util.Locale.ROOT, "%d rules from %d baskets (%d frequent itemsets)%n", rs.rules().size(), rs.baskets(),
                    rs.itemsets().size());
            for (AssociationRule r : rules) {
                out.printf(java.util.Locale.ROOT, "{%s} => {%s}  support %.4f  confidence %.4f  lift %.4f%n",
                        String.join(", ", r.antecedent()), String.join(", ", r.consequent()), r.support(), r.confidence(), r.lift());
            }
        }
        out.flush();
        return 0;
    }
}
