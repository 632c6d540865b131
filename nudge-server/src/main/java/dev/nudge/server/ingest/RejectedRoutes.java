package dev.nudge.server.ingest;

import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import dev.nudge.store.ingest.RejectedLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/ingest/rejected?limit=N&cursor=C}: the rejected-messages log, newest first, in
 * the admin API's one paging scheme ({@link Paging}). Behind the admin token like all of
 * {@code /api}. The cursor is the id of the last entry of the previous page, opaque to callers.
 */
public final class RejectedRoutes {
    private final RejectedLog log;

    public RejectedRoutes(RejectedLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    public void register(RoutesConfig app) {
        app.get("/api/v1/ingest/rejected", this::list);
    }

    private void list(Context ctx) {
        int limit = Paging.limit(ctx);
        byte[] cursor = Paging.cursor(ctx);
        Long before = null;
        if (cursor != null) {
            if (cursor.length != Long.BYTES) {
                throw new ApiError(400, "cursor is not one this API gave out; pass the next_cursor of the previous page unchanged", "cursor", List.of());
            }
            before = ByteBuffer.wrap(cursor).getLong();
        }
        RejectedLog.Page page = log.newestFirst(limit, before);
        List<Object> data = page.entries().stream().map(e -> (Object) RejectedEntry.fromBytes(e.value()).toJson(e.seq())).toList();
        String next = page.nextBefore() == null ? null : Paging.encode(ByteBuffer.allocate(Long.BYTES).putLong(page.nextBefore()).array());
        Json.send(ctx, 200, Paging.page(data, next));
    }
}
