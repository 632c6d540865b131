package dev.nudge.core.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssociationRulesTest {

    static final List<List<String>> BASKETS = List.of(
            List.of("bread", "butter", "milk"),
            List.of("bread", "butter"),
            List.of("bread", "jam"),
            List.of("milk"),
            List.of("bread", "butter", "jam", "milk"));

    @Test
    void measures_followTheDefinitions() {
        RuleSet rs = AssociationRules.mine(BASKETS, RuleOptions.of(0.4, 0.5));
        AssociationRule butterToBread = rs.rules().stream()
                .filter(r -> r.antecedent().equals(List.of("butter")) && r.consequent().equals(List.of("bread")))
                .findFirst().orElseThrow();
        assertThat(butterToBread.count()).isEqualTo(3);
        assertThat(butterToBread.support()).isCloseTo(0.6, within(1e-12)); // 3 of 5 baskets
        assertThat(butterToBread.confidence()).isCloseTo(1.0, within(1e-12)); // every butter basket has bread
        assertThat(butterToBread.lift()).isCloseTo(1.0 / 0.8, within(1e-12)); // bread is in 4 of 5
    }

    @Test
    void duplicatesInABasket_countOnce_andItemsetsBelowSupportAreDropped() {
        RuleSet rs = AssociationRules.mine(List.of(List.of("a", "a", "b"), List.of("a"), List.of("c")), RuleOptions.of(0.5, 0));
        assertThat(rs.itemsets()).extracting(FrequentItemset::items).containsExactly(List.of("a"));
        assertThat(rs.itemsets().get(0).count()).isEqualTo(2);
    }

    @Test
    void consequentSize_isLimitedByOptions() {
        RuleSet one = AssociationRules.mine(BASKETS, new RuleOptions(0.2, 0, 10, 1));
        RuleSet two = AssociationRules.mine(BASKETS, new RuleOptions(0.2, 0, 10, 2));
        assertThat(one.rules()).allMatch(r -> r.consequent().size() == 1);
        assertThat(two.rules()).anyMatch(r -> r.consequent().size() == 2);
    }

    @Test
    void recommender_perProduct_ranksByLiftAndSkipsLiftAtMostOne() {
        RuleSet rs = AssociationRules.mine(BASKETS, RuleOptions.of(0.2, 0));
        var recs = rs.recommender().forProduct("jam", 3);
        assertThat(recs).extracting(Recommender.Recommendation::item).doesNotContain("jam");
        assertThat(recs).allMatch(r -> r.lift() > 1);
        assertThat(recs).isSortedAccordingTo((a, b) -> Double.compare(b.lift(), a.lift()));
    }

    @Test
    void badOptions_explainTheRange() {
        assertThatThrownBy(() -> RuleOptions.of(0, 0.3)).hasMessageContaining("e.g. 0.01");
        assertThatThrownBy(() -> RuleOptions.of(0.01, 1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> AssociationRules.mine(List.of(), RuleOptions.of(0.1, 0.1))).hasMessageContaining("empty");
    }
}
