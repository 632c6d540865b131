package dev.nudge.bench.macro;

import dev.nudge.bench.engine.BenchCatalog;
import dev.nudge.bench.engine.LivePath;
import dev.nudge.bench.engine.StoreScaling;
import dev.nudge.bench.engine.TimerLateness;
import dev.nudge.bench.engine.TransitionLatency;
import dev.nudge.bench.workload.Workload;
import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.store.segment.TimerService;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The live figures of the suite taken on the store the macro harness loaded, so each is measured at
 * every size without loading the population again (bench/suite.sh passes {@code --at-size}): after
 * the segments and the one-more-event runs,
 * <ol>
 *   <li>the writer's per-event cost with cold profiles: {@value #WRITER_EVENTS} events for profiles
 *       drawn at random from the whole population, through the durable writer with the 20 segments
 *       live (requests of 100, 16 in flight), and the STATE column's size per profile;</li>
 *   <li>event → durable transition latency at 10,000 events/s and timer lateness, with the clock now
 *       running at the wall clock's pace and the probe segments added to the catalog.</li>
 * </ol>
 * Before each, the timers already due are fired ({@link #catchUp}), as a running server would have;
 * those that come due while the measurements run fire as they would in production.
 */
final class AtSize {
    static final int WRITER_EVENTS = 200_000;
    /** Event names and their shares, as a shop's live traffic mixes them. */
    private static final String[] MIX = {"Product Viewed", "Product Viewed", "Product Viewed", "Product Viewed",
            "Product Added", "Checkout Started", "Email Delivered", "Email Opened", "Order Completed"};

    private AtSize() {
    }

    static void measure(NudgeBackend nudge, Workload w, long seed) throws Exception {
        NudgeRuntime rt = nudge.runtime();
        long n = w.spec().profiles();
        catchUp(rt, nudge.clock());
        Instant start = nudge.clock().instant().plusSeconds(60);
        List<Event> events = coldEvents(nudge, start, seed);
        StoreScaling.writerCost(rt.writer(), events, 100, 16, n, e -> nudge.clock().set(e.timestamp()));
        StoreScaling.space(rt.store(), n);

        nudge.clock().runFrom(events.get(events.size() - 1).timestamp().plusSeconds(1));
        catchUp(rt, nudge.clock());
        rt.segments().install(SegmentEngine.of(BenchCatalog.twentyPlus(Map.of(
                TransitionLatency.PROBE + ".yaml", TransitionLatency.PROBE_YAML,
                TimerLateness.PROBE + ".yaml", TimerLateness.PROBE_YAML))));
        LivePath live = new LivePath(rt.store(), rt.segments(), rt.writer(), nudge.clock(), n);
        TransitionLatency.measure(live, 10_000, 20, 5);
        TimerLateness.measure(live, 10_000, 10);
    }

    /**
     * Fires every timer due by the clock's now. The harness runs no timer thread while its clock
     * stands still, so timers come due unfired (at the workload's end: the windows that close at
     * midnight); a server fires them as they come due, and a steady-state measurement starts with none
     * outstanding.
     */
    private static void catchUp(NudgeRuntime rt, InstantSource clock) throws Exception {
        TimerService timers = new TimerService(rt.store(), rt.writer(), rt.segments(), clock, ms -> {});
        long t0 = System.nanoTime(), entries = 0;
        for (int n; (n = timers.runOnce()) > 0; ) entries += n;
        System.out.printf("  nudge     timers due by %s fired before measuring: %,d index entries in %.1f s%n",
                clock.instant(), entries, (System.nanoTime() - t0) / 1e9);
    }

    /** Events for random stored profiles (by their own user or anonymous id), 1 ms apart from {@code start}. */
    private static List<Event> coldEvents(NudgeBackend nudge, Instant start, long seed) {
        List<String> ids = nudge.profileIdsForBench();
        SplittableRandom r = new SplittableRandom(seed);
        List<Event> out = new ArrayList<>(WRITER_EVENTS);
        for (int i = 0; i < WRITER_EVENTS; i++) {
            Profile p = nudge.runtime().store().profile(ids.get(r.nextInt(ids.size())));
            String user = p.userIds().isEmpty() ? null : p.userIds().iterator().next();
            String anonymous = user != null || p.anonymousIds().isEmpty() ? null : p.anonymousIds().iterator().next();
            if (user == null && anonymous == null) user = p.id();
            String name = MIX[r.nextInt(MIX.length)];
            Map<String, Object> props = name.equals("Order Completed")
                    ? Map.of("order_id", "live-" + i, "revenue", 20 + r.nextInt(300), "currency", "USD")
                    : name.startsWith("Email") ? Map.of("campaign_id", "c" + r.nextInt(20))
                    : Map.of("product_id", "p" + r.nextInt(500), "category", "shoes", "price", 10 + r.nextInt(200));
            Instant at = start.plusMillis(i);
            out.add(new Event("live-" + seed + "-" + i, EventType.TRACK, user, anonymous, name, props, Map.of(), Map.of(), at, at, null, null));
        }
        return out;
    }
}
