package dev.nudge.bench.engine;

import dev.nudge.bench.suite.SuiteResults;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.ingest.OverloadedException;
import dev.nudge.store.segment.StoredTransition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Event → durable transition latency at a steady rate (DESIGN.md §14: p99 ≤ 10 ms at 10,000 events/s).
 *
 * <p>Method: an open-loop sender submits one {@code Latency Probe} event per request to the writer
 * ({@link LivePath}: 20 benchmark segments + the probe segment {@code zz-probe-latency}, durable group
 * commits, the timer thread running; a fresh store, or the macro harness's store loaded at a size) at exactly {@code rate}/s; each event is a new user, so each causes
 * exactly one {@code entered} transition. Latency = the transition's publication to subscribers
 * ({@code SegmentRuntime.subscribe}, called after the WAL-synced write) − the event's <em>scheduled</em>
 * send instant, so a sender that falls behind counts its delay (no coordinated omission). The first
 * {@code warmup-seconds} are excluded.
 *
 * <p>Run: {@code bench/engine.sh latency [--rate 10000] [--seconds 20] [--warmup-seconds 5]}.
 */
public final class TransitionLatency {
    static final String USAGE = "TransitionLatency [--rate N] [--seconds N] [--warmup-seconds N]";
    public static final String PROBE = "zz-probe-latency";
    public static final String PROBE_YAML = """
            id: zz-probe-latency
            name: Sent a latency probe (benchmark only)
            where:
              event: Latency Probe
            """;

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, USAGE);
        int rate = a.integer("rate", 10_000);
        int seconds = a.integer("seconds", 20);
        int warmup = a.integer("warmup-seconds", 5);
        Report.machine();
        try (LiveStore live = new LiveStore(Map.of(PROBE + ".yaml", PROBE_YAML))) {
            measure(live.path(), rate, seconds, warmup);
        }
    }

    /**
     * Runs the measurement on {@code live}, whose catalog must hold {@link #PROBE_YAML}, with the
     * server's timer thread running beside it; prints and records the figures at {@code live.profiles()}.
     */
    public static void measure(LivePath live, int rate, int seconds, int warmup) throws Exception {
        int total = rate * seconds;
        if (live.runtime().engine().catalog().get(PROBE) == null) throw new IllegalArgumentException("the live catalog lacks " + PROBE);
        AtomicLongArray received = new AtomicLongArray(total);
        CountDownLatch all = new CountDownLatch(total);
        long refused = 0;
        long groups0 = live.writer().groupCommits();
        Consumer<List<StoredTransition>> listener = ts -> {
            long now = System.nanoTime();
            for (StoredTransition st : ts) {
                Transition t = st.transition();
                if (t.segmentId().equals(PROBE) && t.kind() == Transition.Kind.ENTERED && t.profileId().startsWith("lat-")) {
                    received.set(Integer.parseInt(t.profileId().substring(4)), now);
                    all.countDown();
                }
            }
        };
        live.runtime().subscribe(listener);
        LongAdder fired = new LongAdder();
        try (var timers = live.startTimers(ms -> fired.increment())) {
            long interval = 1_000_000_000L / rate;
            long[] scheduled = new long[total];
            long t0 = System.nanoTime() + 100_000_000L;
            for (int i = 0; i < total; i++) {
                long due = t0 + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                scheduled[i] = due;
                Event e = Event.track("lat-m" + i, "lat-" + i, "Latency Probe", Map.of("n", i), live.clock().instant());
                try {
                    live.writer().submit(List.of(e));
                } catch (OverloadedException ex) {
                    refused++;
                    all.countDown();
                }
            }
            double sendSecs = (System.nanoTime() - t0) / 1e9;
            if (!all.await(60, TimeUnit.SECONDS)) System.out.println("WARNING: " + all.getCount() + " transitions never arrived");
            long[] lat = new long[total];
            int n = 0;
            for (int i = warmup * rate; i < total; i++) {
                long r = received.get(i);
                if (r != 0) lat[n++] = r - scheduled[i];
            }
            System.out.printf("%,d profiles stored: sent %,d events in %.2f s (%,.0f/s, target %,d/s), %d refused (429), %d writer group commits,"
                            + " %,d timers fired meanwhile%n",
                    live.profiles(), total, sendSecs, total / sendSecs, rate, refused, live.writer().groupCommits() - groups0, fired.sum());
            Stats st = Stats.of(lat, n);
            System.out.println("event → durable transition, after " + warmup + " s warm-up: " + st.format(1e6, "ms"));
            long size = live.profiles();
            SuiteResults.record("transition-latency", "p50_ms_at_" + rate + "_per_s", size, st.p50() / 1e6, "ms");
            SuiteResults.record("transition-latency", "p99_ms_at_" + rate + "_per_s", size, st.p99() / 1e6, "ms");
            SuiteResults.record("transition-latency", "achieved_events_per_s", size, total / sendSecs, "events/s");
        } finally {
            live.runtime().unsubscribe(listener);
        }
    }
}
