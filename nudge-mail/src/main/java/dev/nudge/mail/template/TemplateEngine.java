package dev.nudge.mail.template;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MessageKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liqp.TemplateParser;
import liqp.antlr.CharStreamWithLocation;
import liqp.exceptions.LiquidException;
import liqp.filters.Filter;
import liqp.org.antlr.v4.runtime.CharStreams;

/**
 * Compiles and renders Liquid email templates (Liqp).
 *
 * <p>A template file is optional YAML front matter ({@code subject, preheader, from, reply_to,
 * layout, topic, kind}) followed by the HTML body. Front-matter values are Liquid too. A
 * {@code layout: base} renders the body first, then {@code layouts/base} with the body as
 * {@code content} (layouts may have layouts; cycles are refused). {@code {% include 'footer' %}}
 * reads {@code partials/footer}. Parse errors are {@link TemplateException}s located by file line.
 *
 * <p>Missing variables render empty (Liquid's norm, so {@code | default:} works); a filter given
 * bad input fails the render with the template name, since a half-rendered email must not go out.
 */
public final class TemplateEngine {
    private static final java.util.regex.Pattern BODY = java.util.regex.Pattern.compile("(?i)<body[^>]*>");
    private final TemplateLoader loader;
    private final TemplateParser parser;

    public TemplateEngine(TemplateLoader loader) {
        this.loader = loader;
        TemplateParser.Builder b = new TemplateParser.Builder()
                .withErrorMode(TemplateParser.ErrorMode.STRICT)
                .withMaxIterations(100_000)
                .withMaxSizeRenderedString(2_000_000)
                .withNameResolver(name -> {
                    String src = loader.load("partials/" + name).orElseThrow(() ->
                            new IOException("partial '" + name + "' not found (looked for partials/" + name + ")"));
                    return new CharStreamWithLocation(CharStreams.fromString(src, "partials/" + name));
                });
        for (Filter f : MailFilters.all()) b.withFilter(f);
        this.parser = b.build();
    }

    public CompiledTemplate compile(String name) {
        return compile(name, new HashSet<>());
    }

    /** Compiles source text directly (e.g. a template edited in the dashboard, not yet saved). */
    public CompiledTemplate compileSource(String name, String source) {
        return compileSource(name, source, new HashSet<>());
    }

    private CompiledTemplate compile(String name, Set<String> seen) {
        String src = loader.load(name).orElseThrow(() -> new TemplateException(name, 0, 0, "template not found", null));
        return compileSource(name, src, seen);
    }

    private CompiledTemplate compileSource(String name, String source, Set<String> seen) {
        if (!seen.add(name)) throw new TemplateException(name, 1, 1, "layout cycle: " + seen, null);
        FrontMatter fm = FrontMatter.parse(name, source);
        CompiledTemplate layout = fm.layout() == null ? null : compile("layouts/" + fm.layout(), seen);
        MessageKind kind = "transactional".equals(fm.kind()) ? MessageKind.TRANSACTIONAL : MessageKind.MARKETING;
        return new CompiledTemplate(name, field(name, "subject", fm.subject()), field(name, "preheader", fm.preheader()),
                field(name, "from", fm.from()), field(name, "reply_to", fm.replyTo()),
                parse(name, null, fm.body(), fm.bodyLineOffset()), fm.bodyLineOffset(), layout, fm.topic(), kind);
    }

    private CompiledTemplate.Field field(String name, String field, String src) {
        if (src == null) return null;
        if (!src.contains("{{") && !src.contains("{%")) return new CompiledTemplate.Field(src, null);
        return new CompiledTemplate.Field(null, parse(name, field, src, 0));
    }

