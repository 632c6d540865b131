package dev.nudge.core.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A person as Nudge knows them: the canonical id, every raw id that resolves to it, merged traits,
 * and first/last seen (event time). Immutable; every change returns a copy.
 *
 * <p>Invariant: {@code id} is the userId when one is known, else the first anonymousId seen —
 * identity resolution (DESIGN.md §4) keeps every raw id in {@code userIds} / {@code anonymousIds}
 * pointing back here.
 */
public record Profile(
        String id,
        List<String> userIds,
        List<String> anonymousIds,
        Map<String, Object> traits,
        Instant firstSeen,
        Instant lastSeen,
        Map<String, Long> eventCounts) {

    public Profile {
        Objects.requireNonNull(id, "id");
        userIds = List.copyOf(userIds);
        anonymousIds = List.copyOf(anonymousIds);
        // a Traits is immutable already, and may not be decoded yet: kept as it is, so it stays lazy
        traits = traits == null ? Map.of() : traits instanceof Traits t ? t : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        eventCounts = eventCounts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(eventCounts));
    }

    public static Profile empty(String id, String userId, String anonymousId) {
        return new Profile(id, userId == null ? List.of() : List.of(userId),
                anonymousId == null ? List.of() : List.of(anonymousId), Map.of(), null, null, Map.of());
    }

    /** The email trait, lower-cased, or null. Lookup by email uses this value. */
    public String email() {
        Object e = traits.get("email");
        return e instanceof String s && !s.isBlank() ? s.trim().toLowerCase(java.util.Locale.ROOT) : null;
    }

    public long totalEvents() {
        return eventCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records one event seen at event time {@code at} under counter {@code key}. */
    public Profile withEventSeen(String key, Instant at) {
        Map<String, Long> counts = new TreeMap<>(eventCounts);
        counts.merge(key, 1L, Long::sum);
        Instant first = firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen;
        Instant last = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
        return new Profile(id, userIds, anonymousIds, traits, first, last, counts);
    }

    /** Shallow-merges traits: later values win, a null value removes the trait (Segment semantics). */
    public Profile withTraits(Map<String, Object> update) {
        if (update.isEmpty()) return this;
        Map<String, Object> t = new LinkedHashMap<>(traits);
        update.forEach((k, v) -> {
            if (v == null) t.remove(k); else t.put(k, v);
        });
        return new Profile(id, userIds, anonymousIds, t, firstSeen, lastSeen, eventCounts);
    }

    public Profile withUserId(String userId) {
        if (userId == null || userIds.contains(userId)) return this;
        List<String> u = new java.util.ArrayList<>(userIds);
        u.add(userId);
        return new Profile(id, u, anonymousIds, traits, firstSeen, lastSeen, eventCounts);
    }

    public Profile withAnonymousId(String anonymousId) {
        if (anonymousId == null || anonymousIds.contains(anonymousId)) return this;
        List<String> a = new java.util.ArrayList<>(anonymousIds);
        a.add(anonymousId);
        return new Profile(id, userIds, a, traits, firstSeen, lastSeen, eventCounts);
    }

    /**
     * Merges {@code other} (the anonymous or losing profile) into this one: ids are unioned, traits
     * merged with this profile winning conflicts (DESIGN.md §4), first/last seen widened, counts added.
     */
    public Profile absorb(Profile other) {
        LinkedHashSet<String> u = new LinkedHashSet<>(userIds);
        u.addAll(other.userIds);
        LinkedHashSet<String> a = new LinkedHashSet<>(anonymousIds);
        a.addAll(other.anonymousIds);
        Map<String, Object> t = new LinkedHashMap<>(other.traits);
        t.putAll(traits);
        Map<String, Long> c = new TreeMap<>(eventCounts);
        other.eventCounts.forEach((k, v) -> c.merge(k, v, Long::sum));
        Instant first = min(firstSeen, other.firstSeen);
        Instant last = max(lastSeen, other.lastSeen);
        return new Profile(id, List.copyOf(u), List.copyOf(a), t, first, last, c);
    }

    private static Instant min(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }
}
