package dev.nudge.bench.engine;

import dev.nudge.bench.suite.SuiteResults;

import dev.nudge.bench.engine.SampleWorkload.Person;
import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.SegmentEngine;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-event cost of the pure segment engine with the 20 benchmark segments live, as the population
 * grows (DESIGN.md §14: flat from 10 k up), and the encoded state size per profile (bar ≤ 1 KB).
 *
 * <p>Method: {@code templates} generated people are replayed through the engine up to
 * {@code split-days} before the end of the stream ("history"); a population of N profiles is N
 * copies of those states (template {@code p mod T}, each its own byte array in a
 * {@code HashMap<String, byte[]>}, as a store keeps them). Then {@code events} events of the last
 * {@code split-days} are applied in a seeded random order across the population, each to its own
 * profile in event-time order: map get, {@link ProfileSegmentState#decode}, {@link SegmentEngine#onEvent},
 * {@link ProfileSegmentState#encode}, map put — timed per event with {@link System#nanoTime()}.
 * The same event sequence is applied at every size; a discarded pass at the smallest size warms the JIT.
 *
 * <p>Run: {@code bench/engine.sh scaling [--templates 10000] [--sizes 10000,100000,1000000] [--events 300000]}.
 */
public final class EngineScaling {
    static final String USAGE = "EngineScaling [--templates N] [--sizes N,N,...] [--events N] [--split-days D]";

    /** The replayed history of one template: its state before the measured part and where that part starts. */
    record Warm(byte[] state, int split) {}

    /** One measured pass: wall nanoseconds per event, and the thread's CPU time and the GC time of the whole pass. */
    record Pass(Stats nanos, long cpuNanos, long gcMillis) {}

    public static void main(String[] argv) {
        Args a = new Args(argv, USAGE);
        int templates = a.integer("templates", 10_000);
        int[] sizes = a.integers("sizes", 10_000, 100_000, 1_000_000);
        int events = a.integer("events", 300_000);
        int splitDays = a.integer("split-days", 30);
        Report.machine();
        SampleWorkload w = SampleWorkload.generate(templates);
        SegmentEngine engine = SegmentEngine.of(BenchCatalog.twenty());
        System.out.printf("workload: %d people, %d events (90 days, seed 42); %d segments live%n",
                w.people().size(), w.events(), engine.catalog().size());

        Stats full = stateSizes(engine, w.people());
        System.out.println("encoded state per profile after the full 90-day history: " + full.format(1, "bytes"));
        SuiteResults.record("memory", "engine_state_bytes_per_profile_mean", 0, full.mean(), "bytes");
        SuiteResults.record("memory", "engine_state_bytes_per_profile_p99", 0, full.p99(), "bytes");

        Instant split = w.spec().end().minusSeconds(86_400L * splitDays);
        Warm[] warm = warm(engine, w.people(), split);
        run(engine, w.people(), warm, sizes[0], events); // JIT warm-up, discarded
        for (int n : sizes) {
            Pass pass = run(engine, w.people(), warm, n, events);
            System.out.printf("engine per event, %,d profiles: %s; thread CPU %.2f µs/event; GC %d ms during the pass%n",
                    n, pass.nanos().format(1000, "µs"), pass.cpuNanos() / 1e3 / pass.nanos().count(), pass.gcMillis());
            SuiteResults.record("memory", "engine_us_per_event_p50", n, pass.nanos().p50() / 1e3, "us");
        }
    }

    /** Encoded bytes per profile after replaying each person's whole history. */
    static Stats stateSizes(SegmentEngine engine, List<Person> people) {
        long[] sizes = new long[people.size()];
        for (int i = 0; i < people.size(); i++) {
            sizes[i] = replay(engine, people.get(i), Instant.MAX).state().length;
        }
        return Stats.of(sizes, sizes.length);
    }

    static Warm[] warm(SegmentEngine engine, List<Person> people, Instant split) {
        Warm[] out = new Warm[people.size()];
        for (int i = 0; i < people.size(); i++) out[i] = replay(engine, people.get(i), split);
        return out;
    }

    /** Applies the person's events before {@code until}, in order, from a new profile. */
    static Warm replay(SegmentEngine engine, Person p, Instant until) {
        ProfileSegmentState state = null;
        Profile profile = Profile.empty(p.id(), null, null);
        List<Event> events = p.events();
        int i = 0;
        for (; i < events.size() && events.get(i).timestamp().isBefore(until); i++) {
            Event e = events.get(i);
            profile = SampleWorkload.apply(profile, e);
            int upTo = i + 1;
            state = engine.onEvent(state, profile, e, e.timestamp(), () -> events.subList(0, upTo)).newState();
        }
        return new Warm(state == null ? engine.initialState().encode() : state.encode(), i);
    }

    /** Applies {@code count} measured events across a population of {@code n}; returns nanoseconds per event. */
    static Pass run(SegmentEngine engine, List<Person> people, Warm[] warm, int n, int count) {
        int t = people.size();
        Map<String, byte[]> states = new HashMap<>(n * 2);
        String[] ids = new String[n];
        int[] cursor = new int[n];
        for (int p = 0; p < n; p++) {
            ids[p] = people.get(p % t).id() + "~" + (p / t);
            states.put(ids[p], warm[p % t].state().clone());
            cursor[p] = warm[p % t].split();
        }
        long[] nanos = new long[count];
        int done = 0;
        SplittableRandom rnd = new SplittableRandom(7);
        int[] order = new int[n];
        for (int p = 0; p < n; p++) order[p] = p;
        boolean progress = true;
        long cpu0 = Report.threadCpuNanos(), gc0 = Report.gcMillis();
        while (done < count && progress) {
            progress = false;
            Shuffle.inPlace(order, rnd);
            for (int k = 0; k < n && done < count; k++) {
                int p = order[k];
                Person person = people.get(p % t);
                List<Event> events = person.events();
                int i = cursor[p];
                if (i >= events.size()) continue;
                cursor[p] = i + 1;
                progress = true;
                Event e = events.get(i);
                Profile profile = person.profile();
                long t0 = System.nanoTime();
                ProfileSegmentState state = ProfileSegmentState.decode(states.get(ids[p]));
                Evaluation ev = engine.onEvent(state, profile, e, e.timestamp(), () -> events.subList(0, i + 1));
                states.put(ids[p], ev.newState().encode());
                nanos[done++] = System.nanoTime() - t0;
            }
        }
        return new Pass(Stats.of(nanos, done), Report.threadCpuNanos() - cpu0, Report.gcMillis() - gc0);
    }
}
