package dev.nudge.mail.template;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The render-preview API: renders a template for a real profile (and optionally a real event), or
 * for built-in sample data when none is given. Unsubscribe links point at {@code #preview} so a
 * preview can never unsubscribe anyone. Errors come back as {@link TemplateException} with lines.
 */
public final class TemplateRenderer {
    private final TemplateEngine engine;

    public TemplateRenderer(TemplateEngine engine) {
        this.engine = engine;
    }

    public RenderedEmail preview(String templateName, Profile profile, Event event) {
        return preview(engine.compile(templateName), profile, event);
    }

    /** Previews an already compiled template (e.g. source text edited in the dashboard), with the same sample data. */
    public RenderedEmail preview(CompiledTemplate t, Profile profile, Event event) {
        Profile p = profile != null ? profile : sampleProfile();
        Event e = event != null ? event : (profile == null ? sampleEvent() : null);
        Map<String, Object> links = Map.of("unsubscribe_url", "#preview-unsubscribe", "preferences_url", "#preview-preferences");
        return engine.render(t, new RenderContext(p, e, Map.of("id", "preview", "step", "preview"), sampleRecommendations(), links));
    }

    public static Profile sampleProfile() {
        return new Profile("sample-profile", List.of("sample-profile"), List.of(),
                Map.of("email", "alex@example.com", "first_name", "Alex", "last_name", "Doe",
                        "timezone", "America/New_York", "currency", "USD"),
                Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-03-01T18:30:00Z"), Map.of());
    }

    static Event sampleEvent() {
        return Event.track("sample-event", "sample-profile", "Order Completed",
                Map.of("order_id", "1001", "revenue", 59.90, "products",
                        List.of(Map.of("name", "Trail shoes", "price", 49.90), Map.of("name", "Socks", "price", 10.00))),
                Instant.parse("2026-03-01T18:30:00Z"));
    }

    static List<Map<String, Object>> sampleRecommendations() {
        return List.of(Map.of("name", "Running cap", "price", 19.0, "url", "https://shop.example.com/p/cap"),
                Map.of("name", "Water bottle", "price", 12.5, "url", "https://shop.example.com/p/bottle"));
    }
}
