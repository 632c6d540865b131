package dev.nudge.mail.webhook;

import dev.nudge.core.event.Event;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.OutboxStore;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.mail.tracking.MessageStore;
import java.time.InstantSource;

/**
 * Applies what delivery events mean for sending, right when they arrive (before ingest processes
 * them): hard bounce → HARD_BOUNCE suppression, complaint → COMPLAINED, ESP unsubscribe →
 * UNSUBSCRIBED; and moves the outbox entry SENT → DELIVERED or → BOUNCED so per-message status is
 * shown in the API. Idempotent: applying the same event twice changes nothing more.
 */
public final class DeliveryFeedback {
    private final SuppressionStore suppressions;
    private final OutboxStore outbox;
    private final MessageStore messages;
    private final InstantSource clock;

    public DeliveryFeedback(SuppressionStore suppressions, OutboxStore outbox, MessageStore messages, InstantSource clock) {
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    public void apply(Event e) {
        Object email = e.properties().get("email");
        Object esp = e.properties().getOrDefault("esp", "esp");
        if (email instanceof String addr && !addr.isBlank()) {
            SuppressionReason r = switch (e.name()) {
                case EmailEvents.BOUNCED -> "hard".equals(e.properties().get("bounce_type")) ? SuppressionReason.HARD_BOUNCE : null;
                case EmailEvents.SPAM -> SuppressionReason.COMPLAINED;
                case EmailEvents.UNSUBSCRIBED -> SuppressionReason.UNSUBSCRIBED;
                default -> null;
            };
            if (r != null) suppressions.put(new Suppression(addr, r, String.valueOf(esp), String.valueOf(e.properties().getOrDefault("reason", "")), e.timestamp()));
        }
        OutboxStatus to = switch (e.name()) {
            case EmailEvents.DELIVERED -> OutboxStatus.DELIVERED;
            case EmailEvents.BOUNCED -> OutboxStatus.BOUNCED;
            default -> null;
        };
        if (to != null && e.properties().get("message_id") instanceof String id) {
            messages.find(id).ifPresent(m -> {
                if (m.idempotencyKey() == null) return;
                outbox.get(m.idempotencyKey()).ifPresent(entry -> {
                    if (entry.status() == OutboxStatus.SENT || (entry.status() == OutboxStatus.DELIVERED && to == OutboxStatus.BOUNCED)) {
                        outbox.compareAndSet(entry.key(), entry.status(), entry.with(to, e.name() + " via " + esp, clock.instant()));
                    }
                });
            });
        }
    }
}
