package dev.nudge.bench.engine;

import dev.nudge.bench.support.Scratch;
import dev.nudge.bench.suite.SuiteResults;

import dev.nudge.bench.engine.SampleWorkload.Person;
import dev.nudge.core.event.Event;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;

/**
 * Per-event cost through the store: {@link IngestWriter#submit} with the {@link SegmentRuntime} hook
 * (20 benchmark segments) over a real RocksDB in a temp folder, durable group commits — as the
 * population grows — and the STATE column's space per profile.
 *
 * <p>Method: for N profiles (clones of {@code templates} generated people, see {@link SampleWorkload}),
 * every profile's history up to {@code split-days} before the end is ingested first (batches of 500,
 * 8 in flight). Then {@code events} events of the last {@code split-days} are ingested in a seeded
 * random order across the population (each profile in event-time order), in requests of
 * {@code batch} events with {@code inflight} requests outstanding, and timed from the first submit to
 * the last durable acknowledgement. The writer's clock is the stream start, so the engine's "now" is
 * each event's time and no timer is due during the run (timers are measured by {@link TimerLateness}).
 *
 * <p>Run: {@code bench/engine.sh store [--templates 10000] [--sizes 10000,100000] [--events 200000] [--batch 100]}.
 */
public final class StoreScaling {
    static final String USAGE = "StoreScaling [--templates N] [--sizes N,...] [--events N] [--batch N] [--inflight N] [--split-days D]";

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv, USAGE);
        int templates = a.integer("templates", 10_000);
        int[] sizes = a.integers("sizes", 10_000, 100_000);
        int events = a.integer("events", 200_000);
        int batch = a.integer("batch", 100);
        int inflight = a.integer("inflight", 16);
        int splitDays = a.integer("split-days", 30);
        Report.machine();
        SampleWorkload w = SampleWorkload.generate(templates);
        SegmentEngine engine = SegmentEngine.of(BenchCatalog.twenty());
        Instant split = w.spec().end().minusSeconds(86_400L * splitDays);
        System.out.printf("workload: %d people, %d events; %d segments live; split at %s%n",
                w.people().size(), w.events(), engine.catalog().size(), split);
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("nudge-engbench-store");
            try {
                runSize(w, engine, split, n, events, batch, inflight, dir);
            } finally {
                Scratch.delete(dir);
            }
        }
    }

    static void runSize(SampleWorkload w, SegmentEngine engine, Instant split, int n, int count, int batch, int inflight, Path dir)
            throws Exception {
        List<Person> people = w.people();
        int t = people.size();
        try (NudgeStore store = NudgeStore.open(dir)) {
            SegmentRuntime runtime = new SegmentRuntime(store, InstantSource.fixed(w.spec().start()), engine);
            int[] cursor = new int[n];
            long warmEvents = 0;
            long t0 = System.nanoTime();
            try (IngestWriter writer = new IngestWriter(store, List.of(runtime), 4_000_000)) {
                Pipeline warm = new Pipeline(writer, 500, 8);
                for (int p = 0; p < n; p++) {
                    List<Event> ev = people.get(p % t).events();
                    int i = 0;
                    for (; i < ev.size() && ev.get(i).timestamp().isBefore(split); i++) warm.add(SampleWorkload.clone(ev.get(i), p / t));
                    cursor[p] = i;
                    warmEvents += i;
                }
                warm.drain();
                double warmSecs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%,d profiles: history of %,d events ingested in %.1f s (%,.0f events/s)%n",
                        n, warmEvents, warmSecs, warmEvents / warmSecs);

                SplittableRandom rnd = new SplittableRandom(7);
                int[] order = new int[n];
                for (int p = 0; p < n; p++) order[p] = p;
                List<Event> measured = new ArrayList<>(count);
                boolean progress = true;
                while (measured.size() < count && progress) {
                    progress = false;
                    Shuffle.inPlace(order, rnd);
                    for (int k = 0; k < n && measured.size() < count; k++) {
                        int p = order[k];
                        List<Event> ev = people.get(p % t).events();
                        if (cursor[p] >= ev.size()) continue;
                        measured.add(SampleWorkload.clone(ev.get(cursor[p]++), p / t));
                        progress = true;
                    }
                }
                writerCost(writer, measured, batch, inflight, n, null);
            }
            space(store, n);
        }
    }

    /**
     * Submits {@code events} in requests of {@code batch}, {@code inflight} outstanding, timed from the
     * first submit to the last durable acknowledgement; prints the figures and records the writer
     * thread's CPU per event at size {@code n}.
     *
     * @param beforeBatch called with each request's last event before it is submitted (a test clock follows it), or null
     */
    public static void writerCost(IngestWriter writer, List<Event> events, int batch, int inflight, long n,
                                  java.util.function.Consumer<Event> beforeBatch) throws Exception {
        Pipeline measured = new Pipeline(writer, batch, inflight);
        long m0 = System.nanoTime(), cpu0 = Report.threadCpuNanos("nudge-writer"), gc0 = Report.gcMillis();
        for (int i = 0; i < events.size(); i++) {
            if (beforeBatch != null && (i % batch == batch - 1 || i == events.size() - 1)) beforeBatch.accept(events.get(i));
            measured.add(events.get(i));
        }
        measured.drain();
        int done = events.size();
        double secs = (System.nanoTime() - m0) / 1e9;
        double cpuMicros = (Report.threadCpuNanos("nudge-writer") - cpu0) / 1e3 / done;
        System.out.printf("%,d profiles: %,d events through the writer in %.2f s: %.2f µs/event (%,.0f events/s), "
                        + "%d-event requests, %d in flight; writer thread CPU %.2f µs/event; GC %d ms; request latency %s%n",
                n, done, secs, secs * 1e6 / done, done / secs, batch, inflight, cpuMicros, Report.gcMillis() - gc0,
                measured.latency().format(1e6, "ms"));
        SuiteResults.record("memory", "store_writer_cpu_us_per_event", n, cpuMicros, "us");
    }

    /** RocksDB's own size figures for STATE (after a flush and a compaction) and the logical bytes by key kind. */
    public static void space(NudgeStore store, long n) throws RocksDBException {
        var db = store.db();
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            for (Column c : Column.values()) db.flush(fo, store.handle(c));
        }
        db.compactRange(store.handle(Column.STATE));
        for (Column c : List.of(Column.STATE, Column.EVENTS, Column.PROFILES)) {
            long sst = Long.parseLong(db.getProperty(store.handle(c), "rocksdb.total-sst-files-size"));
            long live = Long.parseLong(db.getProperty(store.handle(c), "rocksdb.estimate-live-data-size"));
            System.out.printf("  %s: total-sst-files-size %,d B (%.0f B/profile), estimate-live-data-size %,d B (%.0f B/profile)%n",
                    c, sst, (double) sst / n, live, (double) live / n);
            if (c == Column.STATE) SuiteResults.record("memory", "store_segment_state_bytes_per_profile", n, (double) sst / n, "bytes");
        }
        TreeMap<String, long[]> byKind = new TreeMap<>();
        store.scan(Column.STATE, new byte[0], (k, v) -> {
            StoreKeys.Prefix kind = StoreKeys.Prefix.of(Column.STATE, k);
            long[] acc = byKind.computeIfAbsent(kind == null ? "(unknown)" : StoreKeys.string(kind.bytes()), x -> new long[2]);
            acc[0]++;
            acc[1] += k.length + v.length;
        });
        byKind.forEach((kind, acc) -> System.out.printf("  STATE %s: %,d keys, %,d B of keys+values (%.0f B/profile, uncompressed)%n",
                kind, acc[0], acc[1], (double) acc[1] / n));
    }

    /** Submits events in requests of {@code batch}, keeping at most {@code inflight} outstanding; records each request's latency. */
    static final class Pipeline {
        private final IngestWriter writer;
        private final int batch, inflight;
        private final ArrayDeque<CompletableFuture<?>> pending = new ArrayDeque<>();
        private final ArrayDeque<Long> started = new ArrayDeque<>();
        private List<Event> current = new ArrayList<>();
        private long[] latencies = new long[1024];
        private int measured;

        Pipeline(IngestWriter writer, int batch, int inflight) {
            this.writer = writer;
            this.batch = batch;
            this.inflight = inflight;
        }

        void add(Event e) throws Exception {
            current.add(e);
            if (current.size() == batch) flush();
        }

        private void flush() throws Exception {
            if (current.isEmpty()) return;
            while (pending.size() >= inflight) awaitOldest();
            started.add(System.nanoTime());
            pending.add(writer.submit(current));
            current = new ArrayList<>(batch);
        }

        private void awaitOldest() throws Exception {
            pending.poll().get();
            if (measured == latencies.length) latencies = java.util.Arrays.copyOf(latencies, measured * 2);
            latencies[measured++] = System.nanoTime() - started.poll();
        }

        void drain() throws Exception {
            flush();
            while (!pending.isEmpty()) awaitOldest();
        }

        Stats latency() {
            return Stats.of(latencies, measured);
        }
    }
}
