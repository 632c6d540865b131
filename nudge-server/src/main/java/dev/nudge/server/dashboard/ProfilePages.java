package dev.nudge.server.dashboard;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.server.intelligence.ComputedTraits;
import dev.nudge.server.profile.ProfileEraser;
import dev.nudge.server.profile.ProfileRoutes;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.StoredTransition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The profile pages: search by any id (userId, anonymousId, profile id) or by email, and one
 * profile with its traits, the computed traits intelligence writes ({@link ComputedTraits#KEYS}),
 * its segments and a timeline of its latest events and segment transitions, newest first.
 */
final class ProfilePages {
    /** The timeline shows this many of the latest events (and every transition in the same span). */
    static final int TIMELINE_EVENTS = 100;

    private final Dashboard dashboard;
    private final NudgeStore store;
    private final SegmentReads reads;
    private final ProfileEraser eraser;

    ProfilePages(Dashboard dashboard, NudgeStore store, ProfileEraser eraser) {
        this.dashboard = dashboard;
        this.store = store;
        this.eraser = eraser;
        this.reads = new SegmentReads(store);
    }

    void register(RoutesConfig app) {
        app.get("/profiles", dashboard.page(this::search));
        app.get("/profiles/{id}", dashboard.page(this::profile));
        app.get("/profiles/{id}/export", dashboard.page(this::export));
        app.post("/profiles/{id}/erase", dashboard.page(this::erase));
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        List<Views.ProfileRow> hits = new ArrayList<>();
        if (!q.isEmpty()) {
            List<String> ids = new ArrayList<>();
            String byId = store.resolve(q);
            if (byId != null) ids.add(byId);
            if (q.contains("@")) for (String id : store.profilesByEmail(q.toLowerCase(Locale.ROOT))) if (!ids.contains(id)) ids.add(id);
            for (String id : ids) {
                Profile p = store.profile(id);
                if (p != null) hits.add(new Views.ProfileRow(p.id(), p.email() == null ? "" : p.email(), p.totalEvents(), Text.time(p.lastSeen())));
            }
            if (hits.size() == 1 && ctx.queryParam("list") == null) {
                ctx.redirect("/profiles/" + java.net.URLEncoder.encode(hits.get(0).id(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), HttpStatus.SEE_OTHER);
                return;
            }
        }
        dashboard.render(ctx, 200, "profiles.jte", dashboard.frame(ctx, "Profiles", "profiles"), Map.of("q", q, "hits", hits, "searched", !q.isEmpty()));
    }

    /** The profile any raw id resolves to, or null after rendering the not-found page. */
    private Profile find(Context ctx) {
        String raw = ctx.pathParam("id");
        String id = store.resolve(raw);
        Profile p = id == null ? null : store.profile(id);
        if (p == null) {
            dashboard.render(ctx, 404, "notice.jte", dashboard.frame(ctx, "Not found", "profiles"),
                    Map.of("message", "No profile has the id \"" + raw + "\" (tried userId, anonymousId and profile id).", "back", "/profiles"));
        }
        return p;
    }

    /** The API's export document, as a download. */
    private void export(Context ctx) {
        Profile p = find(ctx);
        if (p == null) return;
        String file = "profile-" + p.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        dev.nudge.server.http.Json.send(ctx, 200, ProfileRoutes.export(store, p));
    }

    /**
     * Erases the profile and its events (GDPR) once the form confirms it by repeating the profile id;
     * a missing or different confirmation erases nothing and says so.
     */
    private void erase(Context ctx) throws Exception {
        Profile p = find(ctx);
        if (p == null) return;
        if (!p.id().equals(ctx.formParam("confirm"))) {
            ctx.attribute("eraseError", "Type the profile id \"" + p.id() + "\" exactly to confirm; nothing was erased.");
            show(ctx, p, 400);
            return;
        }
        int events = eraser.erase(p.id()).get(60, TimeUnit.SECONDS);
        dashboard.render(ctx, 200, "notice.jte", dashboard.frame(ctx, "Profile erased", "profiles"),
                Map.of("message", "Erased profile \"" + p.id() + "\" and its " + events + " events.", "back", "/profiles"));
    }

    private void profile(Context ctx) {
        Profile p = find(ctx);
        if (p != null) show(ctx, p, 200);
    }

    private void show(Context ctx, Profile p, int status) {
        List<Views.TimelineEntry> timeline = new ArrayList<>();
        NudgeStore.EventPage events = store.events(p.id(), TIMELINE_EVENTS, null);
        for (Event e : events.events()) timeline.add(new Views.TimelineEntry(e.timestamp(), "event", title(e), Text.json(e.properties())));
        java.time.Instant oldest = events.nextCursor() == null ? null
                : events.events().stream().map(Event::timestamp).min(Comparator.naturalOrder()).orElse(null);
        for (StoredTransition t : reads.profileHistory(p.id())) {
            var x = t.transition();
            if (oldest != null && x.at().isBefore(oldest)) continue;
            timeline.add(new Views.TimelineEntry(x.at(), "transition",
                    (x.kind() == dev.nudge.core.segment.Transition.Kind.ENTERED ? "entered " : "left ") + x.segmentId(), "cause: " + String.valueOf(x.cause()).toLowerCase(Locale.ROOT)));
        }
        timeline.sort(Comparator.comparing(Views.TimelineEntry::instant).reversed());
        List<Views.Member> memberships = new ArrayList<>();
        reads.memberships(p.id()).forEach((seg, since) -> memberships.add(new Views.Member(seg, Text.time(since))));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", new Views.ProfileRow(p.id(), p.email() == null ? "" : p.email(), p.totalEvents(), Text.time(p.lastSeen())));
        m.put("ids", String.join(", ", ids(p)));
        m.put("firstSeen", Text.time(p.firstSeen()));
        m.put("traits", Views.Trait.of(p.traits(), k -> !ComputedTraits.KEYS.contains(k)));
        m.put("computed", Views.Trait.of(p.traits(), ComputedTraits.KEYS::contains));
        m.put("segments", memberships);
        m.put("timeline", timeline);
        m.put("more", events.nextCursor() != null);
        String eraseError = ctx.attribute("eraseError");
        m.put("eraseError", eraseError == null ? "" : eraseError);
        dashboard.render(ctx, status, "profile.jte", dashboard.frame(ctx, "Profile " + p.id(), "profiles"), m);
    }

    private static List<String> ids(Profile p) {
        List<String> out = new ArrayList<>();
        p.userIds().forEach(u -> out.add("userId " + u));
        p.anonymousIds().forEach(a -> out.add("anonymousId " + a));
        return out;
    }

    private static String title(Event e) {
        String type = e.type().name().toLowerCase(Locale.ROOT);
        return e.name() == null || e.name().isBlank() ? type : type + " " + e.name();
    }
}
