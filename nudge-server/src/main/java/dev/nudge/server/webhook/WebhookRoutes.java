package dev.nudge.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import dev.nudge.store.segment.SegmentReads;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/webhooks}: register, list (with delivery status) and delete transition webhooks. */
public final class WebhookRoutes {
    private final WebhookRegistry registry;
    private final WebhookDispatcher dispatcher;
    private final SegmentReads reads;

    public WebhookRoutes(WebhookRegistry registry, WebhookDispatcher dispatcher, SegmentReads reads) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.reads = reads;
    }

    public void register(RoutesConfig app) {
        app.post("/api/v1/webhooks", this::create);
        app.get("/api/v1/webhooks", ctx -> Json.send(ctx, 200, Paging.page(registry.list().stream().map(w -> (Object) view(w, false)).toList(), null)));
        app.delete("/api/v1/webhooks/{id}", ctx -> {
            if (!registry.delete(ctx.pathParam("id"))) throw new ApiError(404, "no webhook has the id \"" + ctx.pathParam("id") + "\"");
            Json.send(ctx, 200, Map.of("deleted", ctx.pathParam("id")));
        });
    }

    private void create(Context ctx) throws Exception {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body());
        } catch (Exception e) {
            throw new ApiError(400, "the body must be JSON like {\"url\": \"https://example.com/hook\", \"segments\": [\"vip\"]}");
        }
        if (body == null || !body.path("url").isTextual()) {
            throw new ApiError(400, "\"url\" is required: where to POST transitions", "url", List.of());
        }
        URI url;
        try {
            url = URI.create(body.get("url").asText());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "\"url\" is not a valid URL", "url", List.of());
        }
        List<String> segments = new ArrayList<>();
        body.path("segments").forEach(s -> segments.add(s.asText()));
        Webhook w;
        try {
            w = registry.create(url, body.path("secret").asText(null), segments, reads.lastSeq());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage(), "url", List.of());
        }
        Json.send(ctx, 201, view(w, true));
    }

    private Map<String, Object> view(Webhook w, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url().toString());
        m.put("segments", w.segments());
        m.put("created", w.created().toString());
        if (withSecret) m.put("secret", w.secret());
        WebhookDispatcher.Status s = dispatcher.status(w.id());
        m.put("delivered_through_seq", registry.cursor(w.id()));
        m.put("consecutive_failures", s.consecutiveFailures());
        m.put("last_error", s.lastError());
        return m;
    }
}
