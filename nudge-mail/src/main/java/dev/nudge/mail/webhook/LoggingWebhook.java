package dev.nudge.mail.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an {@link EspWebhook} so every refusal is logged (issue: "refused with 4xx and logged"),
 * without the body or headers — they may carry signatures, tokens or credentials.
 */
public final class LoggingWebhook implements EspWebhook {
    private static final Logger log = LoggerFactory.getLogger(LoggingWebhook.class);

    private final String esp;
    private final EspWebhook inner;

    public LoggingWebhook(String esp, EspWebhook inner) {
        this.esp = esp;
        this.inner = inner;
    }

    @Override
    public WebhookResult handle(WebhookRequest request) {
        WebhookResult r = inner.handle(request);
        switch (r) {
            case WebhookResult.Refused x -> log.warn("{} webhook refused ({}) from {}: {}", esp, x.status(), request.remoteIp(), x.reason());
            case WebhookResult.Accepted a when a.unmatched() > 0 ->
                    log.info("{} webhook: {} events, {} not tied to any Nudge message or profile", esp, a.events().size(), a.unmatched());
            default -> {
                // accepted or subscription confirmation: nothing to report
            }
        }
        return r;
    }
}
