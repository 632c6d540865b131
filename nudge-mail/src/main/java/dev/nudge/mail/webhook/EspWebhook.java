package dev.nudge.mail.webhook;

/**
 * An ESP's event webhook: verifies the request, then turns the ESP's events into Nudge email events.
 * Verification always comes first; nothing from an unverified body is used.
 */
@FunctionalInterface
public interface EspWebhook {
    WebhookResult handle(WebhookRequest request);
}
