package dev.nudge.core.intelligence.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits each frequent itemset into rules X → Y and computes their measures from the counts. */
final class RuleGenerator {

    private RuleGenerator() {}

    static List<AssociationRule> rules(Apriori.Result counted, String[] names, int n, RuleOptions options) {
        List<AssociationRule> out = new ArrayList<>();
        for (var e : counted.counts().entrySet()) {
            int[] z = e.getKey().ids();
            int k = z.length;
            if (k < 2) continue;
            long zCount = e.getValue();
            // every non-empty proper subset X of Z by bit mask; Y = Z \ X
            for (int mask = 1; mask < (1 << k) - 1; mask++) {
                int ySize = k - Integer.bitCount(mask);
                if (ySize > options.maxConsequent()) continue;
                int[] x = new int[k - ySize];
                int[] y = new int[ySize];
                for (int i = 0, xi = 0, yi = 0; i < k; i++) {
                    if ((mask & (1 << i)) != 0) x[xi++] = z[i]; else y[yi++] = z[i];
                }
                long xCount = counted.counts().get(new Apriori.Items(x));
                long yCount = counted.counts().get(new Apriori.Items(y));
                double confidence = (double) zCount / xCount;
                if (confidence < options.minConfidence()) continue;
                double lift = confidence / ((double) yCount / n);
                out.add(new AssociationRule(AssociationRules.decode(x, names), AssociationRules.decode(y, names),
                        zCount, (double) zCount / n, confidence, lift));
            }
        }
        return out;
    }
}
