package dev.nudge.bench.jmh;

import dev.nudge.bench.engine.BenchCatalog;
import dev.nudge.bench.engine.SampleWorkload;
import dev.nudge.bench.engine.SampleWorkload.Person;
import dev.nudge.core.event.Event;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A durable store write: one {@code IngestWriter.submit} of 500 generated events (the profiles'
 * next events, each with a fresh message id so none is deduplicated) with the segment runtime (20
 * benchmark segments) as hook, waited for until its WAL-synced group commit returns. One request at
 * a time, so this is latency-bound (one fsync per op); per-event figure = score. Profiles gain events
 * as the run goes on, as real ones do.
 *
 * <p>Run: {@code bench/engine.sh jmh StoreWriteBenchmark -wi 2 -i 3 -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreWriteBenchmark {
    static final int BATCH = 500;

    private Path dir;
    private NudgeStore store;
    private IngestWriter writer;
    private final List<Event> events = new ArrayList<>();
    private long round;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SampleWorkload w = SampleWorkload.generate(200);
        for (Person p : w.people()) events.addAll(p.events());
        dir = Files.createTempDirectory("nudge-jmh-store");
        store = NudgeStore.open(dir);
        SegmentRuntime runtime = new SegmentRuntime(store, InstantSource.fixed(w.spec().start()), SegmentEngine.of(BenchCatalog.twenty()));
        writer = new IngestWriter(store, List.of(runtime), 1_000_000);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public IngestOutcome submit500() throws Exception {
        List<Event> batch = new ArrayList<>(BATCH);
        long r = round++;
        int from = (int) ((r * BATCH) % (events.size() - BATCH));
        for (int i = 0; i < BATCH; i++) {
            Event e = events.get(from + i);
            batch.add(new Event(e.messageId() + "#" + r, e.type(), e.userId(), e.anonymousId(), e.name(), e.properties(),
                    e.traits(), e.context(), e.timestamp(), e.receivedAt(), e.previousId(), e.groupId()));
        }
        return writer.submit(batch).get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
        store.close();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
