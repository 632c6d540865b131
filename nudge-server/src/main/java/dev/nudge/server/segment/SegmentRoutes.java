package dev.nudge.server.segment;

import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.lang.Issue;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.StoredTransition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments API (DESIGN.md §12): definitions as YAML or JSON bodies, members, transition history,
 * preview without saving, backfill progress. Validation errors list every issue with line, column
 * and hint, and change nothing.
 */
public final class SegmentRoutes {
    private final NudgeStore store;
    private final SegmentDefinitions definitions;
    private final SegmentRuntime runtime;
    private final SegmentReads reads;

    public SegmentRoutes(NudgeStore store, SegmentDefinitions definitions, SegmentRuntime runtime) {
        this.store = store;
        this.definitions = definitions;
        this.runtime = runtime;
        this.reads = new SegmentReads(store);
    }

    public void register(RoutesConfig app) {
        app.exception(SegmentDefinitions.InvalidSegments.class, (e, ctx) -> Json.send(ctx, 400, issues(e.issues())));
        app.get("/api/v1/segments", this::list);
        app.post("/api/v1/segments", ctx -> created(ctx, definitions.put(null, ctx.body())));
        app.post("/api/v1/segments/preview", this::preview);
        app.get("/api/v1/segments/backfill", ctx -> Json.send(ctx, 200, definitions.progress()));
        app.get("/api/v1/segments/{id}", ctx -> Json.send(ctx, 200, view(definition(ctx), true)));
        app.put("/api/v1/segments/{id}", ctx -> created(ctx, definitions.put(ctx.pathParam("id"), ctx.body())));
        app.delete("/api/v1/segments/{id}", this::delete);
        app.get("/api/v1/segments/{id}/members", this::members);
        app.get("/api/v1/segments/{id}/transitions", this::transitions);
        app.get("/api/v1/profiles/{id}/segments", this::profileSegments);
    }

    private SegmentDefinition definition(Context ctx) {
        String id = ctx.pathParam("id");
        var c = runtime.engine().catalog().get(id);
        if (c == null) throw new ApiError(404, "no segment has the id \"" + id + "\"; GET /api/v1/segments lists them", "id", List.of());
        return c.definition();
    }

    private Map<String, Object> view(SegmentDefinition d, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("description", d.description());
        m.put("origin", definitions.origin(d.id()));
        m.put("size", reads.size(d.id()));
        if (full) {
            StoredTransition last = reads.lastChange(d.id());
            m.put("last_change", last == null ? null : last.transition().at().toString());
            m.put("definition", d.text());
        }
        return m;
    }

    private void list(Context ctx) {
        List<Object> out = new ArrayList<>();
        for (SegmentDefinition d : definitions.list()) out.add(view(d, false));
        Json.send(ctx, 200, Paging.page(out, null));
    }

    private void created(Context ctx, SegmentDefinition d) {
        Map<String, Object> m = view(d, true);
        m.put("backfill", "started; GET /api/v1/segments/backfill shows progress");
        Json.send(ctx, 201, m);
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (!definitions.delete(id)) throw new ApiError(404, "no segment has the id \"" + id + "\"", "id", List.of());
        Json.send(ctx, 200, Map.of("deleted", id));
    }

    private void members(Context ctx) {
        SegmentDefinition d = definition(ctx);
        SegmentReads.Page<SegmentReads.Member> page = reads.members(d.id(), Paging.limit(ctx), Paging.cursor(ctx));
        List<Object> data = page.items().stream().map(m -> (Object) Map.of("profile_id", m.profileId(), "since", m.since().toString())).toList();
        Json.send(ctx, 200, Paging.page(data, Paging.encode(page.next())));
    }

    private void transitions(Context ctx) {
        SegmentDefinition d = definition(ctx);
        SegmentReads.Page<StoredTransition> page = reads.history(d.id(), instant(ctx, "since"), instant(ctx, "until"), Paging.limit(ctx), Paging.cursor(ctx));
        Json.send(ctx, 200, Paging.page(page.items().stream().map(t -> (Object) t.toMap()).toList(), Paging.encode(page.next())));
    }

    private void profileSegments(Context ctx) {
        String raw = ctx.pathParam("id");
        String id = store.resolve(raw);
        if (id == null) throw new ApiError(404, "no profile has the id \"" + raw + "\"", "id", List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        reads.memberships(id).forEach((seg, since) -> out.put(seg, since.toString()));
        Json.send(ctx, 200, Map.of("profile_id", id, "segments", out));
    }

    /** Evaluates a definition over every stored profile as of now, without saving anything. */
    private void preview(Context ctx) {
        Preview p = preview(definitions.check("preview", ctx.body()), Paging.limit(ctx));
        Json.send(ctx, 200, Map.of("id", p.id(), "matches", p.matches(), "profiles_evaluated", p.evaluated(), "sample", p.sample(), "as_of", p.asOf().toString()));
    }

    /** What {@link #preview(SegmentDefinition, int)} found: matches among the profiles evaluated, and the first few. */
    public record Preview(String id, long matches, long evaluated, List<String> sample, Instant asOf) {}

    /**
     * {@code d} evaluated over every stored profile as of now, beside the live catalog (so references
     * to other segments resolve), without saving anything. The API's preview and the dashboard's use this.
     */
    public Preview preview(SegmentDefinition d, int sampleLimit) {
        List<SegmentDefinition> defs = new ArrayList<>();
        for (SegmentDefinition live : definitions.list()) if (!live.id().equals(d.id())) defs.add(live);
        defs.add(d);
        SegmentEngine engine = SegmentEngine.of(SegmentCatalog.of(defs));
        Instant now = runtime.clock().instant();
        long[] counts = {0, 0};
        List<String> sample = new ArrayList<>();
        store.forEachProfile((Profile p) -> {
            counts[1]++;
            Evaluation ev = engine.rebuild(p, () -> store.history(p.id()), now, Cause.BACKFILL);
            if (engine.memberships(ev.newState()).containsKey(d.id())) {
                counts[0]++;
                if (sample.size() < sampleLimit) sample.add(p.id());
            }
        });
        return new Preview(d.id(), counts[0], counts[1], List.copyOf(sample), now);
    }

    private static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, name + " must be an ISO-8601 instant like 2024-05-01T00:00:00Z, got \"" + v + "\"", name, List.of());
        }
    }

    static Map<String, Object> issues(List<Issue> issues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", issues.isEmpty() ? "invalid segment" : issues.get(0).message() + (issues.size() > 1 ? " (and " + (issues.size() - 1) + " more issues)" : ""));
        m.put("field", "definition");
        m.put("issues", issues.stream().map(i -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("source", i.source());
            e.put("line", i.line());
            e.put("col", i.col());
            e.put("message", i.message());
            e.put("hint", i.hint());
            e.put("text", i.toString());
            return e;
        }).toList());
        return m;
    }
}
