package dev.nudge.server.importer;

import dev.nudge.core.event.Event;
import dev.nudge.core.ingest.IngestError;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.core.ingest.MessageParser;
import dev.nudge.store.ingest.IngestWriter;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk import through the same path as the HTTP API: every record is validated by
 * {@link MessageParser} and stored by the same writer (or POSTed to a running server's /v1/batch).
 * As with an HTTP batch, a bad record does not stop the import: it is counted under its reason code
 * and skipped, and the rest goes in. Rejected records are reported in the summary, not written to
 * the server's rejected-messages log (that log is for what live clients send; a file's problems
 * are in the summary) — except those a running server refuses itself, which it logs as it would
 * any client's. Re-importing a file is safe: message ids are deterministic,
 * so records already stored count as duplicates.
 */
public final class Importer {
    /** Where validated events go; completes once they are durable. */
    public interface Sink {
        CompletableFuture<Stored> send(List<Map<String, Object>> messages, List<Event> events) throws Exception;

        /** Straight into a writer (the server stopped, the data folder opened by the import). */
        static Sink into(IngestWriter writer) {
            return (messages, events) -> writer.submit(events).thenApply(o -> new Stored(o.accepted(), o.duplicates(), Map.of()));
        }
    }

    /**
     * What a sink did with a chunk: events stored, duplicates skipped, and records the sink refused
     * by code — a server applies limits the import does not check itself (32 KB a message), and
     * answers those in its batch's {@code rejected} list.
     */
    public record Stored(int accepted, int duplicates, Map<String, Long> rejected) {
        public Stored {
            if (accepted < 0 || duplicates < 0) throw new IllegalArgumentException("counts must not be negative: " + accepted + ", " + duplicates);
            rejected = Map.copyOf(rejected);
        }
    }

    static final int CHUNK = 2_000, IN_FLIGHT = 4;

    private final Sink sink;
    private final PrintStream progress;
    private final Map<String, Long> rejected = new HashMap<>();
    private final ArrayDeque<CompletableFuture<Stored>> inFlight = new ArrayDeque<>();
    private List<Map<String, Object>> messages = new ArrayList<>();
    private List<Event> events = new ArrayList<>();
    private long read, accepted, duplicates;

    public Importer(Sink sink, PrintStream progress) {
        this.sink = sink;
        this.progress = progress;
    }

    public ImportSummary run(Path file, String format, CsvMapping mapping) throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        String fmt = format != null ? format : Sources.guessFormat(file);
        if (fmt == null) throw new IllegalArgumentException("cannot tell the format of " + file + "; pass --format csv|ndjson|batch");
        long size = Files.size(file);
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        Thread bar = progress == null ? null : Thread.ofPlatform().daemon().start(() -> progressLoop(bytes, size, started));
        try (InputStream in = Sources.open(file, bytes)) {
            switch (fmt) {
                case "csv" -> {
                    if (mapping == null) throw new IllegalArgumentException("a CSV import needs a column mapping (--user-id, --event, ...)");
                    RecordReader.csv(in, mapping, file.getFileName().toString(), this::accept);
                }
                case "ndjson" -> RecordReader.ndjson(in, this::accept, this::unreadable);
                case "batch" -> RecordReader.batchFile(in, this::accept, this::unreadable);
                default -> throw new IllegalArgumentException("unknown format \"" + fmt + "\"; use csv, ndjson or batch");
            }
            flush();
            while (!inFlight.isEmpty()) collect(inFlight.poll());
        } finally {
            if (bar != null) {
                bar.interrupt();
                bar.join();
                progress.println();
            }
        }
        return new ImportSummary(read, accepted, duplicates, rejected, Duration.ofNanos(System.nanoTime() - started));
    }

    private void accept(Map<String, Object> msg) {
        read++;
        try {
            events.add(MessageParser.parse(msg, null, Instant.now(), null, null));
            messages.add(msg);
        } catch (InvalidMessageException e) {
            IngestError first = e.errors().get(0);
            rejected.merge(first.code(), 1L, Long::sum);
        }
        if (events.size() >= CHUNK) flush();
    }

    private void unreadable(String code) {
        read++;
        rejected.merge(code, 1L, Long::sum);
    }

    private void flush() {
        if (events.isEmpty()) return;
        try {
            inFlight.add(sink.send(messages, events));
            while (inFlight.size() >= IN_FLIGHT) collect(inFlight.poll());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not store a chunk: " + e.getMessage(), e);
        }
        messages = new ArrayList<>();
        events = new ArrayList<>();
    }

    private void collect(CompletableFuture<Stored> f) {
        try {
            Stored o = f.get();
            accepted += o.accepted();
            duplicates += o.duplicates();
            o.rejected().forEach((code, n) -> rejected.merge(code, n, Long::sum));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the store refused a chunk: " + e.getCause().getMessage()
                    + "; what was acknowledged before is kept, re-run the import to continue (stored records count as duplicates)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void progressLoop(AtomicLong bytes, long size, long started) {
        while (!Thread.currentThread().isInterrupted()) {
            double frac = size == 0 ? 1 : Math.min(1.0, bytes.get() / (double) size);
            int filled = (int) (frac * 30);
            double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            progress.printf("\r[%s%s] %3.0f%%  %,d messages  %,.0f/s ", "#".repeat(filled), ".".repeat(30 - filled), frac * 100, read, read / secs);
            progress.flush();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

}
