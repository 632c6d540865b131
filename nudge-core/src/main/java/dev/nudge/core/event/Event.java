package dev.nudge.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted Segment-spec call, after validation and timestamp correction.
 *
 * <p>Invariants, checked when built: a messageId, a type, a corrected {@code timestamp} and a
 * {@code receivedAt}; at least one of userId / anonymousId; a {@code name} for track calls (the
 * event name) — for page/screen it is the optional page name. Maps are immutable JSON values
 * (String, Number, Boolean, List, Map or null) and never null themselves.
 *
 * @param timestamp event time: what segment windows are measured in (DESIGN.md §6)
 * @param receivedAt when Nudge accepted it (processing time)
 */
public record Event(
        String messageId,
        EventType type,
        String userId,
        String anonymousId,
        String name,
        Map<String, Object> properties,
        Map<String, Object> traits,
        Map<String, Object> context,
        Instant timestamp,
        Instant receivedAt,
        String previousId,
        String groupId) {

    public Event {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("event " + messageId + " has neither userId nor anonymousId");
        }
        if (type == EventType.TRACK && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("track event " + messageId + " has no event name");
        }
        properties = properties == null ? Map.of() : properties;
        traits = traits == null ? Map.of() : traits;
        context = context == null ? Map.of() : context;
    }

    /** Convenience for tests and generators: a track call by a known user. */
    public static Event track(String messageId, String userId, String name, Map<String, Object> properties, Instant at) {
        return new Event(messageId, EventType.TRACK, userId, null, name, properties, Map.of(), Map.of(), at, at, null, null);
    }

    /** The id this event was sent under before identity resolution: userId, else anonymousId. */
    public String rawProfileId() {
        return userId != null ? userId : anonymousId;
    }

    /**
     * The name segment conditions match with {@code event: NAME}: the event name for track calls,
     * and the call type for the others ({@code identify}, {@code page}, {@code screen},
     * {@code group}, {@code alias}), so a segment can say {@code event: page} to count page views.
     */
    public String conditionName() {
        return type == EventType.TRACK ? name : type.wire();
    }

    public Event withTimestamp(Instant t) {
        return new Event(messageId, type, userId, anonymousId, name, properties, traits, context, t, receivedAt, previousId, groupId);
    }

    public Event withIds(String newUserId, String newAnonymousId) {
        return new Event(messageId, type, newUserId, newAnonymousId, name, properties, traits, context, timestamp, receivedAt, previousId, groupId);
    }
}
