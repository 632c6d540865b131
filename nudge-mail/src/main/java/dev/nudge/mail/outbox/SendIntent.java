package dev.nudge.mail.outbox;

import dev.nudge.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to send one template to one person, identified by an idempotency key: a flow uses
 * {@code flow/{flowId}/{runId}/{stepId}}, a broadcast {@code broadcast/{id}/{profileId}}. However
 * often an intent is enqueued, at most one email goes out per key.
 *
 * @param trigger the event that triggered a flow send (the template's {@code event}); null otherwise
 * @param flow what the template sees as {@code flow}
 * @param recommendations what the template sees as {@code recommendations} (product maps), computed
 *                        when the intent is created so a resend renders the same products
 */
public record SendIntent(String idempotencyKey, String template, String profileId, String campaignId,
                         String flowId, String flowStep, Event trigger, Map<String, Object> flow,
                         List<Map<String, Object>> recommendations, Instant createdAt) {
    public SendIntent {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 512) {
            throw new IllegalArgumentException("idempotency key must be 1-512 characters, got '" + idempotencyKey + "'");
        }
        if (template == null || template.isBlank()) throw new IllegalArgumentException("send intent " + idempotencyKey + " names no template");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(createdAt, "createdAt");
        flow = flow == null ? Map.of() : Map.copyOf(flow);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    public static SendIntent of(String key, String template, String profileId, Instant at) {
        return new SendIntent(key, template, profileId, null, null, null, null, null, null, at);
    }
}
