package dev.nudge.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.bench.engine.BenchCatalog;
import dev.nudge.bench.engine.SampleWorkload;
import dev.nudge.bench.engine.SampleWorkload.Person;
import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.core.ingest.MessageParser;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.SegmentEngine;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH microbenchmarks of the segment engine's hot paths, on generated events (workload generator,
 * 300 people) and the 20 benchmark segments: parsing a 500-event {@code /v1/batch} body (Jackson to
 * maps, then {@link MessageParser}), one {@link SegmentEngine#onEvent} on a decoded state,
 * {@link ProfileSegmentState} decode and encode, {@link EventJson#toBytes}. The durable store write is
 * {@link StoreWriteBenchmark}. Each op is one event; the engine paths rotate over 1,024 real
 * (state, event) pairs taken mid-history, so no single branch is measured alone.
 *
 * <p>Run: {@code bench/engine.sh jmh -wi 2 -i 3 -f 1} (or {@code main} with the test class path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EngineHotPathsBenchmark {
    static final int BATCH = 500;
    static final int PAIRS = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Pair(ProfileSegmentState state, byte[] encoded, Profile profile, Event event, HistorySource history) {}

    private SegmentEngine engine;
    private final List<Pair> pairs = new ArrayList<>();
    private byte[] batchBody;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SampleWorkload w = SampleWorkload.generate(300);
        engine = SegmentEngine.of(BenchCatalog.twenty());
        List<Map<String, Object>> wire = new ArrayList<>();
        outer:
        for (Person p : w.people()) {
            ProfileSegmentState state = null;
            Profile profile = Profile.empty(p.id(), null, null);
            List<Event> events = p.events();
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                profile = SampleWorkload.apply(profile, e);
                int upTo = i + 1;
                HistorySource h = () -> events.subList(0, upTo);
                if (state != null && i % 3 == 0 && pairs.size() < PAIRS) pairs.add(new Pair(state, state.encode(), profile, e, h));
                if (wire.size() < BATCH) wire.add(toWire(e));
                state = engine.onEvent(state, profile, e, e.timestamp(), h).newState();
                if (pairs.size() == PAIRS && wire.size() == BATCH) break outer;
            }
        }
        if (pairs.size() < PAIRS) throw new IllegalStateException("only " + pairs.size() + " (state, event) pairs; generate more people");
        batchBody = JSON.writeValueAsBytes(Map.of("batch", wire));
    }

    /** The Segment wire form of a parsed event (what a client would have sent). */
    static Map<String, Object> toWire(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("messageId", e.messageId());
        if (e.userId() != null) m.put("userId", e.userId());
        if (e.anonymousId() != null) m.put("anonymousId", e.anonymousId());
        if (e.name() != null) m.put("event", e.name());
        if (!e.properties().isEmpty()) m.put("properties", e.properties());
        if (!e.traits().isEmpty()) m.put("traits", e.traits());
        if (!e.context().isEmpty()) m.put("context", e.context());
        m.put("timestamp", e.timestamp().toString());
        return m;
    }

    private Pair pair() {
        Pair p = pairs.get(next);
        next = (next + 1) & (PAIRS - 1);
        return p;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @SuppressWarnings("unchecked")
    public void parseBatch500(Blackhole bh) throws IOException, InvalidMessageException {
        Map<String, Object> root = JSON.readValue(batchBody, Map.class);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (Object item : (List<Object>) root.get("batch")) bh.consume(MessageParser.parse(item, null, now, null, Map.of()));
    }

    @Benchmark
    public Evaluation onEvent() {
        Pair p = pair();
        return engine.onEvent(p.state(), p.profile(), p.event(), p.event().timestamp(), p.history());
    }

    /** What the store does per event: decode, onEvent, encode. */
    @Benchmark
    public byte[] decodeOnEventEncode() {
        Pair p = pair();
        ProfileSegmentState s = ProfileSegmentState.decode(p.encoded());
        return engine.onEvent(s, p.profile(), p.event(), p.event().timestamp(), p.history()).newState().encode();
    }

    @Benchmark
    public ProfileSegmentState stateDecode() {
        return ProfileSegmentState.decode(pair().encoded());
    }

    @Benchmark
    public byte[] stateEncode() {
        return pair().state().encode();
    }

    @Benchmark
    public byte[] eventJsonToBytes() {
        return EventJson.toBytes(pair().event());
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(EngineHotPathsBenchmark.class.getSimpleName()).build()).run();
    }
}
