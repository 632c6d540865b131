package dev.nudge.server.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nudge.server.http.Json;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.StoredTransition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/transitions/stream}: server-sent events, one {@code transition} event per
 * durable transition, its {@code id} the log sequence. A client that reconnects with
 * {@code Last-Event-ID} (or {@code ?after=SEQ}) first gets what it missed from the stored log, then
 * the live feed, so nothing is lost across reconnects. {@code ?segment=ID} filters.
 */
public final class TransitionStream {
    private final SegmentRuntime runtime;
    private final SegmentReads reads;

    public TransitionStream(SegmentRuntime runtime, SegmentReads reads) {
        this.runtime = runtime;
        this.reads = reads;
    }

    public void register(RoutesConfig app) {
        app.before("/api/v1/transitions/stream", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new dev.nudge.server.http.ApiError(406, "this is a server-sent-events stream: send \"Accept: text/event-stream\" (EventSource does)");
            }
        });
        app.sse("/api/v1/transitions/stream", this::serve);
    }

    private void serve(SseClient client) {
        String segment = client.ctx().queryParam("segment");
        String lastId = client.ctx().header("Last-Event-ID");
        String after = client.ctx().queryParam("after");
        long cursor = parse(lastId != null ? lastId : after, -1);
        LinkedBlockingQueue<StoredTransition> live = new LinkedBlockingQueue<>(100_000);
        Consumer<List<StoredTransition>> listener = batch -> {
            for (StoredTransition t : batch) live.offer(t);
        };
        runtime.subscribe(listener);
        client.onClose(() -> runtime.unsubscribe(listener));
        try {
            if (cursor < 0) cursor = reads.lastSeq();
            // replay from the log first; live entries at or below the replayed seq are skipped
            for (List<StoredTransition> page = reads.log(cursor, 1000); !page.isEmpty(); page = reads.log(cursor, 1000)) {
                for (StoredTransition t : page) {
                    send(client, t, segment);
                    cursor = t.seq();
                }
            }
            client.sendComment("live");
            while (!client.terminated()) {
                StoredTransition t = live.poll(15, TimeUnit.SECONDS);
                if (t == null) {
                    client.sendComment("keep-alive");
                    continue;
                }
                if (t.seq() <= cursor) continue;
                send(client, t, segment);
                cursor = t.seq();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtime.unsubscribe(listener);
        }
    }

    private static void send(SseClient client, StoredTransition t, String segment) {
        if (segment != null && !segment.equals(t.transition().segmentId())) return;
        try {
            client.sendEvent("transition", Json.MAPPER.writeValueAsString(t.toMap()), Long.toString(t.seq()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long parse(String s, long def) {
        if (s == null || s.isBlank()) return def;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
