package dev.nudge.mail.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is kept of a sent message so tracking hits and ESP webhooks can be traced back to it: who got
 * it, which campaign or flow sent it and the original destination of every rewritten link, in order.
 * The click redirect target is {@code links.get(index)} — never anything from the request URL.
 *
 * @param sentAt when the SMTP server accepted it; null until then
 */
public record StoredMessage(String messageId, String idempotencyKey, String profileId, String email,
                            String campaignId, String flowId, String flowStep, List<String> links, Instant sentAt) {
    public StoredMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profileId, "profileId");
        links = List.copyOf(links);
    }

    public StoredMessage withSentAt(Instant at) {
        return new StoredMessage(messageId, idempotencyKey, profileId, email, campaignId, flowId, flowStep, links, at);
    }
}
