package dev.nudge.mail.broadcast;

import java.time.Instant;
import java.util.Objects;

/**
 * The durable checkpoint and counts of a broadcast. {@code offset} is the position in the snapshot
 * of the first recipient whose batch is not complete; counts cover exactly the recipients before it,
 * so a resumed run neither recounts nor skips anyone.
 */
public record BroadcastState(String id, Status status, long offset, long sent, long suppressed, long bounced, long failed,
                             String reason, Instant updatedAt) {
    public enum Status { RUNNING, PAUSED, FINISHED, FAILED }

    public BroadcastState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }

    static BroadcastState start(String id, Instant at) {
        return new BroadcastState(id, Status.RUNNING, 0, 0, 0, 0, 0, null, at);
    }

    BroadcastState with(Status s, String why, Instant at) {
        return new BroadcastState(id, s, offset, sent, suppressed, bounced, failed, why, at);
    }

    BroadcastState advance(long n, long sent, long suppressed, long bounced, long failed, Instant at) {
        return new BroadcastState(id, status, offset + n, this.sent + sent, this.suppressed + suppressed,
                this.bounced + bounced, this.failed + failed, reason, at);
    }
}
