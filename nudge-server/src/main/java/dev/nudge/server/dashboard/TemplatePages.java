package dev.nudge.server.dashboard;

import dev.nudge.core.profile.Profile;
import dev.nudge.mail.template.CompiledTemplate;
import dev.nudge.mail.template.RenderedEmail;
import dev.nudge.mail.template.TemplateException;
import dev.nudge.mail.template.TemplateRenderer;
import dev.nudge.server.mail.MailModule;
import dev.nudge.store.NudgeStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The templates pages: the templates of the --templates folder (the names {@link MailModule} can
 * send), and one template in an editor whose text is rendered as it is typed, for a profile found
 * by id or email (or the built-in sample profile): subject, preheader, from, the HTML in a sandboxed
 * frame ({@link PreviewFrames}) and the generated text part. A Liquid error is shown inline with its
 * line, column and the line itself.
 *
 * <p>Preview only, on purpose: the mail module has no durable template store (templates are files
 * in the folder, read at each send), and the dashboard must not keep a second copy that sends would
 * not see. Edits live in the browser until they are copied into the file.
 */
final class TemplatePages {
    private final Dashboard dashboard;
    private final NudgeStore store;
    private final MailModule mail;
    private final TemplateRenderer renderer;

    TemplatePages(Dashboard dashboard, NudgeStore store, MailModule mail) {
        this.dashboard = dashboard;
        this.store = store;
        this.mail = mail;
        this.renderer = new TemplateRenderer(mail.templateEngine());
    }

    void register(RoutesConfig app) {
        app.get("/templates", dashboard.page(this::list));
        app.post("/templates/preview", dashboard.page(this::preview));
        app.get("/templates/preview/{key}", dashboard.page(this::frame));
        app.get("/templates/{name}", dashboard.page(this::editor));
    }

    private void list(Context ctx) {
        dashboard.render(ctx, 200, "templates.jte", dashboard.frame(ctx, "Templates", "templates"), Map.of("names", mail.templateNames()));
    }

    private void editor(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<String> source = mail.templateNames().contains(name) ? mail.templateSource(name) : Optional.empty();
        if (source.isEmpty()) {
            dashboard.render(ctx, 404, "notice.jte", dashboard.frame(ctx, "Not found", "templates"),
                    Map.of("message", "No template is named \"" + name + "\": add " + name + ".liquid to the --templates folder.", "back", "/templates"));
            return;
        }
        String profile = ctx.queryParam("profile") == null ? "" : ctx.queryParam("profile").strip();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("source", source.get());
        p.put("profile", profile);
        p.putAll(render(ctx, name, source.get(), profile));
        dashboard.render(ctx, 200, "template.jte", dashboard.frame(ctx, "Template " + name, "templates"), p);
    }

    /** htmx: the edited text rendered for the chosen profile, or its Liquid errors. */
    private void preview(Context ctx) {
        String name = form(ctx, "name");
        String source = ctx.formParam("source");
        Map<String, Object> p = render(ctx, name.isEmpty() ? "preview" : name, source == null ? "" : source, form(ctx, "profile"));
        dashboard.render(ctx, 200, "render.jte", dashboard.frame(ctx, "", ""), p);
    }

    /** The preview frame's document: the rendered HTML, sandboxed like the outbox's messages. */
    private void frame(Context ctx) {
        Sessions.Session s = ctx.attribute("session");
        String html = dashboard.frames.get(s.id(), ctx.pathParam("key"));
        if (html == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("this preview has expired; edit the template or press Preview again");
            return;
        }
        ctx.header("Content-Security-Policy", OutboxPages.MESSAGE_CSP);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** Renders template {@code name} as stored in the folder (the broadcasts page previews this way). */
    Map<String, Object> renderSaved(Context ctx, String name, String profileQuery) {
        Chosen who = choose(profileQuery);
        try {
            return view(ctx, renderer.preview(name, who.profile(), null), who);
        } catch (TemplateException e) {
            String src = mail.templateSource(name).orElse("");
            return errors(List.of(Views.TemplateError.of(e, name, src)), who);
        }
    }

    /** Renders unsaved {@code source} as if it were template {@code name} (its layouts and partials come from the folder). */
    Map<String, Object> render(Context ctx, String name, String source, String profileQuery) {
        Chosen who = choose(profileQuery);
        try {
            CompiledTemplate t = mail.templateEngine().compileSource(name, source);
            return view(ctx, renderer.preview(t, who.profile(), null), who);
        } catch (TemplateException e) {
            return errors(List.of(Views.TemplateError.of(e, name, source)), who);
        }
    }

    private Map<String, Object> view(Context ctx, RenderedEmail r, Chosen who) {
        Sessions.Session s = ctx.attribute("session");
        String key = dashboard.frames.put(s.id(), r.html() == null ? "" : r.html());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preview", new Views.MailPreview(nz(r.subject()), nz(r.preheader()), nz(r.from()), "/templates/preview/" + key, nz(r.text()), who.label(), who.profile() == null));
        m.put("errors", List.of());
        m.put("warning", who.warning());
        return m;
    }

    private static Map<String, Object> errors(List<Views.TemplateError> errors, Chosen who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preview", new Views.MailPreview("", "", "", "", "", who.label(), who.profile() == null));
        m.put("errors", errors);
        m.put("warning", who.warning());
        return m;
    }

    /** The profile a preview is for: null for the sample profile; {@code warning} when the search found nobody. */
    record Chosen(Profile profile, String label, String warning) {}

    /** Finds the profile by any id (userId, anonymousId, profile id), else by email; blank means the sample profile. */
    Chosen choose(String q) {
        String sample = "the sample profile (Alex, alex@example.com)";
        if (q == null || q.isBlank()) return new Chosen(null, sample, "");
        String query = q.strip();
        String id = store.resolve(query);
        List<String> byEmail = List.of();
        if (id == null && query.contains("@")) {
            byEmail = store.profilesByEmail(query.toLowerCase(Locale.ROOT));
            if (!byEmail.isEmpty()) id = byEmail.get(0);
        }
        Profile p = id == null ? null : store.profile(id);
        if (p == null) return new Chosen(null, sample, "No profile has the id or email \"" + query + "\"; rendered for " + sample + " instead.");
        String label = "profile " + p.id() + (p.email() == null ? "" : " (" + p.email() + ")");
        String warning = byEmail.size() > 1 ? byEmail.size() + " profiles have this email; rendered for the first, " + p.id() + ". Type a profile id to choose another." : "";
        return new Chosen(p, label, warning);
    }

    private static String form(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
