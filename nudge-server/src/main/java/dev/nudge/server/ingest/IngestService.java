package dev.nudge.server.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.ingest.IngestError;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.core.ingest.MessageParser;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.ingest.OverloadedException;
import dev.nudge.store.ingest.RejectedLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one ingest path: HTTP calls, batches and bulk imports all come through here, so they are
 * validated, timestamp-corrected, deduplicated and identity-resolved the same way.
 *
 * <p>Two kinds of refusal (DESIGN.md §3). A problem of the request — a body that is not JSON, over
 * the size or count limits, a bad batch-level {@code sentAt} — refuses it whole: {@link #decode}
 * throws and nothing is kept. A problem of one message refuses that message only: the others of its
 * batch are stored, and the refused ones are written to the {@link RejectedLog} in the same atomic
 * write ({@link #store(Decoded, RequestSource)}).
 */
public final class IngestService {
    /** Longest a 400 waits for its rejection to be logged. */
    static final Duration REFUSED_CALL_LOG_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestWriter writer;
    private final InstantSource clock;
    private final IngestMetrics metrics;
    private final RejectedLog rejectedLog;

    public IngestService(IngestWriter writer, InstantSource clock, IngestMetrics metrics, RejectedLog rejectedLog) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rejectedLog = Objects.requireNonNull(rejectedLog, "rejectedLog");
    }

    /**
     * A decoded request: its valid events, its refused messages (in index order), the write key named
     * in its body if any, and when it was received.
     */
    public record Decoded(List<Event> events, List<Rejection> rejected, String bodyWriteKey, Instant receivedAt) {
        public Decoded {
            events = List.copyOf(events);
            rejected = List.copyOf(rejected);
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /**
     * Decodes a single call ({@code /v1/track} etc.) or a batch ({@code type == null}), sorting its
     * messages into valid events and rejections. Throws only when the request itself is refused.
     */
    public Decoded decode(EventType type, byte[] body, String contentEncoding) throws InvalidMessageException {
        Instant receivedAt = clock.instant();
        try {
            if (type != null) {
                byte[] raw = BodyReader.inflate(body, contentEncoding, BodyReader.MAX_CALL_BYTES);
                Map<String, Object> msg = BodyReader.call(raw);
                String key = writeKey(msg.get("writeKey"));
                try {
                    return new Decoded(List.of(MessageParser.parse(msg, type, receivedAt, null, null)), List.of(), key, receivedAt);
                } catch (InvalidMessageException e) {
                    return new Decoded(List.of(), List.of(Rejection.of(0, msg, null, e.errors())), key, receivedAt);
                }
            }
            byte[] raw = BodyReader.inflate(body, contentEncoding, BodyReader.MAX_BATCH_BYTES);
            BodyReader.Batch batch = BodyReader.batch(raw);
            Instant sentAt = batchSentAt(batch.top().get("sentAt"));
            @SuppressWarnings("unchecked")
            Map<String, Object> context = batch.top().get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : null;
            List<Event> events = new ArrayList<>(batch.messages().size());
            List<Rejection> rejected = new ArrayList<>();
            for (int i = 0; i < batch.messages().size(); i++) {
                Object m = batch.messages().get(i);
                Long size = batch.oversized().get(i);
                if (size != null) {
                    rejected.add(Rejection.of(i, m, context, List.of(BodyReader.messageTooLarge(size))));
                    continue;
                }
                try {
                    events.add(MessageParser.parse(m, null, receivedAt, sentAt, context));
                } catch (InvalidMessageException e) {
                    rejected.add(Rejection.of(i, m, context, e.errors()));
                }
            }
            return new Decoded(events, rejected, writeKey(batch.top().get("writeKey")), receivedAt);
        } catch (InvalidMessageException e) {
            metrics.refused(e.errors().get(0).code());
            throw e;
        }
    }

    /**
     * Stores an authenticated request: its events and, in the same atomic write, its rejected messages
     * in the log. The future completes once both are durable; the rejections are counted then.
     */
    public CompletableFuture<IngestOutcome> store(Decoded request, RequestSource source) throws OverloadedException {
        List<byte[]> entries = entries(request, source);
        long started = System.nanoTime();
        try {
            return writer.submitEncoded(request.events(), IngestWriter.encode(request.events()),
                    txn -> rejectedLog.append(txn, entries), entries.size()).whenComplete((o, ex) -> {
                        if (o == null) return;
                        if (!request.events().isEmpty()) metrics.accepted(o.accepted(), o.duplicates(), System.nanoTime() - started);
                        metrics.rejected(request.rejected());
                    });
        } catch (OverloadedException e) {
            metrics.refused("overloaded");
            throw e;
        }
    }

    /**
     * Logs and counts the rejection of a single call, which the caller then answers 400. Best effort,
     * waiting at most {@link #REFUSED_CALL_LOG_WAIT}: an overloaded or slow writer must not turn the
     * 400 into a 429 or a 503, since the client has to fix the message, not retry it.
     */
    public void keepRefusedCall(Decoded request, RequestSource source) {
        if (request.rejected().isEmpty()) throw new IllegalArgumentException("the call was not refused; store() it");
        try {
            store(request, source).get(REFUSED_CALL_LOG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (OverloadedException e) {
            metrics.rejected(request.rejected()); // counted though not logged: the writer had no room
        } catch (ExecutionException e) {
            metrics.rejected(request.rejected());
            log.warn("a refused call could not be logged: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("a refused call was not logged within {}; it is counted once the write completes", REFUSED_CALL_LOG_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues validated events (internal sources: the mail pump, tests); the future completes once they are durable. */
    public CompletableFuture<IngestOutcome> store(List<Event> events) throws OverloadedException {
        return store(new Decoded(events, List.of(), null, clock.instant()), null);
    }

    private List<byte[]> entries(Decoded request, RequestSource source) {
        if (request.rejected().isEmpty() || rejectedLog.capacity() == 0) return List.of();
        Objects.requireNonNull(source, "source: rejected messages are logged with where they came from");
        List<byte[]> out = new ArrayList<>(request.rejected().size());
        for (Rejection r : request.rejected()) out.add(RejectedEntry.of(r, source, request.receivedAt()).toBytes());
        return out;
    }

    private static String writeKey(Object v) {
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    private static Instant batchSentAt(Object v) throws InvalidMessageException {
        if (v == null) return null;
        try {
            return java.time.OffsetDateTime.parse(String.valueOf(v)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidMessageException(new IngestError("invalid_sent_at", "sentAt",
                    "\"sentAt\" must be an ISO-8601 date-time like 2024-05-01T12:00:00Z"));
        }
    }
}
