package dev.nudge.mail.broadcast;

import java.time.Instant;
import java.util.Objects;

/** A one-off send of a template to a segment snapshot. The id scopes every idempotency key. */
public record Broadcast(String id, String template, String campaignId, Instant createdAt) {
    public Broadcast {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("broadcast id must be 1-100 letters, digits, '_', '.' or '-', got '" + id + "'");
        }
        if (template == null || template.isBlank()) throw new IllegalArgumentException("broadcast " + id + " names no template");
        Objects.requireNonNull(createdAt, "createdAt");
        campaignId = campaignId == null ? id : campaignId;
    }

    /** One key per (broadcast, profile): a resumed or repeated run never sends twice to the same person. */
    public String keyFor(String profileId) {
        return "broadcast/" + id + "/" + profileId;
    }
}
