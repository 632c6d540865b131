package dev.nudge.core.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.clv.BgNbdFit;
import dev.nudge.core.intelligence.clv.ClvPredictor;
import dev.nudge.core.intelligence.clv.CustomerPrediction;
import dev.nudge.core.intelligence.clv.CustomerSummary;
import dev.nudge.core.intelligence.clv.GammaGamma;
import dev.nudge.core.intelligence.clv.InsufficientDataException;
import dev.nudge.core.intelligence.clv.SummaryBuilder;
import dev.nudge.core.intelligence.recency.RepurchaseGaps;
import dev.nudge.core.intelligence.replenishment.ProductEvents;
import dev.nudge.core.intelligence.replenishment.ProductPurchase;
import dev.nudge.core.intelligence.replenishment.ReplenishmentModel;
import dev.nudge.core.intelligence.rfm.Rfm;
import dev.nudge.core.intelligence.rfm.RfmGroup;
import dev.nudge.core.intelligence.rfm.RfmScore;
import dev.nudge.core.intelligence.rules.AssociationRules;
import dev.nudge.core.intelligence.rules.Recommender;
import dev.nudge.core.intelligence.rules.RuleSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call that recomputes every profile's intelligence traits from its events at instant
 * {@code asOf} — what a scheduled or on-demand refresh runs (DESIGN.md §8). Events after
 * {@code asOf} are ignored, so a replay at the same instant gives the same traits.
 *
 * <p>Each part degrades on its own: when BG/NBD's data requirements are unmet, profiles get no
 * {@code predicted.*} traits and {@link Result#problems()} says why; RFM, replenishment and
 * recommendations are still computed. The analysis date of RFM is the calendar day of {@code asOf}.
 */
public final class IntelligenceRefresh {

    private IntelligenceRefresh() {}

    /**
     * @param traits per profile id, the computed traits to store (top-level keys {@code rfm},
     *     {@code predicted}, {@code recency}, {@code replenishment}, {@code recommendations}; absent when not computed)
     * @param rfmGroupSizes customers per RFM group, for the API
     * @param purchases the BG/NBD fit, if the data sufficed
     * @param spend the Gamma-Gamma fit, if the data sufficed
     * @param repurchaseGaps the shop's gaps between two orders, if enough customers came back to
     *     give {@code recency.churn_risk}
     * @param problems why a part was skipped, in words a shop owner can act on
     */
    public record Result(Map<String, Map<String, Object>> traits, Map<RfmGroup, Long> rfmGroupSizes,
            Optional<BgNbdFit> purchases, Optional<GammaGamma.GammaGammaFit> spend, Optional<RepurchaseGaps> repurchaseGaps,
            Optional<RuleSet> rules, List<String> problems) {}

    public static Result run(Map<String, ? extends List<Event>> eventsByProfile, Instant asOf, RefreshSettings s) {
        LocalDate today = LocalDate.ofInstant(asOf, s.zone());
        List<Order> orders = new ArrayList<>();
        Map<String, List<ProductPurchase>> bought = new HashMap<>();
        List<List<String>> baskets = new ArrayList<>();
        eventsByProfile.forEach((id, events) -> {
            List<Event> past = events.stream().filter(e -> !e.timestamp().isAfter(asOf)).toList();
            orders.addAll(OrderEvents.orders(id, past));
            List<ProductPurchase> p = ProductEvents.purchases(id, past, ProductEvents.Key.PRODUCT);
            if (!p.isEmpty()) bought.put(id, p);
            for (Event e : past) {
                List<String> basket = ProductEvents.purchases(id, List.of(e), ProductEvents.Key.PRODUCT).stream()
                        .map(ProductPurchase::productId).distinct().toList();
                if (!basket.isEmpty()) baskets.add(basket);
            }
        });
        Map<String, Map<String, Object>> traits = new HashMap<>();
        List<String> problems = new ArrayList<>();

        List<RfmScore> rfm = orders.isEmpty() ? List.of() : Rfm.analyse(orders, today, s.zone(), s.rfmBins());
        for (RfmScore r : rfm) put(traits, r.customerId(), r.traits());

        // recency: covers one-time buyers, whom BG/NBD gives P(alive) = 1 by construction
        RepurchaseGaps gaps = RepurchaseGaps.fit(orders, s.zone());
        int minReturning = s.requirements().minRepeatBuyers();
        boolean withRisk = gaps.sufficient(minReturning);
        if (!withRisk && !orders.isEmpty()) problems.add(gaps.insufficiency(minReturning));
        gaps.traits(today, withRisk).forEach((id, t) -> put(traits, id, t));

        Optional<BgNbdFit> bg = Optional.empty();
        Optional<GammaGamma.GammaGammaFit> gg = Optional.empty();
        List<CustomerSummary> summaries = SummaryBuilder.summarize(orders, today, s.zone());
        try {
            bg = Optional.of(BgNbdFit.fit(summaries, s.requirements()));
            gg = Optional.of(GammaGamma.fit(summaries, s.requirements().minRepeatBuyers()));
            ClvPredictor predictor = new ClvPredictor(bg.get().params(), gg.get().params(), today.atStartOfDay(s.zone()).toInstant(),
                    s.horizonWeeks(), s.annualDiscountRate());
            for (CustomerPrediction p : predictor.predictAll(summaries)) put(traits, p.customerId(), p.traits());
        } catch (InsufficientDataException e) {
            problems.addAll(e.problems());
        } catch (IllegalStateException e) { // a spend model without a finite mean (q <= 1)
            problems.add(e.getMessage());
        }

        List<ProductPurchase> all = bought.values().stream().flatMap(List::stream).toList();
        ReplenishmentModel replenishment = ReplenishmentModel.fit(all, s.zone(), s.minReplenishmentCustomers());
        bought.forEach((id, p) -> put(traits, id, replenishment.due(p).traits()));

        Optional<RuleSet> rules = Optional.empty();
        if (s.rules() != null && !baskets.isEmpty()) {
            rules = Optional.of(AssociationRules.mine(baskets, s.rules()));
            Recommender rec = rules.get().recommender();
            bought.forEach((id, p) -> {
                Set<String> items = new LinkedHashSet<>();
                for (ProductPurchase x : p) items.add(x.productId());
                put(traits, id, rec.traits(items, s.recommendations()));
            });
        }
        return new Result(traits, Rfm.groupSizes(rfm), bg, gg, withRisk ? Optional.of(gaps) : Optional.empty(), rules, problems);
    }

    private static void put(Map<String, Map<String, Object>> traits, String id, Map<String, Object> more) {
        if (!more.isEmpty()) traits.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(more);
    }
}
