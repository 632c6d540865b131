package dev.nudge.mail.outbox;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Run once at startup, before any worker: settles entries left in SENDING by a crash. The probe
 * answers when it can (accepted → SENT, not accepted → QUEUED again); otherwise the
 * {@link RecoveryPolicy} decides (at-most-once → FAILED "uncertain", at-least-once → QUEUED, resent
 * with the same Message-ID).
 */
public final class OutboxRecovery {
    /** How many entries went where. */
    public record Report(int sent, int requeued, int failed) {
    }

    private OutboxRecovery() {
    }

    public static Report recover(OutboxStore outbox, DeliveryProbe probe, RecoveryPolicy policy, InstantSource clock) {
        int sent = 0, requeued = 0, failed = 0;
        while (true) {
            List<OutboxEntry> batch = outbox.inStatus(OutboxStatus.SENDING, 1000);
            if (batch.isEmpty()) return new Report(sent, requeued, failed);
            for (OutboxEntry e : batch) {
                Optional<Boolean> known = e.messageId() == null ? Optional.of(false) : probe.accepted(e.messageId());
                OutboxEntry next;
                if (known.isPresent()) {
                    next = known.get() ? e.with(OutboxStatus.SENT, "recovered: receiver has it", clock.instant())
                            : e.with(OutboxStatus.QUEUED, "recovered: receiver does not have it", clock.instant());
                } else if (policy == RecoveryPolicy.AT_LEAST_ONCE) {
                    next = e.with(OutboxStatus.QUEUED, "recovered: fate unknown, resending with the same Message-ID", clock.instant());
                } else {
                    next = e.with(OutboxStatus.FAILED, "uncertain: crashed during the SMTP handoff; not resent (at-most-once)", clock.instant());
                }
                if (outbox.compareAndSet(e.key(), OutboxStatus.SENDING, next)) {
                    switch (next.status()) {
                        case SENT -> sent++;
                        case QUEUED -> requeued++;
                        default -> failed++;
                    }
                }
            }
        }
    }
}
