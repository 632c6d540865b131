package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import java.time.Instant;
import java.util.Map;

/**
 * The incremental segment engine for one catalog version: pure (no I/O, no clock, no threads),
 * immutable and thread-safe. The store owns persistence and time: it keeps one
 * {@link ProfileSegmentState} per profile (via {@link ProfileSegmentState#encode()}), calls these
 * methods in order per profile, persists {@link Evaluation#newState()} atomically with the event,
 * and arms a durable timer at {@link Evaluation#nextDue()}.
 *
 * <p>A {@code null} state means "new profile". Calls with an instant earlier than the state's
 * {@link ProfileSegmentState#asOf()} are treated as happening at {@code asOf} (time never runs
 * backwards for a profile). Events must have event time ≤ now (ingestion clamps future times).
 */
public interface SegmentEngine {

    static SegmentEngine of(SegmentCatalog catalog) {
        return new IncrementalEngine(catalog);
    }

    /** An event was appended to the profile's log; {@code profileAfterEvent} already has its traits. */
    Evaluation onEvent(ProfileSegmentState state, Profile profileAfterEvent, Event event, Instant now, HistorySource history);

    /** A timer fired for {@code due} (a {@link Evaluation#nextDue()} value); stale dues are no-ops. */
    Evaluation onTime(ProfileSegmentState state, Profile profile, Instant due, HistorySource history);

    /**
     * Recomputes the state from the full history (merge, backfill of a new/changed segment, a
     * state from another catalog version). Emits one transition per segment whose membership
     * differs from {@code previousMemberships} (segment id → since; empty for a new profile), at
     * {@code now}. Ids in {@code previousMemberships} that this catalog no longer has are ignored:
     * dropping a deleted segment's members is the store's job. The new state's "since" values are
     * event times from the replay.
     */
    Evaluation rebuild(Map<String, Instant> previousMemberships, Profile profile, HistorySource history, Instant now, Cause cause);

    /** Same as {@link #rebuild(Map, Profile, HistorySource, Instant, Cause)} with no previous memberships. */
    default Evaluation rebuild(Profile profile, HistorySource history, Instant now, Cause cause) {
        return rebuild(Map.of(), profile, history, now, cause);
    }

    /**
     * Whether any condition of the catalog reads events of this {@link Event#conditionName()}. A
     * {@link #rebuild} gives the same result over a history without the events it does not read,
     * provided the history keeps its earliest event and every event that carries traits (an
     * identify): those settle trait conditions and fix when the replay starts. A store uses this to
     * skip decoding the rest ({@code ReplayHistory}). Conservative default: every name is read.
     */
    default boolean reads(String conditionName) {
        return true;
    }

    /** Traits changed (identify) without an event any segment mentions. */
    Evaluation onTraitsChanged(ProfileSegmentState state, Profile profileAfter, Instant now, HistorySource history);

    /** Current memberships in this state: segment id → since (in catalog dependency order). */
    Map<String, Instant> memberships(ProfileSegmentState state);

    /** A fresh state for a profile nothing has been evaluated for. */
    ProfileSegmentState initialState();

    SegmentCatalog catalog();
}
