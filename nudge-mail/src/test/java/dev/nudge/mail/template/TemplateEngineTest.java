package dev.nudge.mail.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {
    static final Map<String, String> FILES = Map.of(
            "order", """
                    ---
                    subject: "Thanks {{ profile.first_name | default: 'there' }}, order {{ event.properties.order_id }}"
                    preheader: Your receipt
                    from: Shop <shop@example.com>
                    reply_to: help@example.com
                    layout: base
                    kind: transactional
                    ---
                    <p>Total: {{ event.properties.revenue | money }}</p>
                    <p>Placed {{ event.timestamp | local_date: "MMM d, yyyy HH:mm" }}</p>
                    {% for r in recommendations %}<a href="{{ r.url }}">{{ r.name }}</a>{% endfor %}
                    {% include 'footer' %}
                    """,
            "layouts/base", "<html><body><div class=\"wrap\">{{ content }}</div></body></html>",
            "partials/footer", "<p>Flow {{ flow.id }} &amp; more</p>",
            "broken", "---\nsubject: Hi\n---\n<p>ok</p>\n<p>{{ profile.x | }}</p>\n<p>after</p>\n",
            "badfm", "---\nsubject: Hi\ncolour: red\n---\nbody");

    final TemplateEngine engine = new TemplateEngine(TemplateLoader.of(FILES));

    static Profile profile(Map<String, Object> traits) {
        return new Profile("u1", List.of("u1"), List.of(), traits, null, null, Map.of());
    }

    /**
     * Send workers render one compiled template at the same time. Each message must carry its own
     * recipient's values: a Liqp Template keeps the render in progress in a field, so sharing one
     * instance across threads mixed recipients up (and failed some renders) before LiquidSource.
     */
    @Test
    void render_concurrentRendersOfOneTemplate_neverMixRecipients() throws Exception {
        CompiledTemplate t = engine.compile("order");
        int threads = 8, each = 300;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            results.add(pool.submit(() -> {
                start.await();
                List<String> wrong = new java.util.ArrayList<>();
                for (int i = 0; i < each; i++) {
                    String name = "N" + worker + "x" + i;
                    Event e = Event.track("m", "u1", "Order Completed", Map.of("order_id", name, "revenue", 10), Instant.parse("2026-03-01T10:00:00Z"));
                    try {
                        RenderedEmail r = engine.render(t, new RenderContext(profile(Map.of("first_name", name)), e, Map.of("id", name), List.of(), null));
                        if (!r.subject().equals("Thanks " + name + ", order " + name) || !r.html().contains("Flow " + name + " ")) {
                            wrong.add(name + " got " + r.subject());
                        }
                    } catch (TemplateException ex) {
                        wrong.add(name + " failed: " + ex.getMessage());
                    }
                }
                return wrong;
            }));
        }
        start.countDown();
        List<String> wrong = new java.util.ArrayList<>();
        for (var f : results) wrong.addAll(f.get());
        pool.shutdown();
        assertThat(wrong).isEmpty();
    }

    @Test
    void render_frontMatterLayoutPartialFiltersAndTextPart() {
        Profile p = profile(Map.of("email", "ann@example.com", "first_name", "Ann", "timezone", "Europe/Paris", "currency", "EUR", "locale", "fr-FR"));
        Event e = Event.track("m1", "u1", "Order Completed", Map.of("order_id", "A-7", "revenue", 1234.5), Instant.parse("2026-03-01T23:30:00Z"));
        CompiledTemplate t = engine.compile("order");
        RenderedEmail r = engine.render(t, new RenderContext(p, e, Map.of("id", "post-purchase"),
                List.of(Map.of("name", "Cap", "url", "https://shop.example.com/cap")), null));

        assertThat(t.kind()).isEqualTo(MessageKind.TRANSACTIONAL);
        assertThat(r.subject()).isEqualTo("Thanks Ann, order A-7");
        assertThat(r.from()).isEqualTo("Shop <shop@example.com>");
        assertThat(r.replyTo()).isEqualTo("help@example.com");
        assertThat(r.html()).startsWith("<html><body><div style=\"display:none").contains("Your receipt").contains("<div class=\"wrap\">");
        assertThat(r.html()).contains("1\u202f234,50\u00a0€").contains("Flow post-purchase");
        // 23:30Z is already March 2 in Paris: the date is in the profile's zone, not UTC
        assertThat(r.html()).contains("mars 2, 2026 00:30");
        assertThat(r.text()).contains("Cap (https://shop.example.com/cap)").contains("Flow post-purchase & more").doesNotContain("<");
    }

    @Test
    void render_missingTraitUsesDefaultAndMoneyDefaultsToUsd() {
        Event e = Event.track("m1", "u1", "Order Completed", Map.of("order_id", "9", "revenue", "12.5"), Instant.parse("2026-03-01T12:00:00Z"));
        RenderedEmail r = engine.render(engine.compile("order"), new RenderContext(profile(Map.of()), e, null, null, null));
        assertThat(r.subject()).isEqualTo("Thanks there, order 9");
        assertThat(r.html()).contains("$12.50").contains("Mar 1, 2026 12:00");
    }

    @Test
    void compile_unclosedTagReportsFileLine() {
        assertThatThrownBy(() -> engine.compile("broken"))
                .isInstanceOfSatisfying(TemplateException.class, ex -> {
                    assertThat(ex.line()).isEqualTo(5);
                    assertThat(ex.getMessage()).startsWith("broken:5:");
                });
    }

    @Test
    void compile_unknownFrontMatterKeyNamesKeyAndLine() {
        assertThatThrownBy(() -> engine.compile("badfm"))
                .isInstanceOfSatisfying(TemplateException.class, ex -> {
                    assertThat(ex.line()).isEqualTo(3);
                    assertThat(ex.getMessage()).contains("colour").contains("allowed");
                });
    }

    @Test
    void render_badMoneyInputFailsWithTemplateName() {
        Event e = Event.track("m1", "u1", "Order Completed", Map.of("order_id", "9", "revenue", "lots"), Instant.parse("2026-03-01T12:00:00Z"));
        assertThatThrownBy(() -> engine.render(engine.compile("order"), new RenderContext(profile(Map.of()), e, null, null, null)))
                .isInstanceOf(TemplateException.class).hasMessageContaining("order").hasMessageContaining("money");
    }

    @Test
    void render_subjectCannotInjectHeaders() {
        TemplateEngine en = new TemplateEngine(TemplateLoader.of(Map.of("t", "---\nsubject: \"{{ profile.first_name }}\"\n---\nx")));
        RenderedEmail r = en.render(en.compile("t"), RenderContext.of(profile(Map.of("first_name", "Ann\r\nBcc: evil@example.com"))));
        assertThat(r.subject()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void preview_withoutProfileUsesSampleData() {
        RenderedEmail r = new TemplateRenderer(engine).preview("order", null, null);
        assertThat(r.subject()).isEqualTo("Thanks Alex, order 1001");
        assertThat(r.html()).contains("Running cap");
    }
}
