package dev.nudge.core.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When each profile is next due (its {@code ProfileState.nextDue}), indexed by due instant, so a
 * runtime finds what time alone changes without visiting every profile: the embedded timer scans
 * it, the Kafka runtime's punctuator will (DESIGN.md §13). Flow waits are to be armed here too,
 * through the same {@code nextDue}. Instants are kept to the millisecond.
 */
public interface DueIndex {

    /** One entry: {@code profileId} is due at {@code at}. */
    record Due(String profileId, Instant at) {
        public Due {
            Objects.requireNonNull(profileId, "profileId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Arms {@code profileId} at {@code due}, replacing its previous due; null clears it. */
    void schedule(String profileId, Instant due);

    /** The instant {@code profileId} is armed at, or null if none. */
    Instant scheduled(String profileId);

    /**
     * The profiles due at or before {@code upTo}, earliest first (ties in profile-id order), at most
     * {@code limit} of them; {@code limit} must be positive.
     */
    List<Due> due(Instant upTo, int limit);
}
