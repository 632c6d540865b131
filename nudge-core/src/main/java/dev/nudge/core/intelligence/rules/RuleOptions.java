package dev.nudge.core.intelligence.rules;

/**
 * What to mine.
 *
 * @param minSupport an itemset is frequent when (baskets containing it) / (all baskets) ≥ this; in (0, 1]
 * @param minConfidence a rule X → Y is kept when support(X ∪ Y) / support(X) ≥ this; in [0, 1]
 * @param maxLength the largest itemset mined (rules have at most this many items in all); ≥ 1
 * @param maxConsequent the largest consequent Y; 1 (the default, as in arules) gives "X → one item"
 */
public record RuleOptions(double minSupport, double minConfidence, int maxLength, int maxConsequent) {

    public RuleOptions {
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new IllegalArgumentException("min support " + minSupport + " must be in (0, 1], e.g. 0.01 for 1 % of baskets");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min confidence " + minConfidence + " must be in [0, 1], e.g. 0.3");
        }
        if (maxLength < 1) throw new IllegalArgumentException("max length " + maxLength + " must be >= 1");
        if (maxConsequent < 1) throw new IllegalArgumentException("max consequent size " + maxConsequent + " must be >= 1");
    }

    public static RuleOptions of(double minSupport, double minConfidence) {
        return new RuleOptions(minSupport, minConfidence, 10, 1);
    }
}
