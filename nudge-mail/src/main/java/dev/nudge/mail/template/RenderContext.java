package dev.nudge.mail.template;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template sees: {@code profile} (traits plus id, email, first_seen, last_seen), {@code event}
 * (name, timestamp, properties; null outside an event trigger), {@code flow} (id, step, ... as the
 * caller passes it), {@code recommendations} (a list of product maps) and {@code links}
 * (unsubscribe_url, preferences_url — set by the composer).
 */
public record RenderContext(Profile profile, Event event, Map<String, Object> flow,
                            List<Map<String, Object>> recommendations, Map<String, Object> links) {
    public RenderContext {
        Objects.requireNonNull(profile, "profile");
        flow = flow == null ? Map.of() : flow;
        recommendations = recommendations == null ? List.of() : recommendations;
        links = links == null ? Map.of() : links;
    }

    public static RenderContext of(Profile profile) {
        return new RenderContext(profile, null, null, null, null);
    }

    public RenderContext withLinks(Map<String, Object> l) {
        return new RenderContext(profile, event, flow, recommendations, l);
    }
}
