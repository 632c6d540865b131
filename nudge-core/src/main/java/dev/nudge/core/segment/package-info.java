/**
 * Segments: live groups of profiles defined by what they did, did not do, and stopped doing
 * (DESIGN.md §6–§7; the user reference is docs/segments.md).
 *
 * <h2>Phases</h2>
 * {@code parse → check → compile → evaluate}, as in CEL: {@link dev.nudge.core.segment.lang.SegmentParser#parse}
 * turns YAML/JSON text into a typed {@link dev.nudge.core.segment.lang.Condition} tree, reporting every
 * {@link dev.nudge.core.segment.lang.Issue} (line, column, hint); {@link dev.nudge.core.segment.SegmentCatalog}
 * checks references between segments (unknown ids, cycles) and fixes the dependency order;
 * {@link dev.nudge.core.segment.SegmentEngine#of} compiles a catalog for incremental evaluation;
 * {@link dev.nudge.core.segment.ReferenceEvaluator} is the plain definition of membership the engine is tested against.
 *
 * <h2>API the store and server call (kept stable)</h2>
 * <pre>{@code
 * SegmentCatalog catalog = SegmentCatalog.parse(Map.of("vip.yaml", yamlText));   // or DefaultSegments.catalog()
 * SegmentEngine engine = SegmentEngine.of(catalog);        // immutable, thread-safe, one per catalog version
 *
 * // per profile, in order, inside the store's per-profile processing:
 * ProfileSegmentState state = bytes == null ? null : ProfileSegmentState.decode(bytes);   // null = new profile
 * Evaluation ev = engine.onEvent(state, profileAfterEvent, event, now, history);
 * store.put(profileId, ev.newState().encode());            // atomically with the event
 * timers.set(profileId, ev.nextDue());                      // null = no timer; one timer per profile
 * publish(ev.transitions());                                // ordered by at; exactly once per real change
 *
 * // when the timer fires (late is fine: transitions carry the due instant):
 * ev = engine.onTime(state, profile, due, history);
 * // identify with no event a segment mentions:
 * ev = engine.onTraitsChanged(state, profileAfter, now, history);
 * // merge (history = merged events), backfill of a new/changed catalog (use the OLD engine's memberships):
 * ev = newEngine.rebuild(oldEngine.memberships(state), profile, history, now, Cause.MERGE | Cause.BACKFILL);
 * Map<String, Instant> members = engine.memberships(state);   // segment id → since
 * }</pre>
 *
 * <h2>Contracts</h2>
 * <ul>
 *   <li>Pure: no I/O, clock or threads. Time is the {@code now}/{@code due} passed in; a profile's
 *       time never runs backwards (an earlier {@code now} is treated as the state's {@code asOf}).</li>
 *   <li>Events must have event time ≤ now (ingestion clamps future timestamps). Late and
 *       out-of-order events are applied without replay and reach the same state as in-order ones.</li>
 *   <li>{@link dev.nudge.core.segment.HistorySource} (the profile's stored events, including the one
 *       being processed) is read by {@code rebuild}, and by the other calls only when a windowed
 *       sum/avg/min/max that outgrew its 32 exact pairs starts to expire its summarised part
 *       (about once per 16 matching events). It is never read for other conditions.</li>
 *   <li>A state built under another catalog fingerprint is refused with an
 *       {@link java.lang.IllegalStateException} that says to rebuild.</li>
 *   <li>Nullness: parameters and results are non-null except where documented
 *       ({@code state} may be null for a new profile; {@code nextDue} is null when no timer is needed).</li>
 * </ul>
 */
package dev.nudge.core.segment;
