package dev.nudge.server.ingest;

import dev.nudge.core.event.EventType;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.server.auth.Auth;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.store.ingest.IngestOutcome;
import dev.nudge.store.ingest.OverloadedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Segment-spec HTTP API: {@code POST /v1/identify|track|page|screen|group|alias|batch}
 * ({@code /v1/import} is the batch endpoint's other name, used by the official server libraries;
 * {@code /v1/t|p|i|a|g|s|b} are the short names of the browser and mobile libraries). Bodies are
 * JSON whatever the Content-Type says: analytics.js sends {@code text/plain} to stay a simple CORS request.
 * A 200 is sent only after the request's events are durable. A batch that could be read is answered
 * 200 even when some or all of its messages are refused: those are listed in the answer and kept in
 * the rejected-messages log, since the official clients drop a batch answered 4xx, good events and
 * all. A single call that is refused is a 400.
 */
public final class IngestRoutes {
    /**
     * Requests being read, validated or awaiting durability at once. Virtual threads make concurrency
     * free, so memory is bounded here: 256 × the 500 KB batch limit stays far below the heap, and the
     * 257th concurrent request gets 429 instead of an OutOfMemoryError.
     */
    static final int MAX_IN_FLIGHT = 256;

    private final IngestService ingest;
    private final Auth auth;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);

    public IngestRoutes(IngestService ingest, Auth auth) {
        this.ingest = ingest;
        this.auth = auth;
    }

    public void register(RoutesConfig app) {
        for (EventType t : EventType.values()) app.post("/v1/" + t.wire(), ctx -> handle(ctx, t));
        app.post("/v1/batch", ctx -> handle(ctx, null));
        app.post("/v1/import", ctx -> handle(ctx, null));
        // analytics.js (analytics-next) posts each call to /v1/ + the type's first letter (t, p, i, a, g, s),
        // and it and the mobile libraries post batches to /v1/b; same handlers, same rules
        for (EventType t : EventType.values()) app.post("/v1/" + t.wire().charAt(0), ctx -> handle(ctx, t));
        app.post("/v1/b", ctx -> handle(ctx, null));
    }

    private void handle(Context ctx, EventType type) throws Exception {
        if (!inFlight.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "too many requests in flight (" + MAX_IN_FLIGHT + "); retry after a second");
        }
        try {
            handleAdmitted(ctx, type);
        } finally {
            inFlight.release();
        }
    }

    private void handleAdmitted(Context ctx, EventType type) throws Exception {
        String headerKey = Auth.basicUser(ctx);
        if (headerKey != null) auth.requireWriteKey(headerKey);
        IngestService.Decoded decoded;
        try {
            decoded = ingest.decode(type, ctx.bodyAsBytes(), ctx.header("Content-Encoding"));
        } catch (InvalidMessageException e) {
            if (headerKey == null) auth.requireWriteKey(null); // unauthenticated callers learn nothing about validation
            throw ApiError.of(400, e.errors());
        }
        String key = headerKey != null ? headerKey : decoded.bodyWriteKey();
        if (headerKey == null) auth.requireWriteKey(key);
        RequestSource source = new RequestSource(ctx.path(), Credentials.publicId(key), ctx.userAgent(), ctx.ip());
        if (type != null && !decoded.rejected().isEmpty()) {
            ingest.keepRefusedCall(decoded, source); // a single call has nothing else to store: it stays a 400
            throw ApiError.of(400, decoded.rejected().get(0).errors());
        }
        IngestOutcome outcome;
        try {
            outcome = ingest.store(decoded, source).get(30, TimeUnit.SECONDS);
        } catch (OverloadedException e) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, e.getMessage());
        } catch (TimeoutException e) {
            ctx.header("Retry-After", "5");
            throw new ApiError(503, "the store did not confirm the write in 30 s; retry with the same messageIds (they are deduplicated)");
        } catch (ExecutionException e) {
            throw new ApiError(500, "the events could not be stored (" + e.getCause().getMessage() + "); nothing was kept, retry");
        }
        Json.send(ctx, 200, Answer.accepted(outcome, decoded.rejected()));
    }
}
