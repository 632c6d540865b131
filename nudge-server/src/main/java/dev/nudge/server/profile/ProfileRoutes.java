package dev.nudge.server.profile;

import dev.nudge.core.event.EventJson;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Admin API over profiles: look up (by any id or by email), timeline, export and erasure (GDPR).
 * Any raw id — userId, anonymousId or canonical id — finds the profile it resolves to.
 */
public final class ProfileRoutes {
    private final NudgeStore store;
    private final ProfileEraser eraser;

    public ProfileRoutes(NudgeStore store, ProfileEraser eraser) {
        this.store = store;
        this.eraser = eraser;
    }

    public void register(RoutesConfig app) {
        app.get("/api/v1/profiles", this::search);
        app.get("/api/v1/profiles/{id}", ctx -> Json.send(ctx, 200, view(find(ctx))));
        app.get("/api/v1/profiles/{id}/events", this::events);
        app.get("/api/v1/profiles/{id}/export", this::export);
        app.delete("/api/v1/profiles/{id}", this::erase);
    }

    private Profile find(Context ctx) {
        String raw = ctx.pathParam("id");
        String id = store.resolve(raw);
        Profile p = id == null ? null : store.profile(id);
        if (p == null) throw new ApiError(404, "no profile has the id \"" + raw + "\" (tried userId, anonymousId and profile id)", "id", List.of());
        return p;
    }

    static Map<String, Object> view(Profile p) {
        Map<String, Object> m = ProfileJson.toMap(p);
        m.put("email", p.email());
        m.put("totalEvents", p.totalEvents());
        return m;
    }

    private void search(Context ctx) {
        String email = ctx.queryParam("email");
        int limit = Paging.limit(ctx);
        List<Object> out = new ArrayList<>();
        if (email != null) {
            for (String id : store.profilesByEmail(email)) {
                Profile p = store.profile(id);
                if (p != null) out.add(view(p));
            }
            Json.send(ctx, 200, Paging.page(out, null));
            return;
        }
        byte[] cursor = Paging.cursor(ctx);
        String[] last = {null};
        boolean[] more = {false};
        store.scan(Column.PROFILES, new byte[0], (k, v) -> {
            if (cursor != null && java.util.Arrays.compareUnsigned(k, cursor) <= 0) return;
            if (out.size() >= limit) { more[0] = true; return; }
            Profile p = ProfileJson.fromBytes(v);
            out.add(view(p));
            last[0] = p.id();
        });
        Json.send(ctx, 200, Paging.page(out, more[0] ? Paging.encode(last[0]) : null));
    }

    private void events(Context ctx) {
        Profile p = find(ctx);
        NudgeStore.EventPage page = store.events(p.id(), Paging.limit(ctx), Paging.cursor(ctx));
        Json.send(ctx, 200, Paging.page(page.events().stream().map(EventJson::toMap).toList(), Paging.encode(page.nextCursor())));
    }

    private void export(Context ctx) {
        Json.send(ctx, 200, export(store, find(ctx)));
    }

    /** Everything stored about {@code p} (GDPR access): the profile, its events, segments and transitions. The dashboard's export uses this too. */
    public static Map<String, Object> export(NudgeStore store, Profile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", view(p));
        m.put("events", store.history(p.id()).stream().map(EventJson::toMap).toList());
        SegmentReads reads = new SegmentReads(store);
        Map<String, Object> segments = new LinkedHashMap<>();
        reads.memberships(p.id()).forEach((seg, since) -> segments.put(seg, since.toString()));
        m.put("segments", segments);
        m.put("segment_transitions", reads.profileHistory(p.id()).stream().map(t -> t.toMap()).toList());
        m.put("exportedAt", java.time.Instant.now().toString());
        return m;
    }

    private void erase(Context ctx) throws Exception {
        Profile p = find(ctx);
        int events = eraser.erase(p.id()).get(60, TimeUnit.SECONDS);
        Json.send(ctx, 200, Map.of("erased", p.id(), "events", events));
    }
}
