/**
 * Customer intelligence: RFM groups, BG/NBD + Gamma-Gamma predictions, replenishment timing and
 * complementary products (DESIGN.md §8). Everything here is a pure function over in-memory inputs:
 * no I/O, no threads, no clock — the analysis date or calibration end is always passed in, so a
 * scheduled refresh, an on-demand API call and a test give the same answer for the same history.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@link dev.nudge.core.intelligence.Order} — a completed order or refund of a customer;
 *       {@link dev.nudge.core.intelligence.OrderEvents#orders} reads them from a profile's
 *       {@code Order Completed} / {@code Order Refunded} events.</li>
 *   <li>{@link dev.nudge.core.intelligence.replenishment.ProductPurchase} — from
 *       {@link dev.nudge.core.intelligence.replenishment.ProductEvents#purchases}.</li>
 *   <li>Baskets (a list of item collections) for the rules, e.g. the product ids of each order.</li>
 * </ul>
 *
 * <h2>Entry points (each returns values ready to store as computed traits)</h2>
 * <ul>
 *   <li>All at once: {@link dev.nudge.core.intelligence.IntelligenceRefresh#run} over every profile's
 *       events at an instant → per-profile trait maps, RFM group sizes, the fits, and the reasons any
 *       part was skipped. This is what a schedule or an on-demand refresh calls.</li>
 *   <li>RFM: {@link dev.nudge.core.intelligence.rfm.Rfm#analyse} → per customer
 *       {@link dev.nudge.core.intelligence.rfm.RfmScore#traits()} ({@code rfm.r, rfm.f, rfm.m, rfm.group});
 *       {@link dev.nudge.core.intelligence.rfm.Rfm#groupSizes} for the API.</li>
 *   <li>Predictions: {@link dev.nudge.core.intelligence.clv.SummaryBuilder#summarize} →
 *       {@link dev.nudge.core.intelligence.clv.BgNbdFit#fit} and
 *       {@link dev.nudge.core.intelligence.clv.GammaGamma#fit} (both throw
 *       {@link dev.nudge.core.intelligence.clv.InsufficientDataException} explaining unmet
 *       requirements) → {@link dev.nudge.core.intelligence.clv.ClvPredictor#predictAll} →
 *       {@link dev.nudge.core.intelligence.clv.CustomerPrediction#traits()} ({@code predicted.*}).</li>
 *   <li>Recency: {@link dev.nudge.core.intelligence.recency.RepurchaseGaps#fit} over everyone →
 *       {@link dev.nudge.core.intelligence.recency.RepurchaseGaps#traits} ({@code recency.days_since_last_order},
 *       {@code recency.churn_risk}: the absence against the shop's gaps between orders, which also
 *       judges the one-time buyers BG/NBD calls alive by construction).</li>
 *   <li>Replenishment: {@link dev.nudge.core.intelligence.replenishment.ReplenishmentModel#fit} over
 *       everyone, then {@link dev.nudge.core.intelligence.replenishment.ReplenishmentModel#due} per
 *       profile → {@link dev.nudge.core.intelligence.replenishment.ProfileDue#traits()}
 *       ({@code replenishment.next_due}, an ISO instant for {@code in_next: 7d}).</li>
 *   <li>Rules: {@link dev.nudge.core.intelligence.rules.AssociationRules#mine} →
 *       {@link dev.nudge.core.intelligence.rules.RuleSet#recommender()} →
 *       {@code forProduct} / {@code forProfile} / {@code traits} ({@code recommendations}).</li>
 * </ul>
 * The computed traits are nested maps ({@code {"rfm": {"group": "Loyal"}}}) so dotted trait paths
 * resolve the same way as {@code consent.email}. Definitions, tie rules and the RFM grid are in
 * {@code docs/intelligence.md}.
 */
package dev.nudge.core.intelligence;
