package dev.nudge.server.mail;

import dev.nudge.core.profile.Profile;
import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.catcher.CaughtMessage;
import dev.nudge.mail.catcher.MailCatcher;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionCsv;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.mail.template.RenderedEmail;
import dev.nudge.mail.template.TemplateException;
import dev.nudge.mail.template.TemplateRenderer;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin API of the mail feature (under {@code /api/v1}, admin token required): the catcher's outbox
 * and per-send status, the suppression list (list, add, remove, CSV import) and template preview.
 */
final class MailAdminRoutes {
    private final MailModule mail;

    MailAdminRoutes(MailModule mail) {
        this.mail = mail;
    }

    void register(RoutesConfig app) {
        app.get("/api/v1/outbox", this::outbox);
        app.get("/api/v1/outbox/status", this::status);
        app.get("/api/v1/suppressions", this::suppressions);
        app.post("/api/v1/suppressions", this::addSuppression);
        app.delete("/api/v1/suppressions", this::removeSuppression);
        app.post("/api/v1/suppressions/import", this::importCsv);
        app.post("/api/v1/templates/preview", this::preview);
    }

    private void outbox(Context ctx) {
        MailCatcher c = mail.catcher;
        if (c == null) throw new ApiError(404, "the transport is SMTP, so messages are not kept here; "
                + "GET /api/v1/outbox/status?key=... or ?message_id=... shows one send's status");
        String cursor = ctx.queryParam("cursor");
        MailCatcher.Page page;
        try {
            page = c.list(cursor, Paging.limit(ctx));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage(), "cursor", List.of());
        }
        Json.send(ctx, 200, Paging.page(page.items().stream().map(MailAdminRoutes::caught).toList(), page.nextCursor()));
    }

    private static Map<String, Object> caught(CaughtMessage cm) {
        OutgoingMessage m = cm.message();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", cm.seq());
        out.put("message_id", m.messageId());
        out.put("idempotency_key", m.idempotencyKey());
        out.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("from", m.from());
        out.put("to", m.to());
        out.put("subject", m.subject());
        out.put("headers", m.headers());
        out.put("html", m.html());
        out.put("text", m.text());
        out.put("caught_at", cm.caughtAt().toString());
        return out;
    }

    private void status(Context ctx) {
        String key = ctx.queryParam("key");
        if (key == null) {
            String mid = ctx.queryParam("message_id");
            if (mid == null) throw new ApiError(400, "pass ?key=IDEMPOTENCY_KEY or ?message_id=MESSAGE_ID", "key", List.of());
            key = mail.messages.find(mid).map(m -> m.idempotencyKey())
                    .orElseThrow(() -> new ApiError(404, "no sent message has the id " + mid, "message_id", List.of()));
        }
        String k = key;
        OutboxEntry e = mail.outbox.get(k).orElseThrow(() -> new ApiError(404, "no send has the idempotency key " + k, "key", List.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", e.key());
        out.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("attempts", e.attempts());
        out.put("message_id", e.messageId());
        out.put("detail", e.detail());
        out.put("template", e.intent().template());
        out.put("profile_id", e.intent().profileId());
        out.put("updated_at", e.updatedAt().toString());
        Json.send(ctx, 200, out);
    }

    private void suppressions(Context ctx) {
        String email = ctx.queryParam("email");
        if (email != null) {
            Json.send(ctx, 200, Paging.page(mail.suppressions.find(valid(email)).stream().map(MailAdminRoutes::view).toList(), null));
            return;
        }
        int limit = Paging.limit(ctx);
        byte[] raw = Paging.cursor(ctx);
        List<Suppression> page;
        try {
            page = mail.suppressions.page(raw == null ? null : new String(raw, StandardCharsets.UTF_8), limit);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "cursor is not one this API gave out; pass next_cursor unchanged", "cursor", List.of());
        }
        String next = page.size() == limit ? Paging.encode(SuppressionStore.cursorOf(page.get(page.size() - 1))) : null;
        Json.send(ctx, 200, Paging.page(page.stream().map(MailAdminRoutes::view).toList(), next));
    }

    private static Map<String, Object> view(Suppression s) {
        return Map.of("email", s.email(), "reason", s.reason().name().toLowerCase(java.util.Locale.ROOT), "source", s.source(),
                "note", s.note(), "at", s.at().toString());
    }

    private void addSuppression(Context ctx) {
        Map<String, Object> body = body(ctx);
        String email = valid(String.valueOf(body.get("email")));
        SuppressionReason reason = reason(body.get("reason"));
        Suppression s = new Suppression(email, reason, "api", body.get("note") == null ? null : String.valueOf(body.get("note")), mail.clock.instant());
        mail.suppressions.put(s);
        Json.send(ctx, 201, view(s));
    }

    private void removeSuppression(Context ctx) {
        String email = ctx.queryParam("email");
        if (email == null) throw new ApiError(400, "pass ?email=ADDRESS (and optionally &reason=...)", "email", List.of());
        String e = valid(email);
        String r = ctx.queryParam("reason");
        int removed = 0;
        for (SuppressionReason reason : r == null ? List.of(SuppressionReason.values()) : List.of(reason(r))) {
            if (mail.suppressions.remove(e, reason)) removed++;
        }
        if (removed == 0) throw new ApiError(404, e + " is not on the suppression list" + (r == null ? "" : " for " + r), "email", List.of());
        Json.send(ctx, 200, Map.of("email", e, "removed", removed));
    }

    private void importCsv(Context ctx) throws IOException {
        SuppressionCsv.Result r = SuppressionCsv.importInto(mail.suppressions, new StringReader(ctx.body()), "csv_import", mail.clock.instant());
        Json.send(ctx, r.imported() == 0 && !r.errors().isEmpty() ? 400 : 200, Map.of("imported", r.imported(), "errors", r.errors()));
    }

    /** Body {@code {"template": "name", "profile_id": "optional"}} or {@code {"source": "inline Liquid", ...}}. */
    private void preview(Context ctx) {
        Map<String, Object> body = body(ctx);
        Object pid = body.get("profile_id");
        Profile p = null;
        if (pid != null) {
            p = mail.profiles.find(String.valueOf(pid)).orElseThrow(() -> new ApiError(404, "no profile has the id \"" + pid + "\"", "profile_id", List.of()));
        }
        try {
            RenderedEmail r;
            if (body.get("source") instanceof String src) {
                var t = mail.engine.compileSource(String.valueOf(body.getOrDefault("template", "preview")), src);
                r = new TemplateRenderer(mail.engine).preview(t, p, null);
            } else if (body.get("template") instanceof String name) {
                r = new TemplateRenderer(mail.engine).preview(name, p, null);
            } else {
                throw new ApiError(400, "pass \"template\" (a file in --templates) or \"source\" (Liquid text)", "template", List.of());
            }
            Json.send(ctx, 200, Previews.view(r));
        } catch (TemplateException e) {
            Json.send(ctx, 400, Previews.error(e));
        }
    }

    static Map<String, Object> body(Context ctx) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(ctx.body(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
            if (m == null) throw new ApiError(400, "the body must be a JSON object");
            return m;
        } catch (IOException e) {
            throw new ApiError(400, "the body must be a JSON object: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String valid(String email) {
        try {
            return Suppression.normalize(email);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage(), "email", List.of());
        }
    }

    private static SuppressionReason reason(Object raw) {
        try {
            return SuppressionReason.parse(raw == null ? null : String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage(), "reason", List.of());
        }
    }
}
