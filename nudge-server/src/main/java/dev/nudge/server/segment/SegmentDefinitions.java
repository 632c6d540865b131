package dev.nudge.server.segment;

import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.lang.Issue;
import dev.nudge.core.segment.lang.ParseResult;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.core.segment.lang.SegmentParser;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.Backfill;
import dev.nudge.store.segment.SegmentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Where segment definitions come from, and the one place that changes the live catalog.
 *
 * <p>The effective catalog is, by id, later layers overriding earlier ones: the shipped defaults,
 * then the files of the segments folder ({@code --segments DIR}, reloaded when they change), then
 * definitions written through the API (kept in the store, {@code segdef/ID}). Deleting a segment
 * through the API stores a tombstone ({@code segdel/ID}), so a deleted default stays deleted.
 *
 * <p>Every change is validated as a whole catalog (syntax, references, cycles) before anything is
 * stored; a refused change leaves the live catalog untouched. An accepted change installs the new
 * engine at once and starts a backfill of every profile in the background.
 */
public final class SegmentDefinitions {
    private static final Logger log = LoggerFactory.getLogger(SegmentDefinitions.class);

    /** A refused definition or catalog: every issue, each with line, column and hint. */
    public static final class InvalidSegments extends RuntimeException {
        private final List<Issue> issues;

        InvalidSegments(List<Issue> issues) {
            super(issues.isEmpty() ? "invalid segment" : issues.get(0).message(), null, false, false);
            this.issues = List.copyOf(issues);
        }

        public List<Issue> issues() {
            return issues;
        }
    }

