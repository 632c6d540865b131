package dev.nudge.core.processor;

import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.ProfileSegmentState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the per-profile processor keeps for one profile, as one immutable value (DESIGN.md
 * §5): the ids, the traits (kept encoded until read, {@link Traits}), the segment state, the
 * catalog-independent memberships a rebuild diffs against, the places reserved for flow runs and
 * send-cap counters, and the next due instant. {@link ProfileStateCodec} turns it into one value
 * of bytes; a later slice stores it as one row.
 *
 * <p>Not in it (yet): first/last seen and event counts stay in the stored profile, and the store
 * applies an event's traits and ids before the step (as it does today).
 *
 * <p>Invariants, checked when built: a non-blank id; ids, traits, memberships, flow runs and send
 * caps non-null; {@code nextDue} is no later than the segment state's next due (flows may add
 * earlier ones; null only when nothing is due). {@code segments} is null for a profile no step has
 * evaluated yet.
 *
 * @param nextDue the earliest instant at which time alone changes anything for this profile, or null
 */
public record ProfileState(
        String id,
        List<String> userIds,
        List<String> anonymousIds,
        Traits traits,
        ProfileSegmentState segments,
        Memberships memberships,
        FlowRuns flowRuns,
        SendCaps sendCaps,
        Instant nextDue) {

    public ProfileState {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) throw new IllegalArgumentException("a profile id must not be blank");
        userIds = List.copyOf(userIds);
        anonymousIds = List.copyOf(anonymousIds);
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(flowRuns, "flowRuns");
        Objects.requireNonNull(sendCaps, "sendCaps");
        Instant segmentsDue = segments == null ? null : segments.nextDue();
        if (segmentsDue != null && (nextDue == null || nextDue.isAfter(segmentsDue))) {
            throw new IllegalArgumentException("profile " + id + ": nextDue " + nextDue + " is later than its segments' next due "
                    + segmentsDue + "; nextDue must be the earliest due of everything in the state");
        }
    }

    /** A profile nothing is known about yet but its id. */
    public static ProfileState empty(String id) {
        return new ProfileState(id, List.of(), List.of(), Traits.EMPTY, null, Memberships.NONE, FlowRuns.EMPTY, SendCaps.EMPTY, null);
    }

    /**
     * The state of a stored profile: its ids and traits (not copied again if already {@link Traits}),
     * its segment state (null if none) and memberships; no flow runs or send caps yet.
     */
    public static ProfileState of(Profile profile, ProfileSegmentState segments, Memberships memberships) {
        return new ProfileState(profile.id(), profile.userIds(), profile.anonymousIds(), Traits.of(profile.traits()), segments, memberships,
                FlowRuns.EMPTY, SendCaps.EMPTY, segments == null ? null : segments.nextDue());
    }

    /**
     * The profile as the segment engine reads it: id and traits (still undecoded if they were);
     * first/last seen and event counts are not part of this state and come back empty.
     */
    public Profile asProfile() {
        return new Profile(id, userIds, anonymousIds, traits, null, null, null);
    }

    public ProfileState withTraits(Traits t) {
        return new ProfileState(id, userIds, anonymousIds, t, segments, memberships, flowRuns, sendCaps, nextDue);
    }

    public ProfileState withIds(List<String> newUserIds, List<String> newAnonymousIds) {
        return new ProfileState(id, newUserIds, newAnonymousIds, traits, segments, memberships, flowRuns, sendCaps, nextDue);
    }

    public ProfileState withMemberships(Memberships m) {
        return new ProfileState(id, userIds, anonymousIds, traits, segments, m, flowRuns, sendCaps, nextDue);
    }

    /** A copy with this segment state; nextDue becomes its next due (flows have none yet). */
    public ProfileState withSegments(ProfileSegmentState s) {
        Objects.requireNonNull(s, "segments");
        return new ProfileState(id, userIds, anonymousIds, traits, s, memberships, flowRuns, sendCaps, s.nextDue());
    }

    public ProfileState withFlowRuns(FlowRuns f) {
        return new ProfileState(id, userIds, anonymousIds, traits, segments, memberships, f, sendCaps, nextDue);
    }

    public ProfileState withSendCaps(SendCaps c) {
        return new ProfileState(id, userIds, anonymousIds, traits, segments, memberships, flowRuns, c, nextDue);
    }

    public ProfileState withNextDue(Instant due) {
        return new ProfileState(id, userIds, anonymousIds, traits, segments, memberships, flowRuns, sendCaps, due);
    }
}
