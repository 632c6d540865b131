package dev.nudge.core.processor;

import java.net.URI;
import java.util.Objects;

/**
 * A webhook a flow's {@code webhook:} step asks for (DESIGN.md §9), delivered by the runtime after
 * the step is durable, at most once per {@code idempotencyKey}. No step produces one yet: segment
 * webhooks are dispatched from the durable transition log (subscribers of the runtime), which
 * already gives at-least-once delivery after commit, so they stay there rather than being
 * duplicated here.
 *
 * <p>Invariants, checked when built: an absolute http(s) URL, non-null body, non-blank profile id
 * and idempotency key.
 */
public record WebhookCall(String profileId, URI url, String body, String idempotencyKey) {
    public WebhookCall {
        SendRequest.requireText(profileId, "profileId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        SendRequest.requireText(idempotencyKey, "idempotencyKey");
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL must be absolute http or https with a host, got '" + url + "'");
        }
    }

    public WebhookCall withBody(String b) {
        return new WebhookCall(profileId, url, b, idempotencyKey);
    }
}
