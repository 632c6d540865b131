package dev.nudge.server.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subscriber to segment transitions: where to POST, the secret that signs each delivery, and
 * which segments it wants (empty = all). Immutable; stored as JSON in META {@code webhook/ID}.
 */
public record Webhook(String id, URI url, String secret, List<String> segments, Instant created) {
    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        segments = segments == null ? List.of() : List.copyOf(segments);
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook url must be http or https, got " + url);
        }
    }

    public boolean wants(String segmentId) {
        return segments.isEmpty() || segments.contains(segmentId);
    }
}
