package dev.nudge.server.dashboard;

import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.mail.broadcast.BroadcastState;
import dev.nudge.mail.template.TemplateException;
import dev.nudge.server.mail.Broadcasts;
import dev.nudge.server.mail.MailModule;
import dev.nudge.server.segment.SegmentDefinitions;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.nudge.server.dashboard.Views.BroadcastDraft;

/**
 * The broadcasts pages: every broadcast with its status and progress; a form to create one from a
 * template and a segment, with a preview for a chosen profile; a confirmation step that says how
 * many members the segment has now; and one broadcast whose progress fragment htmx polls every
 * second until the runner stops.
 *
 * <p>Everything goes through {@link Broadcasts}, the service {@code /api/v1/broadcasts} uses: the
 * same snapshot, runner, checks (unknown segment, broken template, taken id) and resumption. Sending
 * is one POST carrying the session's CSRF token, made from the confirmation page; the snapshot is
 * frozen then, so the count shown on the confirmation page may differ by what changed meanwhile.
 */
final class BroadcastPages {
    private final Dashboard dashboard;
    private final SegmentDefinitions definitions;
    private final SegmentReads reads;
    private final MailModule mail;
    private final Broadcasts broadcasts;
    private final TemplatePages templates;

    BroadcastPages(Dashboard dashboard, NudgeStore store, SegmentDefinitions definitions, MailModule mail, TemplatePages templates) {
        this.dashboard = dashboard;
        this.definitions = definitions;
        this.reads = new SegmentReads(store);
        this.mail = mail;
        this.broadcasts = mail.broadcasts();
        this.templates = templates;
    }

    void register(RoutesConfig app) {
        app.get("/broadcasts", dashboard.page(this::list));
        app.get("/broadcasts/new", dashboard.page(ctx -> form(ctx, 200, new BroadcastDraft(q(ctx, "id"), q(ctx, "template"), q(ctx, "segment"), q(ctx, "profile")), "")));
        app.post("/broadcasts/preview", dashboard.page(this::preview));
        app.post("/broadcasts/review", dashboard.page(this::review));
        app.post("/broadcasts", dashboard.page(this::send));
        app.get("/broadcasts/{id}", dashboard.page(this::detail));
        app.get("/broadcasts/{id}/progress", dashboard.page(this::progress));
    }

    private static BroadcastDraft draft(Context ctx) {
        return new BroadcastDraft(f(ctx, "id"), f(ctx, "template"), f(ctx, "segment"), f(ctx, "profile"));
    }

    private void list(Context ctx) {
        List<Views.BroadcastRow> rows = new ArrayList<>(broadcasts.list().stream().map(this::row).toList());
        rows.sort((a, b) -> b.created().compareTo(a.created())); // newest first
        dashboard.render(ctx, 200, "broadcasts.jte", dashboard.frame(ctx, "Broadcasts", "broadcasts"), Map.of("rows", rows));
    }

    Views.BroadcastRow row(Broadcasts.Definition d) {
        BroadcastState s = broadcasts.state(d.id()).orElse(null);
        boolean running = broadcasts.isRunning(d.id());
        String status = s == null ? (running ? "starting" : "not started") : s.status().name().toLowerCase(Locale.ROOT);
        boolean terminal = s != null && (s.status() == BroadcastState.Status.FINISHED || s.status() == BroadcastState.Status.FAILED);
        if (!running && !terminal && s != null && s.status() == BroadcastState.Status.RUNNING) status = "stopped"; // its thread ended early; a restart or POST .../resume continues it
        long processed = s == null ? 0 : s.offset();
        return new Views.BroadcastRow(d.id(), d.template(), d.segment(), d.recipients(), status, processed, Math.max(0, d.recipients() - processed),
                s == null ? 0 : s.sent(), s == null ? 0 : s.suppressed(), s == null ? 0 : s.bounced(), s == null ? 0 : s.failed(),
                s == null || s.reason() == null ? "" : s.reason(), Text.time(d.createdAt()), running && !terminal);
    }

    private List<Views.SegmentOption> segments() {
        List<Views.SegmentOption> out = new ArrayList<>();
        for (SegmentDefinition d : definitions.list()) {
            out.add(new Views.SegmentOption(d.id(), d.id() + (d.name() == null ? "" : " — " + d.name()) + " (" + reads.size(d.id()) + " members)"));
        }
        return out;
    }

