package dev.nudge.server.ingest;

import dev.nudge.core.event.EventType;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.server.auth.Auth;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.OverloadedException;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Segment-spec HTTP API: {@code POST /v1/identify|track|page|screen|group|alias|batch}
 * ({@code /v1/import} is the batch endpoint's other name, used by the official server libraries).
 * A 200 is sent only after the request's events are durable.
 */
public final class IngestRoutes {
    private final IngestService ingest;
    private final Auth auth;

    public IngestRoutes(IngestService ingest, Auth auth) {
        this.ingest = ingest;
        this.auth = auth;
    }

    public void register(Javalin app) {
        for (EventType t : EventType.values()) app.post("/v1/" + t.wire(), ctx -> handle(ctx, t));
        app.post("/v1/batch", ctx -> handle(ctx, null));
        app.post("/v1/import", ctx -> handle(ctx, null));
    }

    private void handle(Context ctx, EventType type) throws Exception {
        String headerKey = Auth.basicUser(ctx);
        if (headerKey != null) auth.requireWriteKey(headerKey);
        IngestService.Decoded decoded;
        try {
            decoded = ingest.decode(type, ctx.bodyAsBytes(), ctx.header("Content-Encoding"));
        } catch (InvalidMessageException e) {
            if (headerKey == null) auth.requireWriteKey(null); // unauthenticated callers learn nothing about validation
            throw ApiError.of(400, e.errors());
        }
        if (headerKey == null) auth.requireWriteKey(decoded.bodyWriteKey());
        IngestOutcome outcome;
        try {
            outcome = ingest.store(decoded.events()).get(30, TimeUnit.SECONDS);
        } catch (OverloadedException e) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, e.getMessage());
        } catch (TimeoutException e) {
            ctx.header("Retry-After", "5");
            throw new ApiError(503, "the store did not confirm the write in 30 s; retry with the same messageIds (they are deduplicated)");
        } catch (ExecutionException e) {
            throw new ApiError(500, "the events could not be stored (" + e.getCause().getMessage() + "); nothing was kept, retry");
        }
        Json.send(ctx, 200, Map.of("success", true, "accepted", outcome.accepted(), "duplicates", outcome.duplicates()));
    }
}
