package dev.nudge.core.intelligence.rules;

import java.util.List;

/**
 * X → Y over baskets, with the standard measures (Agrawal et al. 1993; Brin et al. 1997 for lift):
 * support = P(X ∪ Y) (share of baskets containing both), confidence = P(X ∪ Y) / P(X),
 * lift = confidence / P(Y). Lift above 1 means Y is bought with X more often than on its own.
 *
 * @param antecedent X, sorted, non-empty
 * @param consequent Y, sorted, non-empty, disjoint from X
 * @param count baskets containing X ∪ Y
 */
public record AssociationRule(List<String> antecedent, List<String> consequent, long count, double support,
        double confidence, double lift) {

    public AssociationRule {
        antecedent = List.copyOf(antecedent);
        consequent = List.copyOf(consequent);
        if (antecedent.isEmpty() || consequent.isEmpty()) throw new IllegalArgumentException("a rule needs both sides");
    }
}
