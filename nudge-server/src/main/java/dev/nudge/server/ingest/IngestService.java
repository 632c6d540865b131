package dev.nudge.server.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.ingest.IngestError;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.core.ingest.MessageParser;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.ingest.OverloadedException;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The one ingest path: HTTP calls, batches and bulk imports all come through here, so they are
 * validated, timestamp-corrected, deduplicated and identity-resolved the same way.
 *
 * <p>All-or-nothing: every message of a request is validated before any is queued; one bad message
 * refuses the whole request with every problem listed, and nothing of it is stored.
 */
public final class IngestService {
    private final IngestWriter writer;
    private final InstantSource clock;
    private final IngestMetrics metrics;

    public IngestService(IngestWriter writer, InstantSource clock, IngestMetrics metrics) {
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A decoded request: its events and the write key named in its body, if any. */
    public record Decoded(List<Event> events, String bodyWriteKey) {}

    /** Decodes and validates a single call ({@code /v1/track} etc.) or a batch ({@code type == null}). */
    public Decoded decode(EventType type, byte[] body, String contentEncoding) throws InvalidMessageException {
        Instant receivedAt = clock.instant();
        try {
            if (type != null) {
                byte[] raw = BodyReader.inflate(body, contentEncoding, BodyReader.MAX_CALL_BYTES);
                Map<String, Object> msg = BodyReader.call(raw);
                Event e = MessageParser.parse(msg, type, receivedAt, null, null);
                return new Decoded(List.of(e), writeKey(msg.get("writeKey")));
            }
            byte[] raw = BodyReader.inflate(body, contentEncoding, BodyReader.MAX_BATCH_BYTES);
            BodyReader.Batch batch = BodyReader.batch(raw);
            Instant sentAt = batchSentAt(batch.top().get("sentAt"));
            @SuppressWarnings("unchecked")
            Map<String, Object> context = batch.top().get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : null;
            return new Decoded(parseAll(batch.messages(), receivedAt, sentAt, context), writeKey(batch.top().get("writeKey")));
        } catch (InvalidMessageException e) {
            metrics.rejected(e.errors().get(0).code(), 1);
            throw e;
        }
    }

    /** Validates every message of a batch; throws with every problem found, each named by its index. */
    public static List<Event> parseAll(List<Object> messages, Instant receivedAt, Instant sentAt, Map<String, Object> context)
            throws InvalidMessageException {
        List<Event> events = new ArrayList<>(messages.size());
        List<IngestError> errors = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                events.add(MessageParser.parse(messages.get(i), null, receivedAt, sentAt, context));
            } catch (InvalidMessageException e) {
                for (IngestError err : e.errors()) errors.add(err.atIndex("batch[" + i + "]"));
            }
        }
        if (!errors.isEmpty()) throw new InvalidMessageException(errors);
        return events;
    }

    /** Queues validated events; the future completes once they are durable. */
    public CompletableFuture<IngestOutcome> store(List<Event> events) throws OverloadedException {
        long started = System.nanoTime();
        try {
            return writer.submit(events).whenComplete((o, ex) -> {
                if (o != null) metrics.accepted(o.accepted(), o.duplicates(), System.nanoTime() - started);
            });
        } catch (OverloadedException e) {
            metrics.rejected("overloaded", events.size());
            throw e;
        }
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