    private final NudgeStore store;
    private final IngestWriter writer;
    private final SegmentRuntime runtime;
    private final Backfill backfill;
    private final Path folder;
    private final ExecutorService backfills = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("nudge-backfill").unstarted(r));
    private Map<String, SegmentDefinition> fromFolder = Map.of();

    public SegmentDefinitions(NudgeStore store, IngestWriter writer, SegmentRuntime runtime, Path folder) {
        this.store = store;
        this.writer = writer;
        this.runtime = runtime;
        this.backfill = new Backfill(store, writer, runtime);
        this.folder = folder;
    }

    /** Builds the catalog the store holds now (used at start, before the writer has hooks). */
    public static SegmentCatalog initialCatalog(NudgeStore store, Path folder) {
        Map<String, SegmentDefinition> folderDefs = folder == null ? Map.of() : readFolderOrThrow(folder);
        return SegmentCatalog.of(new ArrayList<>(effective(store, folderDefs, null, null).values()));
    }

    public synchronized void loadFolder() {
        fromFolder = folder == null ? Map.of() : readFolderOrThrow(folder);
    }

    public Backfill.Progress progress() {
        return backfill.progress();
    }

    public Path folder() {
        return folder;
    }

    /** The live definitions, in catalog order. */
    public List<SegmentDefinition> list() {
        return runtime.engine().catalog().segments().stream().map(c -> c.definition()).toList();
    }

    /** Where a live segment's definition comes from: api, folder or default. */
    public String origin(String id) {
        if (store.get(Column.META, StoreKeys.segmentDefinition(id)) != null) return "api";
        if (fromFolder.containsKey(id)) return "folder";
        return "default";
    }

    /** Parses and checks a definition against the live catalog without storing it. */
    public SegmentDefinition check(String source, String text) {
        ParseResult r = SegmentParser.parse(source, text);
        if (!r.ok()) throw new InvalidSegments(r.issues());
        Map<String, SegmentDefinition> next = effective(store, fromFolder, r.definition(), null);
        List<Issue> issues = SegmentCatalog.check(new ArrayList<>(next.values()));
        if (!issues.isEmpty()) throw new InvalidSegments(issues);
        return r.definition();
    }

    /** Creates or replaces a segment; returns its definition. {@code expectedId} (from the URL) must match the body's id. */
    public synchronized SegmentDefinition put(String expectedId, String text) {
        SegmentDefinition d = check("api", text);
        if (expectedId != null && !expectedId.equals(d.id())) {
            throw new InvalidSegments(List.of(new Issue("api", 1, 1, "the body defines segment `" + d.id() + "` but the URL names `" + expectedId + "`",
                    "make the `id:` in the body match the URL", "")));
        }
        writer.submitWorkUnchecked(txn -> {
            txn.put(Column.META, StoreKeys.segmentDefinition(d.id()), d.text().getBytes(StandardCharsets.UTF_8));
            txn.delete(Column.META, StoreKeys.segmentDeleted(d.id()));
            return null;
        }).join();
        reinstall();
        return d;
    }

    /** Deletes a segment; false if there was none. Refused (with the referring segments named) if another segment references it. */
    public synchronized boolean delete(String id) {
        if (runtime.engine().catalog().get(id) == null) return false;
        Map<String, SegmentDefinition> next = effective(store, fromFolder, null, id);
        List<Issue> issues = SegmentCatalog.check(new ArrayList<>(next.values()));
        if (!issues.isEmpty()) throw new InvalidSegments(issues);
        writer.submitWorkUnchecked(txn -> {
            txn.delete(Column.META, StoreKeys.segmentDefinition(id));
            txn.put(Column.META, StoreKeys.segmentDeleted(id), new byte[0]);
            return null;
        }).join();
        reinstall();
        // after the sweep (same single-thread executor) has moved every member out, drop the segment's history
        backfills.submit(() -> writer.submitWorkUnchecked(txn -> {
            if (runtime.engine().catalog().get(id) == null) dev.nudge.store.segment.SegmentReads.forget(txn, id);
            return null;
        }).join());
        return true;
    }

    /** Re-reads the folder and installs it if the whole catalog is valid; otherwise keeps the live one and throws. */
    public synchronized void reloadFolder() {
        Map<String, SegmentDefinition> next = readFolderOrThrow(folder);
        List<Issue> issues = SegmentCatalog.check(new ArrayList<>(effective(store, next, null, null).values()));
        if (!issues.isEmpty()) throw new InvalidSegments(issues);
        fromFolder = next;
        reinstall();
    }

    private void reinstall() {
        SegmentCatalog catalog = SegmentCatalog.of(new ArrayList<>(effective(store, fromFolder, null, null).values()));
        if (catalog.fingerprint() == runtime.engine().catalog().fingerprint()) return;
        runtime.install(SegmentEngine.of(catalog));
        startBackfill();
    }

    public Future<Backfill.Progress> startBackfill() {
        int fingerprint = runtime.engine().catalog().fingerprint();
        backfill.markPending();
        return backfills.submit(() -> {
            Backfill.Progress p = backfill.run();
            log.info("backfill finished: {} profiles, {} rebuilt", p.done(), p.rebuilt());
            writer.submitWorkUnchecked(txn -> {
                txn.put(Column.META, StoreKeys.Prefix.SEGMENT_CATALOG_BACKFILLED.bytes(), Integer.toString(fingerprint).getBytes(StandardCharsets.UTF_8));
                return null;
            }).join();
            return p;
        });
    }

    /** At start: sweeps every profile if the catalog differs from the one the last full backfill finished under. */
    public void backfillIfCatalogChanged() {
        byte[] done = store.get(Column.META, StoreKeys.Prefix.SEGMENT_CATALOG_BACKFILLED.bytes());
        String current = Integer.toString(runtime.engine().catalog().fingerprint());
        if (done == null || !current.equals(new String(done, StandardCharsets.UTF_8))) startBackfill();
    }

    /** {@link #reloadFolder()} for the folder watcher: a bad edit is logged with every issue, and the live catalog stays. */
    public void reloadFolderLogged() {
        try {
            reloadFolder();
            log.info("segments folder {} reloaded", folder);
        } catch (InvalidSegments e) {
            log.error("segments folder {} has errors; keeping the live catalog:\n{}", folder,
                    String.join("\n", e.issues().stream().map(Issue::toString).toList()));
        } catch (RuntimeException e) {
            log.error("segments folder {} could not be reloaded: {}", folder, e.getMessage());
        }
    }

    private static Map<String, SegmentDefinition> effective(NudgeStore store, Map<String, SegmentDefinition> folderDefs,
                                                            SegmentDefinition extra, String without) {
        Map<String, SegmentDefinition> out = new LinkedHashMap<>();
        for (SegmentDefinition d : DefaultSegments.definitions()) out.put(d.id(), d);
        out.putAll(folderDefs);
        store.scan(Column.META, StoreKeys.Prefix.SEGMENT_DEFINITION.bytes(), (k, v) -> {
            String id = StoreKeys.segmentOfDefinitionKey(k);
            ParseResult r = SegmentParser.parse("api:" + id, new String(v, StandardCharsets.UTF_8));
            if (r.ok()) out.put(id, r.definition());
            else log.error("stored segment {} no longer parses; it is left out: {}", id, r.issues());
        });
        store.scan(Column.META, StoreKeys.Prefix.SEGMENT_DELETED.bytes(), (k, v) -> out.remove(StoreKeys.segmentOfDefinitionKey(k)));
        if (extra != null) out.put(extra.id(), extra);
        if (without != null) out.remove(without);
        return out;
    }

    static Map<String, SegmentDefinition> readFolderOrThrow(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("segments folder " + folder + " does not exist; create it or leave out --segments");
        }
        Map<String, SegmentDefinition> out = new LinkedHashMap<>();
        List<Issue> issues = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!(n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))) continue;
                ParseResult r = SegmentParser.parse(f.toString(), Files.readString(f));
                if (r.ok()) out.put(r.definition().id(), r.definition()); else issues.addAll(r.issues());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read segments folder " + folder + ": " + e.getMessage(), e);
        }
        if (!issues.isEmpty()) throw new InvalidSegments(issues);
        return out;
    }

    public void close() {
        backfills.shutdownNow();
    }
}
