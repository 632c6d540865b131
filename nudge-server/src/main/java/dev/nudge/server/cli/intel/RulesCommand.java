package dev.nudge.server.cli.intel;

import dev.nudge.core.intelligence.rules.AssociationRule;
import dev.nudge.core.intelligence.rules.AssociationRules;
import dev.nudge.core.intelligence.rules.RuleOptions;
import dev.nudge.core.intelligence.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nudge rules FILE}: association rules of a basket file, one basket a line or one row per item ({@link BasketFile}). */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Mine association rules (support, confidence, lift) from baskets: one basket a line, items comma-separated (wide),",
                "or a CSV with a header and one row per item, basket id and item in two columns (long, e.g. transaction,item)."})
public final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Basket file (.xz/.gz allowed). Items are trimmed; empty lines are skipped.")
    Path file;

    @Option(names = "--format", defaultValue = "auto", description = "auto, wide (one basket a line) or long (one row per item, with a header); "
            + "auto reads long when --basket/--item is given or the rows look like basket,item (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--basket", description = "Long format: the column holding the basket id (default: the first column).")
    String basketColumn;

    @Option(names = "--item", description = "Long format: the column holding the item (default: the second column).")
    String itemColumn;

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
        BasketFile.Format requested = BasketFile.parseFormat(format);
        BasketFile.Baskets read = BasketFile.read(file, requested, basketColumn, itemColumn);
        if (requested == BasketFile.Format.AUTO && read.format() == BasketFile.Format.LONG && basketColumn == null && itemColumn == null) {
            spec.commandLine().getErr().printf("nudge: reading %s as one row per item: basket column %s, item column %s (--format wide reads one basket a line)%n",
                    file.getFileName(), read.basketColumn(), read.itemColumn());
        }
        RuleSet rs = AssociationRules.mine(read.baskets(), options);
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
