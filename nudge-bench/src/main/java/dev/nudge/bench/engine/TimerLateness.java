package dev.nudge.bench.engine;

import dev.nudge.bench.suite.SuiteResults;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.segment.StoredTransition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Timer lateness on the real clock (DESIGN.md §14: time-caused transitions within 1 s of due).
 *
 * <p>Method: {@code profiles} new users each send {@code Timer Probe}, spread evenly over
 * {@code spread-seconds}; the probe segment {@code zz-probe-timer} (a sequence with
 * {@code not_followed_by: Timer Probe Done, within: 10s}) is entered exactly 10 s later, by a timer.
 * The real {@code TimerService} thread fires them through the writer ({@link LivePath}, 20 benchmark
 * segments live; a fresh store, or the macro harness's store loaded at a size). Two figures per timer: the service's own (firing − due, what the server exports as
 * {@code nudge_segment_timer_lateness_seconds}) and end to end (wall clock when the durable
 * {@code time} transition reaches subscribers − its {@code at}, the due instant).
 *
 * <p>Run: {@code bench/engine.sh timers [--profiles 10000] [--spread-seconds 5]}.
 */
public final class TimerLateness {
    static final String USAGE = "TimerLateness [--profiles N] [--spread-seconds N]";
    public static final String PROBE = "zz-probe-timer";
    public static final String PROBE_YAML = """
            id: zz-probe-timer
            name: Sent a timer probe and no follow-up within 10 s (benchmark only)
            where:
              sequence:
                - event: Timer Probe
                - not_followed_by: Timer Probe Done
                  within: 10s
            """;

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, USAGE);
        int profiles = a.integer("profiles", 10_000);
        int spread = a.integer("spread-seconds", 5);
        Report.machine();
        try (LiveStore live = new LiveStore(Map.of(PROBE + ".yaml", PROBE_YAML))) {
            measure(live.path(), profiles, spread);
        }
    }

    /**
     * Runs the measurement on {@code live}, whose catalog must hold {@link #PROBE_YAML} and whose clock
     * must move with the wall clock; prints and records the figures at {@code live.profiles()}.
     */
    public static void measure(LivePath live, int profiles, int spread) throws Exception {
        if (live.runtime().engine().catalog().get(PROBE) == null) throw new IllegalArgumentException("the live catalog lacks " + PROBE);
        long[] service = new long[profiles * 2];
        int[] serviceN = {0};
        long[] endToEnd = new long[profiles];
        int[] e2eN = {0};
        CountDownLatch all = new CountDownLatch(profiles);
        Consumer<List<StoredTransition>> listener = ts -> {
            long now = live.clock().millis();
            for (StoredTransition st : ts) {
                Transition t = st.transition();
                if (t.segmentId().equals(PROBE) && t.kind() == Transition.Kind.ENTERED && t.cause() == Cause.TIME
                        && t.profileId().startsWith("tmr-")) {
                    synchronized (endToEnd) {
                        if (e2eN[0] < endToEnd.length) endToEnd[e2eN[0]++] = now - t.at().toEpochMilli();
                    }
                    all.countDown();
                }
            }
        };
        live.runtime().subscribe(listener);
        try (var timers = live.startTimers(ms -> {
            synchronized (service) {
                if (serviceN[0] < service.length) service[serviceN[0]++] = ms;
            }
        })) {
            long interval = spread * 1_000_000_000L / profiles;
            long t0 = System.nanoTime();
            for (int i = 0; i < profiles; i++) {
                long due = t0 + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                live.writer().submit(List.of(Event.track("tmr-m" + i, "tmr-" + i, "Timer Probe", Map.of(), live.clock().instant())));
            }
            if (!all.await(spread + 60L, TimeUnit.SECONDS)) System.out.println("WARNING: " + all.getCount() + " timers never fired");
            long size = live.profiles();
            synchronized (service) {
                System.out.println(String.format("%,d profiles stored: ", size)
                        + "timer lateness, firing − due (TimerService, every timer it fired): " + Stats.of(service, serviceN[0]).format(1, "ms"));
            }
            synchronized (endToEnd) {
                Stats st = Stats.of(endToEnd, e2eN[0]);
                System.out.println("timer lateness, durable transition published − due: " + st.format(1, "ms"));
                int perSecond = profiles / Math.max(1, spread);
                SuiteResults.record("timer-lateness", "p99_ms_at_" + perSecond + "_due_per_s", size, st.p99(), "ms");
                SuiteResults.record("timer-lateness", "max_ms_at_" + perSecond + "_due_per_s", size, st.max(), "ms");
                SuiteResults.record("timer-lateness", "never_fired", size, all.getCount(), "timers");
            }
        } finally {
            live.runtime().unsubscribe(listener);
        }
    }
}
