package dev.nudge.bench.jmh;

import dev.nudge.bench.mail.MailSendBenchmark;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.outbox.MessageComposer;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.smtp.MimeFactory;
import dev.nudge.mail.template.CompiledTemplate;
import dev.nudge.mail.template.RenderContext;
import dev.nudge.mail.template.RenderedEmail;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.template.TemplateLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH microbenchmarks of a send's CPU path, per message, on the campaign template of the sending
 * benchmark ({@code MailSendBenchmark}: ~1 KB of HTML, two tracked links, a recommendations loop
 * and the unsubscribe link): the Liquid render alone, the whole composition (render, link rewrite
 * with signed tokens, open pixel, text part, List-Unsubscribe headers) and the MIME bytes handed to
 * SMTP. Rotates over 256 profiles so no single set of values is measured alone.
 *
 * <p>Run: {@code bench/engine.sh jmh TemplateRenderBenchmark -bm sample -wi 2 -i 3 -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TemplateRenderBenchmark {
    static final String TEMPLATE = """
            ---
            subject: "Spring sale, {{ profile.first_name | default: 'friend' }}"
            from: Shop <shop@example.com>
            topic: deals
            ---
            <html><body><h1>Hi {{ profile.first_name }}</h1><p>Our spring sale starts today.</p>
            <p><a href="https://shop.example.com/sale?utm_source=nudge">See the sale</a></p>
            <ul>{% for r in recommendations %}<li><a href="{{ r.url }}">{{ r.name }}</a></li>{% endfor %}</ul>
            <p><a href="https://shop.example.com/new">New arrivals</a></p>
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>
            """;
    static final int PROFILES = 256;

    private TemplateEngine engine;
    private MessageComposer composer;
    private CompiledTemplate template;
    private final List<Profile> profiles = new ArrayList<>();
    private final List<Map<String, Object>> recommendations = List.of(
            Map.of("name", "Trail shoes", "url", "https://shop.example.com/p/trail"),
            Map.of("name", "Rain jacket", "url", "https://shop.example.com/p/jacket"),
            Map.of("name", "Wool socks", "url", "https://shop.example.com/p/socks"));
    private int next;

    @Setup
    public void setUp() {
        engine = new TemplateEngine(TemplateLoader.of(Map.of("sale", TEMPLATE)));
        template = engine.compile("sale");
        for (int i = 0; i < PROFILES; i++) {
            profiles.add(new Profile("p" + i, List.of("p" + i), List.of(), Map.of("email", "p" + i + "@example.org", "first_name", "Pat" + i),
                    Instant.EPOCH, Instant.EPOCH, Map.of()));
        }
        composer = MailSendBenchmark.standaloneComposer(engine);
    }

    private Profile nextProfile() {
        next = (next + 1) & (PROFILES - 1);
        return profiles.get(next);
    }

    /** The Liquid render alone: subject and HTML from the compiled template. */
    @Benchmark
    public RenderedEmail render() {
        Profile p = nextProfile();
        return engine.render(template, new RenderContext(p, null, Map.of(), recommendations,
                Map.of("unsubscribe_url", "https://nudge.example.com/u/x", "preferences_url", "https://nudge.example.com/u/x")), false);
    }

    /** What the sender does per message before the store and SMTP: render, track, text part, headers. */
    @Benchmark
    public MessageComposer.Composed compose() {
        Profile p = nextProfile();
        SendIntent intent = new SendIntent("broadcast/bench/" + p.id() + "/" + next, "sale", p.id(), "spring", null, null, null, Map.of(),
                recommendations, Instant.EPOCH);
        return composer.compose(intent, template, p, p.email());
    }

    /** Composition plus the RFC 5322 bytes (multipart/alternative, quoted-printable) given to SMTP. */
    @Benchmark
    public byte[] composeAndMime() throws Exception {
        return MimeFactory.raw(compose().message(), Instant.EPOCH);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(TemplateRenderBenchmark.class.getSimpleName()).build()).run();
    }
}
