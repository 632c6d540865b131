package dev.nudge.mail.template;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MessageKind;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liqp.Template;
import liqp.TemplateParser;
import liqp.antlr.CharStreamWithLocation;
import liqp.exceptions.LiquidException;
import liqp.filters.Filter;
import liqp.org.antlr.v4.runtime.CharStreams;

/**
 * Compiles and renders Liquid email templates (Liqp, with the gaps to Shopify Liquid 5 closed:
 * {@link LiquidSyntax}, {@link StandardFilters}, {@link LiquidDate}, {@link LiquidTags}).
 *
 * <p>A template file is optional YAML front matter ({@code subject, preheader, from, reply_to,
 * layout, topic, kind}) followed by the HTML body. Front-matter values are Liquid too. A
 * {@code layout: base} renders the body first, then {@code layouts/base} with the body as
 * {@code content} (layouts may have layouts; cycles are refused). {@code {% include 'footer' %}}
 * reads {@code partials/footer}.
 *
 * <p>Errors: compiling parses and checks ({@link TemplateChecks}: unknown filters, missing or broken
 * partials, missing layouts); rendering failures are located by {@link RenderFailure}. Either way
 * the caller gets a {@link TemplateException} naming the file and line, and nothing else escapes
 * (a name outside the folder and an unreadable file included).
 *
 * <p>Missing variables render empty (Liquid's norm, so {@code | default:} works); a filter given
 * bad input fails the render with the template name, since a half-rendered email must not go out.
 */
public final class TemplateEngine {
    private static final java.util.regex.Pattern BODY = java.util.regex.Pattern.compile("(?i)<body[^>]*>");
    private static final int MAX_ITERATIONS = 100_000;
    private final TemplateLoader loader;
    private final TemplateParser parser;
    private final TemplateChecks checks;

    /** An engine whose {@code 'now' | date} reads the system clock. */
    public TemplateEngine(TemplateLoader loader) {
        this(loader, InstantSource.system());
    }

    /** @param clock what {@code {{ 'now' | date: ... }}} reads (the server's injected clock) */
    public TemplateEngine(TemplateLoader loader, InstantSource clock) {
        this.loader = loader;
        TemplateParser.Builder b = new TemplateParser.Builder()
                .withErrorMode(TemplateParser.ErrorMode.STRICT)
                .withMaxIterations(MAX_ITERATIONS)
                .withMaxSizeRenderedString(2_000_000)
                .withDefaultTimeZone(ZoneOffset.UTC) // dates without an offset, and 'now', are UTC whatever the server's zone
                .withShowExceptionsFromInclude(true) // else Liqp renders a failing partial as nothing
                .withBlock(new LiquidTags.For(MAX_ITERATIONS))
                .withTag(new LiquidTags.Include())
                .withNameResolver(name -> new CharStreamWithLocation(CharStreams.fromString(
                        partial(name).orElseThrow(() -> new LiquidTags.PartialNotFound(name)), "partials/" + name)));
        for (Filter f : StandardFilters.all()) b.withFilter(f);
        b.withFilter(new LiquidDate(clock));
        for (Filter f : MailFilters.all()) b.withFilter(f);
        this.parser = b.build();
        this.checks = new TemplateChecks(parser, this::partial);
    }

    /** The desugared source of {@code partials/NAME}. */
    private Optional<String> partial(String name) {
        return load("partials/" + name).map(LiquidSyntax::desugar);
    }

    /** Compiles {@code NAME.liquid} (or {@code .html}) of the templates folder. */
    public CompiledTemplate compile(String name) {
        return compile(name, new HashSet<>());
    }

    /** Compiles source text directly (e.g. a template edited in the dashboard, not yet saved). */
    public CompiledTemplate compileSource(String name, String source) {
        return compileSource(name, source, new HashSet<>());
    }

    private CompiledTemplate compile(String name, Set<String> seen) {
        String src = load(name).orElseThrow(() -> new TemplateException(name, 0, 0,
                "template not found: add " + name + ".liquid (or .html) to the templates folder", null));
        return compileSource(name, src, seen);
    }

    /** The loader's answer; a name pointing outside the folder or an unreadable file is a TemplateException, not a crash. */
    private Optional<String> load(String name) {
        try {
            return loader.load(name);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new TemplateException(name, 0, 0, e.getMessage(), e);
        }
    }

    private CompiledTemplate compileSource(String name, String source, Set<String> seen) {
        if (!seen.add(name)) throw new TemplateException(name, 1, 1, "layout cycle: " + seen, null);
        FrontMatter fm = FrontMatter.parse(name, source);
        CompiledTemplate layout = null;
        if (fm.layout() != null) {
            String layoutName = "layouts/" + fm.layout();
            String layoutSource = load(layoutName).orElseThrow(() -> new TemplateException(name, fm.keyLine("layout"), 1,
                    "layout '" + fm.layout() + "' not found: add " + layoutName + ".liquid (or .html) to the templates folder", null));
            layout = compileSource(layoutName, layoutSource, seen);
        }
        MessageKind kind = "transactional".equals(fm.kind()) ? MessageKind.TRANSACTIONAL : MessageKind.MARKETING;
        Set<String> partialsChecked = new HashSet<>();
        return new CompiledTemplate(name, field(name, "subject", fm, fm.subject(), partialsChecked),
                field(name, "preheader", fm, fm.preheader(), partialsChecked), field(name, "from", fm, fm.from(), partialsChecked),
                field(name, "reply_to", fm, fm.replyTo(), partialsChecked),
                parse(name, null, fm.body(), fm.bodyLineOffset(), partialsChecked), fm.bodyLineOffset(), layout, fm.topic(), kind);
    }

    private CompiledTemplate.Field field(String name, String field, FrontMatter fm, String src, Set<String> partialsChecked) {
        if (src == null) return null;
        if (!src.contains("{{") && !src.contains("{%")) return new CompiledTemplate.Field(src, null);
        return new CompiledTemplate.Field(null, parse(name, field, src, fm.keyLine(field) - 1, partialsChecked));
    }

    /** Desugars, parses and checks one piece of Liquid; every failure is a TemplateException located in the file. */
    private LiquidSource parse(String name, String field, String src, int lineOffset, Set<String> partialsChecked) {
        if (src == null) return null;
        String where = field == null ? "" : "in front matter `" + field + "`: ";
        String liquid = LiquidSyntax.desugar(src);
        Template parsed;
        try {
            parsed = parser.parse(liquid);
        } catch (LiquidException e) {
            throw TemplateException.fromLiquid(name, lineOffset, where, e);
        } catch (RuntimeException e) {
            throw new TemplateException(name, lineOffset + 1, 1, where + e.getMessage(), e);
        }
        checks.check(parsed, name, lineOffset, partialsChecked);
        return new LiquidSource(parser, liquid, parsed, name, lineOffset);
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

    private String renderOne(CompiledTemplate owner, LiquidSource t, Map<String, Object> vars) {
        try {
            return t.render(vars);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RenderFailure.locate(t, e, parser, this::partial);
        } catch (StackOverflowError e) { // nesting too deep for the stack (deep loops in loops); the server must keep serving
            throw new TemplateException(owner.name(), t.lineOffset() + 1, 1, "render failed (line not known): the template nests too deeply", null);
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
