package dev.nudge.server.intelligence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.intelligence.IntelligenceRefresh;
import dev.nudge.core.intelligence.RefreshSettings;
import dev.nudge.core.intelligence.replenishment.ProductEvents;
import dev.nudge.core.intelligence.replenishment.ProductPurchase;
import dev.nudge.core.intelligence.rules.AssociationRule;
import dev.nudge.core.intelligence.rules.Recommender;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Recomputes the intelligence traits of every profile from the store and writes them back
 * (DESIGN.md §8). How a refresh works, and why:
 * <ol>
 *   <li>Read: every order event with event time ≤ {@code asOf} (the clock's now) in one scan
 *       ({@link OrderHistory}). Events arriving after the scan wait for the next refresh.</li>
 *   <li>Compute: {@link IntelligenceRefresh#run}, a pure function — same history, same traits.</li>
 *   <li>Write: through the single writer, in chunks of {@link #CHUNK} profiles, each chunk one
 *       request: the computed keys are replaced ({@link ComputedTraits}) and, in the same atomic
 *       write, {@link SegmentRuntime#traitsChanged} re-evaluates the profile's segments, so a segment
 *       on {@code rfm.group} changes membership with the trait, never after. Profiles whose traits
 *       did not change are not rewritten (no write, no re-evaluation). A few chunks are kept in
 *       flight so the writer can group-commit them while live ingest continues between them.</li>
 *   <li>Record: the report and the mined rules go to the meta column, so the API answers after a restart.</li>
 * </ol>
 * One refresh runs at a time; a second caller gets {@link Busy}. A refresh is not one transaction:
 * a crash midway leaves some profiles refreshed and some not, which the next refresh repairs.
 */
public final class IntelligenceService {
    static final int CHUNK = 500;
    static final int IN_FLIGHT = 4;
    static final byte[] REPORT_KEY = StoreKeys.Prefix.INTELLIGENCE_REPORT.bytes();
    static final byte[] RULES_KEY = StoreKeys.Prefix.INTELLIGENCE_RULES.bytes();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(IntelligenceService.class);

    /** Thrown when a refresh is asked for while one runs. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("a refresh is already running; wait for it (GET /api/v1/intelligence/models shows the last one) and retry", null, false, false);
        }
    }

    private final NudgeStore store;
    private final IngestWriter writer;
    private final SegmentRuntime segments;
    private final InstantSource clock;
    private final RefreshSettings settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile RefreshReport last;
    private volatile Recommender recommender;

    public IntelligenceService(NudgeStore store, IngestWriter writer, SegmentRuntime segments, InstantSource clock, RefreshSettings settings) {
        this.store = store;
        this.writer = writer;
        this.segments = segments;
        this.clock = clock;
        this.settings = settings;
        load();
    }

    public RefreshSettings settings() {
        return settings;
    }

    /** The last completed refresh, if any ran on this data folder. */
    public Optional<RefreshReport> last() {
        return Optional.ofNullable(last);
    }

    /** Recommendations from the last refresh's rules; empty before the first refresh or when no baskets existed. */
    public Optional<Recommender> recommender() {
        return Optional.ofNullable(recommender);
    }

    /** Distinct product ids a profile bought (its {@code Order Completed} lines), for per-profile recommendations. */
    public Set<String> purchased(String profileId) {
        Set<String> items = new LinkedHashSet<>();
        for (ProductPurchase p : ProductEvents.purchases(profileId, store.history(profileId), ProductEvents.Key.PRODUCT)) items.add(p.productId());
        return items;
    }

    /** Runs a full refresh now, as of the clock's instant. */
    public RefreshReport refresh(String trigger) {
        if (!running.compareAndSet(false, true)) throw new Busy();
        try {
            return run(trigger);
        } finally {
            running.set(false);
        }
    }

    private RefreshReport run(String trigger) {
        long started = System.nanoTime();
        Instant asOf = clock.instant();
        log.info("intelligence refresh started (trigger {}, as of {})", trigger, asOf);
        OrderHistory.Snapshot history = OrderHistory.read(store, asOf);
        long read = System.nanoTime();
        IntelligenceRefresh.Result result = IntelligenceRefresh.run(history.byProfile(), asOf, settings);
        long computed = System.nanoTime();
        Map<String, Map<String, Object>> traits = result.traits();

        // profiles to visit: those with computed traits now, and those still carrying old ones
        Set<String> ids = new LinkedHashSet<>(traits.keySet());
        store.forEachProfile(p -> {
            if (ComputedTraits.hasAny(p)) ids.add(p.id());
        });
        int changed = write(new ArrayList<>(ids), traits);
        long written = System.nanoTime();
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        phases.put("read", (read - started) / 1_000_000);
        phases.put("compute", (computed - read) / 1_000_000);
        phases.put("write", (written - computed) / 1_000_000);

        RefreshReport report = new RefreshReport(asOf, trigger, (written - started) / 1_000_000, phases, history.scanned(),
                history.orderEvents(), history.byProfile().size(), traits.size(), changed, RefreshReport.parts(result),
                RefreshReport.groupSizes(result), RefreshReport.models(result), result.problems());
        List<Map<String, Object>> rules = result.rules().map(s -> s.rules().stream().map(RefreshReport::rule).toList()).orElse(List.of());
        byte[] reportJson = json(report.toMap()), rulesJson = json(rules);
        await(writer.submitWorkUnchecked(txn -> {
            txn.put(Column.META, REPORT_KEY, reportJson);
            txn.put(Column.META, RULES_KEY, rulesJson);
            return null;
        }));
        last = report;
        recommender = result.rules().map(s -> s.recommender()).orElse(null);
        log.info("intelligence refresh finished in {} ms (read {} / compute {} / write {}): {} events scanned, {} order events, "
                        + "{} profiles with orders, {} with computed traits, {} changed; parts {}{}",
                report.durationMillis(), phases.get("read"), phases.get("compute"), phases.get("write"), report.eventsScanned(),
                report.orderEvents(), report.profilesWithOrders(), report.profilesWithTraits(), report.profilesChanged(), report.parts(),
                report.problems().isEmpty() ? "" : "; skipped: " + String.join(" | ", report.problems()));
        return report;
    }

    /** Replaces computed traits chunk by chunk; returns how many profiles changed. */
    private int write(List<String> ids, Map<String, Map<String, Object>> traits) {
        Deque<CompletableFuture<Integer>> inFlight = new ArrayDeque<>();
        int changed = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            inFlight.add(writer.submitWorkUnchecked(txn -> {
                int n = 0;
                for (String id : chunk) {
                    Profile before = txn.profile(id);
                    if (before == null) continue; // erased or merged away since the scan
                    Profile after = ComputedTraits.replace(before, traits.getOrDefault(id, Map.of()));
                    if (after == before) continue;
                    txn.putProfile(after);
                    segments.traitsChanged(txn, after);
                    n++;
                }
                return n;
            }));
            if (inFlight.size() >= IN_FLIGHT) changed += await(inFlight.poll());
        }
        while (!inFlight.isEmpty()) changed += await(inFlight.poll());
        return changed;
    }

    private void load() {
        try {
            byte[] r = store.get(Column.META, REPORT_KEY);
            if (r != null) last = RefreshReport.fromMap(MAPPER.readValue(r, new TypeReference<Map<String, Object>>() {}));
            byte[] rules = store.get(Column.META, RULES_KEY);
            if (rules != null) {
                List<Map<String, Object>> list = MAPPER.readValue(rules, new TypeReference<List<Map<String, Object>>>() {});
                List<AssociationRule> parsed = list.stream().map(RefreshReport::rule).toList();
                recommender = last != null && last.parts().contains("recommendations") ? new Recommender(parsed) : null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the stored intelligence report is unreadable; POST /api/v1/intelligence/refresh rewrites it", e);
        }
    }

    private static byte[] json(Object o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing computed traits; the next refresh completes the work", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
