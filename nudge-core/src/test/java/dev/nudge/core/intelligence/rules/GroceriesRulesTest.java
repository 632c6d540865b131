package dev.nudge.core.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.intelligence.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Association rules on the real Groceries baskets, against a brute-force count and arules' published totals. */
class GroceriesRulesTest {

    static List<List<String>> baskets;

    @BeforeAll
    static void read() throws IOException {
        baskets = new ArrayList<>();
        for (String line : Files.readAllLines(Datasets.require("groceries").resolve("groceries_basket.csv"))) {
            if (!line.isBlank()) baskets.add(List.of(line.split(",")));
        }
    }

    @Test
    void sample_itemsetsAndRules_equalABruteForceEnumeration() {
        List<List<String>> sample = baskets.subList(0, 2000);
        double minSupport = 0.005, minConfidence = 0.2;
        RuleSet mined = AssociationRules.mine(sample, new RuleOptions(minSupport, minConfidence, 10, 3));

        // Brute force: every subset (size ≤ 5) of every basket, counted in a map.
        Map<List<String>, Long> counts = new HashMap<>();
        for (List<String> b : sample) {
            List<String> items = new ArrayList<>(new TreeSet<>(b));
            subsets(items, 0, new ArrayList<>(), 5, counts);
        }
        Map<List<String>, Long> frequent = new HashMap<>();
        counts.forEach((set, c) -> { if ((double) c / sample.size() >= minSupport) frequent.put(set, c); });
        // no frequent itemset of size 5 ⇒ none larger (every superset of a frequent set's subsets...) — anti-monotone
        assertThat(frequent.keySet()).noneMatch(s -> s.size() == 5);

        Map<List<String>, Long> ours = new HashMap<>();
        for (FrequentItemset f : mined.itemsets()) ours.put(f.items(), f.count());
        assertThat(ours).isEqualTo(frequent);
        assertThat(frequent.keySet()).anyMatch(s -> s.size() == 3);

        // Brute-force rules: every split of every frequent itemset, measures from the raw counts.
        Map<String, double[]> expected = new HashMap<>();
        for (var e : frequent.entrySet()) {
            List<String> z = e.getKey();
            if (z.size() < 2) continue;
            for (int mask = 1; mask < (1 << z.size()) - 1; mask++) {
                List<String> x = new ArrayList<>(), y = new ArrayList<>();
                for (int i = 0; i < z.size(); i++) ((mask & (1 << i)) != 0 ? x : y).add(z.get(i));
                if (y.size() > 3) continue;
                double conf = (double) e.getValue() / counts.get(x);
                if (conf < minConfidence) continue;
                double lift = conf / ((double) counts.get(y) / sample.size());
                expected.put(x + "=>" + y, new double[] {(double) e.getValue() / sample.size(), conf, lift});
            }
        }
        assertThat(mined.rules()).hasSize(expected.size());
        for (AssociationRule r : mined.rules()) {
            double[] want = expected.get(r.antecedent() + "=>" + r.consequent());
            assertThat(want).as("rule %s => %s", r.antecedent(), r.consequent()).isNotNull();
            assertThat(r.support()).isCloseTo(want[0], within(1e-12));
            assertThat(r.confidence()).isCloseTo(want[1], within(1e-12));
            assertThat(r.lift()).isCloseTo(want[2], within(1e-9));
        }
    }

    @Test
    void fullData_ruleCounts_matchArulesPublishedTotals() {
        // arules: apriori(Groceries, parameter = list(supp = 0.001, conf = 0.8)) → "set of 410 rules"
        // (single-item consequents, maxlen 10: the arules defaults)
        RuleSet strict = AssociationRules.mine(baskets, RuleOptions.of(0.001, 0.8));
        assertThat(strict.baskets()).isEqualTo(9835);
        assertThat(strict.rules()).hasSize(410);
        // the rule every arules tutorial shows first by lift: {liquor, red/blush wine} → {bottled beer}, lift 11.235
        AssociationRule top = strict.rules().get(0);
        assertThat(top.antecedent()).containsExactly("liquor", "red/blush wine");
        assertThat(top.consequent()).containsExactly("bottled beer");
        assertThat(top.lift()).isCloseTo(11.235, within(0.001));
        // apriori(Groceries, parameter = list(supp = 0.001, conf = 0.5)) → "set of 5668 rules"
        assertThat(AssociationRules.mine(baskets, RuleOptions.of(0.001, 0.5)).rules()).hasSize(5668);
    }

    @Test
    void recommendations_forWholeMilkBuyer_excludeWhatTheyBought() {
        RuleSet rs = AssociationRules.mine(baskets, RuleOptions.of(0.005, 0.1));
        var recs = rs.recommender().forProfile(List.of("whole milk", "yogurt"), 5);
        assertThat(recs).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(recs).extracting(Recommender.Recommendation::item).doesNotContain("whole milk", "yogurt");
        assertThat(recs).allMatch(r -> r.lift() > 1);
    }

    private static void subsets(List<String> items, int from, List<String> current, int maxSize, Map<List<String>, Long> counts) {
        for (int i = from; i < items.size(); i++) {
            current.add(items.get(i));
            counts.merge(List.copyOf(current), 1L, Long::sum);
            if (current.size() < maxSize) subsets(items, i + 1, current, maxSize, counts);
            current.remove(current.size() - 1);
        }
    }
}