    private LiquidSource parse(String name, String field, String src, int lineOffset) {
        if (src == null) return null;
        try {
            return new LiquidSource(parser, src);
        } catch (LiquidException e) {
            String where = field == null ? "" : "in front matter `" + field + "`: ";
            throw new TemplateException(name, e.line + lineOffset, e.charPositionInLine + 1, where + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new TemplateException(name, lineOffset + 1, 1, (field == null ? "" : field + ": ") + e.getMessage(), e);
        }
    }

    public RenderedEmail render(CompiledTemplate t, RenderContext ctx) {
        return render(t, ctx, true);
    }

    /** @param withText false when the caller makes its own text part (the composer does, after link rewriting) */
    public RenderedEmail render(CompiledTemplate t, RenderContext ctx, boolean withText) {
        Map<String, Object> vars = variables(ctx);
        String html = renderOne(t, t.body(), vars);
        for (CompiledTemplate l = t.layout(); l != null; l = l.layout()) {
            Map<String, Object> withContent = new LinkedHashMap<>(vars);
            withContent.put("content", html);
            html = renderOne(l, l.body(), withContent);
        }
        String preheader = field(t, t.preheader(), vars);
        if (preheader != null && !preheader.isBlank()) html = insertPreheader(html, preheader);
        return new RenderedEmail(oneLine(field(t, t.subject(), vars)), preheader, oneLine(field(t, t.from(), vars)),
                oneLine(field(t, t.replyTo(), vars)), html, withText ? HtmlToText.convert(html) : null);
    }

    private String field(CompiledTemplate owner, CompiledTemplate.Field f, Map<String, Object> vars) {
        if (f == null) return null;
        return f.template() == null ? f.literal() : renderOne(owner, f.template(), vars);
    }

    private static String renderOne(CompiledTemplate owner, LiquidSource t, Map<String, Object> vars) {
        try {
            return t.render(vars);
        } catch (LiquidException e) {
            throw new TemplateException(owner.name(), e.line + owner.bodyLineOffset(), e.charPositionInLine + 1, e.getMessage(), e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            throw new TemplateException(owner.name(), 0, 0, "render failed: " + root.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) return null;
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) return s.strip();
        return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').strip(); // no header injection through subject/from
    }

    /** Hidden preview text right after {@code <body>}: what inbox lists show beside the subject. */
    private static String insertPreheader(String html, String preheader) {
        String div = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">"
                + preheader.replace("&", "&amp;").replace("<", "&lt;") + "</div>";
        java.util.regex.Matcher m = BODY.matcher(html);
        return m.find() ? html.substring(0, m.end()) + div + html.substring(m.end()) : div + html;
    }

    static Map<String, Object> variables(RenderContext c) {
        Profile p = c.profile();
        Map<String, Object> profile = new LinkedHashMap<>(jsonSafe(p.traits()));
        profile.put("id", p.id());
        if (p.email() != null) profile.put("email", p.traits().get("email"));
        if (p.firstSeen() != null) profile.put("first_seen", p.firstSeen().toString());
        if (p.lastSeen() != null) profile.put("last_seen", p.lastSeen().toString());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("profile", profile);
        Event e = c.event();
        if (e != null) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("name", e.conditionName());
            ev.put("timestamp", e.timestamp().toString());
            ev.put("properties", jsonSafe(e.properties()));
            vars.put("event", ev);
        }
        vars.put("flow", jsonSafe(c.flow()));
        List<Object> recs = new ArrayList<>();
        for (Map<String, Object> r : c.recommendations()) recs.add(jsonSafe(r));
        vars.put("recommendations", recs);
        vars.put("links", jsonSafe(c.links()));
        vars.putAll(jsonSafe(c.links())); // {{ unsubscribe_url }} as well as {{ links.unsubscribe_url }}
        vars.put(MailFilters.TZ, str(p.traits().get("timezone")));
        vars.put(MailFilters.LOCALE, str(p.traits().get("locale")));
        vars.put(MailFilters.CURRENCY, str(p.traits().get("currency")));
        return vars;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Instants and other non-JSON values become strings so Liqp's Jackson conversion never fails. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonSafe(Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, safe(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object safe(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Map<?, ?> m) return jsonSafe((Map<String, ?>) m);
        if (v instanceof List<?> l) return l.stream().map(TemplateEngine::safe).toList();
        if (v instanceof Instant i) return i.toString();
        return v.toString();
    }
}
