package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.workload.Workload;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.server.ingest.IngestMetrics;
import dev.nudge.store.ingest.RejectedLog;
import dev.nudge.server.ingest.IngestService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The incremental cost of one more event (DESIGN.md §14, issue 5 item 3). After the load and the
 * backfill, single {@code Order Completed} calls for random known profiles go one at a time through
 * the real path — decode, identity, append, the segment engine with the 20 benchmark segments, group
 * commit with WAL fsync — and each is timed until its future reports it durable. The SQL side's cost of
 * the same news is re-running the segments the event can change ({@link #affected}): the sum of their
 * medians in the same run.
 *
 * <p>Order Completed is the worst case here: 7 of the 20 segments mention it, and s20 refers to two of them.
 */
final class IncrementalCost {

    static final String EVENT = "Order Completed";

    /** Per-event latency to durable, nanoseconds, sorted. */
    record Result(long[] sortedNanos) {
        double p50Ms() { return sortedNanos[sortedNanos.length / 2] / 1e6; }
        double p99Ms() { return sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * 0.99))] / 1e6; }
        double meanMs() { return Arrays.stream(sortedNanos).average().orElse(0) / 1e6; }
    }

    private IncrementalCost() {
    }

    /** Sends {@code n} single events after {@code warmup} untimed ones; the clock moves 1 s per event past the workload's end. */
    static Result measure(NudgeBackend nudge, Workload w, int n, int warmup, long seed) throws Exception {
        NudgeRuntime rt = nudge.runtime();
        IngestService ingest = new IngestService(rt.writer(), nudge.clock(), new IngestMetrics(new SimpleMeterRegistry()),
                new RejectedLog(rt.store(), 0)); // the workload is valid: nothing to log
        List<String> users = new ArrayList<>();
        for (String id : nudge.profileIdsForBench()) {
            if (users.size() >= 10_000) break;
            Profile p = rt.store().profile(id);
            if (p != null && !p.userIds().isEmpty()) users.add(p.userIds().iterator().next());
        }
        if (users.isEmpty()) throw new IllegalStateException("no known user in the loaded workload to send events for");
        Random rnd = new Random(seed);
        long[] nanos = new long[n];
        Instant t = w.now();
        for (int i = -warmup; i < n; i++) {
            t = t.plusSeconds(1);
            nudge.clock().set(t);
            String user = users.get(rnd.nextInt(users.size()));
            String body = """
                    {"userId":"%s","event":"%s","timestamp":"%s","messageId":"incr-%d-%d","properties":\
                    {"order_id":"incr-%d","checkout_id":"incr-co-%d","revenue":%d.%02d,"currency":"USD",\
                    "products":[{"product_id":"p1","category":"shoes","price":59.00,"quantity":1}]}}"""
                    .formatted(user, EVENT, t, seed, i, i, i, 20 + rnd.nextInt(300), rnd.nextInt(100));
            long t0 = System.nanoTime();
            var events = ingest.decode(EventType.TRACK, body.getBytes(StandardCharsets.UTF_8), null).events();
            ingest.store(events).join();
            if (i >= 0) nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new Result(nanos);
    }

    /** The segments an {@link #EVENT} can change: those that mention it and, transitively, those that refer to them. */
    static Set<String> affected(List<BenchSegment> segments) {
        Set<String> out = new LinkedHashSet<>();
        for (BenchSegment s : segments) if (s.yaml().contains(EVENT)) out.add(s.id());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (BenchSegment s : segments) {
                if (out.contains(s.id())) continue;
                for (String id : List.copyOf(out)) {
                    if (s.yaml().matches("(?s).*segment:\\s*" + java.util.regex.Pattern.quote(id) + "\\b.*")) {
                        grew = out.add(s.id());
                        break;
                    }
                }
            }
        }
        return out;
    }
}
