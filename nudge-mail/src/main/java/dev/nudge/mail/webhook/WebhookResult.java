package dev.nudge.mail.webhook;

import dev.nudge.core.event.Event;
import java.util.List;

/** What to answer an ESP and what to ingest. */
public sealed interface WebhookResult {
    /**
     * 200: ingest {@code events}; {@code unmatched} counts ESP events that could not be tied to a
     * Nudge message or profile (answered 200 all the same, or the ESP would retry forever).
     */
    record Accepted(List<Event> events, int unmatched) implements WebhookResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * An Amazon SNS subscription confirmation, verified: confirm by fetching {@code subscribeUrl}
     * (already checked to be an https URL on an sns.*.amazonaws.com host), then answer 200.
     */
    record ConfirmSubscription(String subscribeUrl, String topicArn) implements WebhookResult {
    }

    /** 4xx with {@code reason} (401 bad signature/credentials, 400 malformed); log it. */
    record Refused(int status, String reason) implements WebhookResult {
    }
}