    private void form(Context ctx, int status, BroadcastDraft draft, String error) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("draft", draft);
        p.put("templates", mail.templateNames());
        p.put("segments", segments());
        p.put("error", error);
        dashboard.render(ctx, status, "broadcastNew.jte", dashboard.frame(ctx, "New broadcast", "broadcasts"), p);
    }

    /** htmx: the chosen template rendered for the chosen profile. */
    private void preview(Context ctx) {
        BroadcastDraft d = draft(ctx);
        if (d.template().isEmpty()) {
            ctx.status(200).contentType("text/html; charset=utf-8").result("<p class=\"error\" id=\"render-error\">Choose a template first.</p>");
            return;
        }
        dashboard.render(ctx, 200, "render.jte", dashboard.frame(ctx, "", ""), templates.renderSaved(ctx, d.template(), d.profile()));
    }

    /** The confirmation step: what will be sent to whom, and one button that sends it. Nothing is created yet. */
    private void review(Context ctx) {
        BroadcastDraft d = draft(ctx);
        String problem = problem(d);
        if (!problem.isEmpty()) {
            form(ctx, 400, d, problem);
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("draft", d);
        p.put("members", reads.size(d.segment()));
        p.putAll(templates.renderSaved(ctx, d.template(), d.profile()));
        dashboard.render(ctx, 200, "broadcastConfirm.jte", dashboard.frame(ctx, "Send this broadcast?", "broadcasts"), p);
    }

    /** What stops the draft from being sent, said so that the person can fix it; "" when nothing does. */
    private String problem(BroadcastDraft d) {
        if (d.template().isEmpty()) return "Choose a template.";
        if (!mail.templateNames().contains(d.template())) return "No template is named \"" + d.template() + "\"; choose one of the list.";
        if (d.segment().isEmpty()) return "Choose a segment.";
        if (definitions.list().stream().noneMatch(s -> s.id().equals(d.segment()))) return "No segment has the id \"" + d.segment() + "\"; choose one of the list.";
        if (!d.id().isEmpty() && broadcasts.definition(d.id()).isPresent()) return "A broadcast with the id \"" + d.id() + "\" exists; pick another id or leave it empty.";
        return "";
    }

    private void send(Context ctx) {
        BroadcastDraft d = draft(ctx);
        String problem = problem(d);
        if (!problem.isEmpty()) {
            form(ctx, 400, d, problem);
            return;
        }
        String id = d.id().isEmpty() ? "b-" + java.util.UUID.randomUUID().toString().substring(0, 8) : d.id();
        try {
            broadcasts.create(id, d.template(), d.segment());
        } catch (TemplateException e) {
            form(ctx, 400, d, "The template does not render: " + e.getMessage() + ". Fix it in the templates folder (preview it under Templates), then send again.");
            return;
        } catch (IllegalStateException | IllegalArgumentException e) { // a taken id or a segment deleted since the form was filled
            form(ctx, e instanceof IllegalStateException ? 409 : 400, d, e.getMessage());
            return;
        }
        ctx.redirect("/broadcasts/" + Views.path(id), HttpStatus.SEE_OTHER);
    }

    private Optional<Views.BroadcastRow> find(Context ctx) {
        return broadcasts.definition(ctx.pathParam("id")).map(this::row);
    }

    private void detail(Context ctx) {
        Optional<Views.BroadcastRow> r = find(ctx);
        if (r.isEmpty()) {
            notFound(ctx);
            return;
        }
        dashboard.render(ctx, 200, "broadcast.jte", dashboard.frame(ctx, "Broadcast " + r.get().id(), "broadcasts"), Map.of("b", r.get()));
    }

    /** htmx: the progress fragment; it keeps polling itself only while the runner works. */
    private void progress(Context ctx) {
        Optional<Views.BroadcastRow> r = find(ctx);
        if (r.isEmpty()) {
            notFound(ctx);
            return;
        }
        dashboard.render(ctx, 200, "progress.jte", dashboard.frame(ctx, "", ""), Map.of("b", r.get()));
    }

    private void notFound(Context ctx) {
        dashboard.render(ctx, 404, "notice.jte", dashboard.frame(ctx, "Not found", "broadcasts"),
                Map.of("message", "No broadcast has the id \"" + ctx.pathParam("id") + "\".", "back", "/broadcasts"));
    }

    private static String f(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    private static String q(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }
}
