package dev.nudge.bench.workload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Micro-benchmarks of the JSON side of a Segment batch of 1,000 generated events (about 280 KB):
 * writing it with Jackson's streaming generator (what the workload generator does), tokenizing it
 * without keeping anything (the ceiling of "parse a batch" that DESIGN.md §14 compares ingest with),
 * reading it into a tree (throughput per event), and simulating profiles (throughput per profile).
 *
 * <p>Run: {@code ./mvnw -pl nudge-bench -am test-compile} then
 * {@code java -cp "nudge-bench/target/test-classes:nudge-bench/target/classes:nudge-bench/target/lib/*"
 * dev.nudge.bench.workload.BatchJsonBenchmark} (after {@code package}, which fills target/lib).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchJsonBenchmark {

    static final int EVENTS = 1_000;

    private final JsonFactory factory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<BenchEvent> events = new ArrayList<>();
    private byte[] batch;
    private WorkloadSpec spec;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        spec = WorkloadSpec.of(1_000_000);
        for (int i = 0; events.size() < EVENTS; i++) {
            for (BenchEvent e : WorkloadGenerator.profile(spec, i)) {
                if (events.size() < EVENTS) events.add(e);
            }
        }
        batch = write();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public byte[] writeBatch() throws IOException {
        return write();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int tokenizeBatch() throws IOException {
        int tokens = 0;
        try (JsonParser p = factory.createParser(batch)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) tokens++;
        }
        return tokens;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JsonNode readBatchTree() throws IOException {
        return mapper.readTree(batch);
    }

    /** Simulating profiles: profiles per second the generator produces (about 35 events each), before any I/O. */
    @Benchmark
    @OperationsPerInvocation(100)
    public void simulateProfiles(Blackhole bh) {
        for (int i = 0; i < 100; i++) bh.consume(WorkloadGenerator.profile(spec, i));
    }

    private byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(300_000);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("batch");
            for (BenchEvent e : events) BatchFileWriter.EventJson.write(g, e);
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(BatchJsonBenchmark.class.getSimpleName()).build()).run();
    }
}
