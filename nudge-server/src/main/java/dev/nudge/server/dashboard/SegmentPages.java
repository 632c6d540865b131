package dev.nudge.server.dashboard;

import dev.nudge.core.segment.Transition;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.server.http.Paging;
import dev.nudge.server.segment.SegmentDefinitions;
import dev.nudge.server.segment.SegmentRoutes;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.StoredTransition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The segments pages: the list, one segment (definition, size over time, members, recent
 * transitions) and the editor, whose text is checked as it is typed (the validator's issues, inline)
 * and previewed (how many profiles match now) before it is saved. Saving goes through
 * {@link SegmentDefinitions#put}, the API's own path, so the same checks and backfill apply.
 */
final class SegmentPages {
    /** How far back the detail page's chart and transition list look. */
    static final Duration WINDOW = Duration.ofDays(30);
    /** At most this many transitions are read for the chart; the page says when the window held more. */
    static final int MAX_TRANSITIONS = 1000;
    static final int MEMBERS_PER_PAGE = 50;
    static final String EXAMPLE = """
            id: my-segment
            name: Viewed a product this week
            where:
              event: Product Viewed
              within: 7d
            """;

    private final Dashboard dashboard;
    private final SegmentDefinitions definitions;
    private final SegmentRuntime runtime;
    private final SegmentRoutes api;
    private final SegmentReads reads;
    private final InstantSource clock;

    SegmentPages(Dashboard dashboard, NudgeStore store, SegmentDefinitions definitions, SegmentRuntime runtime, SegmentRoutes api, InstantSource clock) {
        this.dashboard = dashboard;
        this.definitions = definitions;
        this.runtime = runtime;
        this.api = api;
        this.reads = new SegmentReads(store);
        this.clock = clock;
    }

    void register(RoutesConfig app) {
        app.get("/segments", dashboard.page(this::list));
        app.get("/segments/new", dashboard.page(ctx -> editor(ctx, 200, null, EXAMPLE, List.of())));
        app.post("/segments/check", dashboard.page(this::check));
        app.post("/segments/preview", dashboard.page(this::preview));
        app.post("/segments", dashboard.page(this::save));
        app.get("/segments/{id}", dashboard.page(this::detail));
        app.get("/segments/{id}/edit", dashboard.page(ctx -> {
            SegmentDefinition d = find(ctx);
            if (d != null) editor(ctx, 200, d.id(), d.text(), List.of());
        }));
    }

    private Views.SegmentRow row(SegmentDefinition d) {
        StoredTransition last = reads.lastChange(d.id());
        return new Views.SegmentRow(d.id(), d.name(), reads.size(d.id()), last == null ? "" : Text.time(last.transition().at()), definitions.origin(d.id()));
    }

    private void list(Context ctx) {
        List<Views.SegmentRow> rows = definitions.list().stream().map(this::row).toList();
        dashboard.render(ctx, 200, "segments.jte", dashboard.frame(ctx, "Segments", "segments"), Map.of("segments", rows));
    }

    private SegmentDefinition find(Context ctx) {
        String id = ctx.pathParam("id");
        var c = runtime.engine().catalog().get(id);
        if (c == null) {
            dashboard.render(ctx, 404, "notice.jte", dashboard.frame(ctx, "Not found", "segments"),
                    Map.of("message", "No segment has the id \"" + id + "\".", "back", "/segments"));
            return null;
        }
        return c.definition();
    }

    private void detail(Context ctx) {
        SegmentDefinition d = find(ctx);
        if (d == null) return;
        Instant now = clock.instant();
        List<StoredTransition> window = reads.history(d.id(), now.minus(WINDOW), null, MAX_TRANSITIONS, null).items();
        List<Views.TransitionRow> recent = new ArrayList<>();
        for (int i = window.size() - 1; i >= 0 && recent.size() < 20; i--) recent.add(Views.TransitionRow.of(window.get(i)));
        long size = reads.size(d.id());

        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        byte[] cursor = Paging.cursor(ctx);
        List<Views.Member> members = new ArrayList<>();
        byte[] next = cursor;
        // a search reads pages until it has a page of hits (bounded: at most 20 pages of the segment)
        for (int pages = 0; pages < (q.isEmpty() ? 1 : 20); pages++) {
            SegmentReads.Page<SegmentReads.Member> page = reads.members(d.id(), MEMBERS_PER_PAGE, next);
            for (SegmentReads.Member m : page.items()) {
                if (q.isEmpty() || m.profileId().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) members.add(new Views.Member(m.profileId(), Text.time(m.since())));
            }
            next = page.next();
            if (next == null || members.size() >= MEMBERS_PER_PAGE) break;
        }
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("segment", row(d));
        p.put("description", d.description() == null ? "" : d.description());
        p.put("definition", d.text());
        p.put("members", members);
        p.put("q", q);
        p.put("next", next == null ? "" : Paging.encode(next));
        p.put("recent", recent);
        p.put("series", Text.json(series(window, size, now)));
        p.put("truncated", window.size() >= MAX_TRANSITIONS);
        dashboard.render(ctx, 200, "segment.jte", dashboard.frame(ctx, d.name() == null ? d.id() : d.name(), "segments"), p);
    }

    /**
     * Size over the window, as uPlot's {@code [[epoch seconds...], [sizes...]]}: walks the window's
     * transitions back from today's size (an entry counted now did not count before it happened).
     */
    static List<List<Long>> series(List<StoredTransition> window, long sizeNow, Instant now) {
        List<Long> xs = new ArrayList<>(), ys = new ArrayList<>();
        long size = sizeNow;
        xs.add(now.getEpochSecond());
        ys.add(size);
        for (int i = window.size() - 1; i >= 0; i--) {
            Transition t = window.get(i).transition();
            xs.add(t.at().getEpochSecond());
            ys.add(size);
            size += t.kind() == Transition.Kind.ENTERED ? -1 : 1;
            xs.add(t.at().getEpochSecond());
            ys.add(Math.max(0, size));
        }
        xs.add(now.minus(WINDOW).getEpochSecond());
        ys.add(Math.max(0, size));
        Collections.reverse(xs);
        Collections.reverse(ys);
        return List.of(xs, ys);
    }

    private void editor(Context ctx, int status, String id, String text, List<Views.IssueView> issues) {
        dashboard.render(ctx, status, "editor.jte", dashboard.frame(ctx, id == null ? "New segment" : "Edit " + id, "segments"),
                Map.of("id", id == null ? "" : id, "text", text, "issues", issues));
    }

    private static List<Views.IssueView> issues(SegmentDefinitions.InvalidSegments e) {
        return e.issues().stream().map(Views.IssueView::of).toList();
    }

    /**
     * On the new-segment editor (no id in the form), a text whose id is taken: saving it would
     * replace that segment, so it is refused with an issue on the {@code id:} line; replacing stays
     * the edit page's job, where the id is explicit. Null when the id is free or the editor edits.
     * (Checked before the put, not inside it: two people creating one id in the same instant could
     * both pass; the API's PUT semantics are left as they are.)
     */
    private Views.IssueView taken(String editing, SegmentDefinition d, String text) {
        if (editing != null || runtime.engine().catalog().get(d.id()) == null) return null;
        List<String> lines = text.lines().toList();
        int line = 1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).stripLeading().startsWith("id:")) { line = i + 1; break; }
        String source = lines.isEmpty() ? "" : lines.get(line - 1);
        return Views.IssueView.of(new dev.nudge.core.segment.lang.Issue("segment", line, Math.max(1, source.indexOf("id:") + 1),
                "a segment with the id `" + d.id() + "` exists already; saving this would replace it",
                "pick another id, or change that segment on its edit page: /segments/" + Views.path(d.id()) + "/edit", source));
    }

    private static String editing(Context ctx) {
        String id = ctx.formParam("id");
        return id == null || id.isBlank() ? null : id;
    }

    /** htmx: the validator's verdict on the editor's text, as the fragment under the editor. */
    private void check(Context ctx) {
        String text = text(ctx);
        try {
            SegmentDefinition d = definitions.check("segment", text);
            Views.IssueView taken = taken(editing(ctx), d, text);
            if (taken != null) {
                dashboard.render(ctx, 200, "check.jte", dashboard.frame(ctx, "", ""), Map.of("issues", List.of(taken), "id", ""));
                return;
            }
            dashboard.render(ctx, 200, "check.jte", dashboard.frame(ctx, "", ""), Map.of("issues", List.of(), "id", d.id()));
        } catch (SegmentDefinitions.InvalidSegments e) {
            dashboard.render(ctx, 200, "check.jte", dashboard.frame(ctx, "", ""), Map.of("issues", issues(e), "id", ""));
        }
    }

    /** htmx: how many stored profiles the editor's text matches now, without saving it. */
    private void preview(Context ctx) {
        String text = text(ctx);
        try {
            SegmentRoutes.Preview p = api.preview(definitions.check("preview", text), 10);
            dashboard.render(ctx, 200, "preview.jte", dashboard.frame(ctx, "", ""), Map.of("preview", p, "issues", List.of()));
        } catch (SegmentDefinitions.InvalidSegments e) {
            dashboard.render(ctx, 200, "check.jte", dashboard.frame(ctx, "", ""), Map.of("issues", issues(e), "id", ""));
        }
    }

    private void save(Context ctx) {
        String text = text(ctx);
        String expected = editing(ctx);
        try {
            Views.IssueView taken = taken(expected, definitions.check("segment", text), text);
            if (taken != null) {
                editor(ctx, 409, null, text, List.of(taken));
                return;
            }
            SegmentDefinition d = definitions.put(expected, text);
            ctx.redirect("/segments/" + d.id(), HttpStatus.SEE_OTHER);
        } catch (SegmentDefinitions.InvalidSegments e) {
            editor(ctx, 400, expected, text, issues(e));
        }
    }

    private static String text(Context ctx) {
        String t = ctx.formParam("definition");
        return t == null ? "" : t;
    }
}
