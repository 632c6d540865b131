package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.support.Scratch;
import dev.nudge.bench.workload.Workload;
import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.server.ingest.IngestMetrics;
import dev.nudge.store.ingest.RejectedLog;
import dev.nudge.server.ingest.IngestService;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.Backfill;
import dev.nudge.store.segment.ReplayHistory;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.StoredProfiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nudge as a segment backend, through the real write path. {@code load} ingests the workload's Segment
 * batch files into a fresh data folder ({@link NudgeRuntime}, {@link IngestService#decode} on every
 * core as a server's request threads would, then the durable writer in file order, default catalog
 * live as in production). The first {@code members} call installs the
 * 20 benchmark segments as the catalog and runs the store's {@link Backfill} over stored history (timed
 * as the phase {@code backfill-all}); members are then read with {@link SegmentReads#members}.
 *
 * <p>{@link #computeCount} — what the harness times per segment, beside one SQL query — is the backfill
 * of that one segment (plus the segments it references) over stored history: every profile is read with
 * its events from RocksDB ({@link StoredProfiles}, the backfill's reader) and rebuilt by the engine on
 * every core, nothing is written (the SQL run writes nothing either). The clock stands at {@link Workload#now()} throughout, so time conditions match the SQL's
 * {@code :now}.
 */
public final class NudgeBackend implements SegmentBackend {

    /** Batches in flight to the writer during load: enough to keep its group commit full. */
    private static final int IN_FLIGHT = 16;
    private static final Pattern SEGMENT_REF = Pattern.compile("segment:\\s*([A-Za-z0-9_.-]+)");

    private final SettableClock clock = new SettableClock(Instant.EPOCH);
    private final List<BenchSegment> catalog;
    private final boolean timeEach;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final Map<String, SegmentEngine> single = new HashMap<>();
    private Path dataDir;
    private NudgeRuntime runtime;
    private Map<String, Set<String>> members;
    private Workload workload;
    private List<String> profileIds;
    /** Stored profiles in runs read with one seek each (the data does not change during the per-segment runs). */
    private List<List<byte[]>> runs;
    private static final int RUN = 512;

    /**
     * @param catalog  the benchmark segments, installed together as the catalog before the backfill
     * @param timeEach whether {@link #computeCount} will be timed (then its path is warmed up first)
     */
    public NudgeBackend(List<BenchSegment> catalog, boolean timeEach) {
        this.catalog = List.copyOf(catalog);
        this.timeEach = timeEach;
    }

    @Override
    public String name() {
        return "nudge";
    }

    /** The open runtime after {@link #load}, for the incremental-cost measurement. */
    NudgeRuntime runtime() {
        return runtime;
    }

    SettableClock clock() {
        return clock;
    }

    @Override
    public Map<String, Long> phases() {
        return phases;
    }

    @Override
    public void load(Workload w) throws Exception {
        if (w.batchDir() == null) {
            throw new IllegalArgumentException("the nudge engine ingests the Segment batch files; generate the workload"
                    + " with batch files (bench/run.sh does unless --no-batches is given)");
        }
        workload = w;
        clock.set(w.now());
        dataDir = Files.createTempDirectory("nudge-bench-");
        runtime = NudgeRuntime.open(dataDir, null, clock, 4_000_000);
        IngestService ingest = new IngestService(runtime.writer(), clock, new IngestMetrics(new SimpleMeterRegistry()),
                new RejectedLog(runtime.store(), 0)); // the workload is valid: nothing to log
        List<Path> files;
        try (var s = Files.list(w.batchDir())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        // decoded and encoded on every core, as a server's request threads do; submitted in file order
        int decoders = Runtime.getRuntime().availableProcessors();
        ArrayDeque<Future<Decoded>> decoding = new ArrayDeque<>();
        ArrayDeque<CompletableFuture<IngestOutcome>> inFlight = new ArrayDeque<>();
        long accepted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(decoders)) {
            for (int i = 0; i < files.size() || !decoding.isEmpty(); ) {
                while (i < files.size() && decoding.size() < 2 * decoders) {
                    Path f = files.get(i++);
                    decoding.add(pool.submit(() -> {
                        List<Event> events = ingest.decode(null, Files.readAllBytes(f), null).events();
                        return new Decoded(events, IngestWriter.encode(events));
                    }));
                }
                Decoded d = decoding.removeFirst().get();
                inFlight.add(runtime.writer().submitEncoded(d.events(), d.encoded()));
                if (inFlight.size() >= IN_FLIGHT) accepted += inFlight.removeFirst().join().accepted();
            }
        }
        while (!inFlight.isEmpty()) accepted += inFlight.removeFirst().join().accepted();
        if (accepted != w.events()) {
            throw new IllegalStateException("nudge accepted " + accepted + " of the workload's " + w.events()
                    + " events; the generator writes unique messageIds, so none should be a duplicate");
        }
    }

    private record Decoded(List<Event> events, List<byte[]> encoded) {}

    @Override
    public Set<String> members(BenchSegment segment, Instant now) {
        if (members == null) {
            backfillAll(now);
            if (timeEach) computeCount(segment, now); // JIT warm-up of the per-segment path, as the SQL engines' warm-up run is
        }
        Set<String> m = members.get(segment.id());
        if (m == null) throw new IllegalArgumentException("segment " + segment.id() + " is not in the benchmark catalog");
        return m;
    }

    /** Installs the whole benchmark catalog and backfills it through the writer, as a new catalog would be. */
    private void backfillAll(Instant now) {
        clock.set(now);
        long t0 = System.nanoTime();
        Map<String, String> texts = new LinkedHashMap<>();
        for (BenchSegment s : catalog) texts.put(s.id() + ".yaml", s.yaml());
        runtime.segments().install(SegmentEngine.of(SegmentCatalog.parse(texts)));
        Backfill backfill = new Backfill(runtime.store(), runtime.writer(), runtime.segments());
        backfill.run();
        phases.put("backfill-all", System.nanoTime() - t0);
        if (backfill.redone() > 0) System.out.printf("  nudge     catalog backfill: %,d rebuilds done again in the writer%n", backfill.redone());
        SegmentReads reads = new SegmentReads(runtime.store());
        members = new LinkedHashMap<>();
        for (BenchSegment s : catalog) {
            Set<String> ids = new HashSet<>();
            byte[] cursor = null;
            do {
                SegmentReads.Page<SegmentReads.Member> page = reads.members(s.id(), 10_000, cursor);
                page.items().forEach(m -> ids.add(m.profileId()));
                cursor = page.next();
            } while (cursor != null);
            members.put(s.id(), ids);
        }
    }

    @Override
    public long computeCount(BenchSegment segment, Instant now) {
        SegmentEngine engine = single.computeIfAbsent(segment.id(), id -> SegmentEngine.of(SegmentCatalog.parse(withReferences(segment))));
        NudgeStore store = runtime.store();
        if (runs == null) runs = StoredProfiles.runs(store, RUN);
        // all cores, as DuckDB and PostgreSQL get: the common pool's workers plus the calling thread
        return runs.parallelStream().mapToLong(run -> {
            long n = 0;
            for (StoredProfiles.Stored s : StoredProfiles.read(store, run)) {
                Profile p = ProfileJson.fromBytes(s.profile());
                var ev = engine.rebuild(p, ReplayHistory.of(s, engine), now, Cause.BACKFILL);
                if (engine.memberships(ev.newState()).containsKey(segment.id())) n++;
            }
            return n;
        }).sum();
    }

    List<String> profileIdsForBench() {
        return profileIds();
    }

    /** Every stored profile id, listed once (the data does not change after load). */
    private List<String> profileIds() {
        if (profileIds == null) {
            List<String> ids = new ArrayList<>();
            NudgeStore store = runtime.store();
            store.scanKeys(Column.PROFILES, StoreKeys.Prefix.PROFILE.bytes(), k -> ids.add(StoreKeys.profileIdOfProfileKey(k)));
            profileIds = ids;
        }
        return profileIds;
    }

    /** The segment's file and the files of every segment it references, transitively. */
    private Map<String, String> withReferences(BenchSegment segment) {
        Map<String, BenchSegment> byId = new HashMap<>();
        catalog.forEach(s -> byId.put(s.id(), s));
        Map<String, String> out = new LinkedHashMap<>();
        ArrayDeque<BenchSegment> todo = new ArrayDeque<>(List.of(segment));
        while (!todo.isEmpty()) {
            BenchSegment s = todo.removeFirst();
            if (out.putIfAbsent(s.id() + ".yaml", s.yaml()) != null) continue;
            Matcher m = SEGMENT_REF.matcher(s.yaml());
            while (m.find()) {
                BenchSegment ref = byId.get(m.group(1));
                if (ref == null) throw new IllegalArgumentException(s.id() + " references unknown segment " + m.group(1));
                todo.add(ref);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (runtime != null) runtime.close();
        if (dataDir != null) Scratch.delete(dataDir);
    }
}
