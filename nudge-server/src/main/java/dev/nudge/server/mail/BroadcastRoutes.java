package dev.nudge.server.mail;

import dev.nudge.mail.broadcast.BroadcastState;
import dev.nudge.mail.template.TemplateException;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/broadcasts {"template", "segment", "id"?}} freezes the segment's members and
 * starts sending; {@code GET /api/v1/broadcasts/{id}} shows status and counts;
 * {@code POST .../pause} and {@code .../resume}.
 */
final class BroadcastRoutes {
    private final Broadcasts broadcasts;

    BroadcastRoutes(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    void register(RoutesConfig app) {
        app.post("/api/v1/broadcasts", this::create);
        app.get("/api/v1/broadcasts/{id}", ctx -> Json.send(ctx, 200, view(ctx.pathParam("id"))));
        app.post("/api/v1/broadcasts/{id}/pause", ctx -> {
            definition(ctx.pathParam("id"));
            if (!broadcasts.pause(ctx.pathParam("id"))) throw new ApiError(409, "the broadcast has already finished or failed; nothing to pause");
            Json.send(ctx, 200, view(ctx.pathParam("id")));
        });
        app.post("/api/v1/broadcasts/{id}/resume", ctx -> {
            definition(ctx.pathParam("id"));
            if (!broadcasts.resume(ctx.pathParam("id"))) throw new ApiError(409, "the broadcast is already running");
            Json.send(ctx, 202, view(ctx.pathParam("id")));
        });
    }

    private void create(Context ctx) {
        Map<String, Object> body = MailAdminRoutes.body(ctx);
        if (!(body.get("template") instanceof String template)) throw new ApiError(400, "\"template\" (a template name) is required", "template", List.of());
        if (!(body.get("segment") instanceof String segment)) throw new ApiError(400, "\"segment\" (a segment id) is required", "segment", List.of());
        String id = body.get("id") instanceof String s ? s : "b-" + UUID.randomUUID();
        try {
            broadcasts.create(id, template, segment);
        } catch (TemplateException e) {
            Json.send(ctx, 400, Previews.error(e));
            return;
        } catch (Broadcasts.UnknownSegment e) {
            throw new ApiError(400, e.getMessage(), "segment", List.of());
        } catch (IllegalStateException e) {
            throw new ApiError(409, e.getMessage(), "id", List.of());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        Json.send(ctx, 201, view(id));
    }

    private Broadcasts.Definition definition(String id) {
        return broadcasts.definition(id).orElseThrow(() -> new ApiError(404, "no broadcast has the id \"" + id + "\"", "id", List.of()));
    }

    private Map<String, Object> view(String id) {
        Broadcasts.Definition d = definition(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("template", d.template());
        m.put("segment", d.segment());
        m.put("recipients", d.recipients());
        m.put("created_at", d.createdAt().toString());
        BroadcastState s = broadcasts.state(id).orElse(null);
        m.put("status", s == null ? "starting" : s.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("processed", s == null ? 0 : s.offset());
        m.put("sent", s == null ? 0 : s.sent());
        m.put("suppressed", s == null ? 0 : s.suppressed());
        m.put("bounced", s == null ? 0 : s.bounced());
        m.put("failed", s == null ? 0 : s.failed());
        m.put("reason", s == null ? null : s.reason());
        m.put("running", broadcasts.isRunning(id));
        return m;
    }
}
