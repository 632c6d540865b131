package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random per-profile histories over the {@link #SPAN} before {@code now}, in the vocabulary of
 * {@link DayScaleSegments}: most profiles start with an identify that sets {@code signup_at} to
 * that instant (in one of the three date forms the language reads), some get later identifies
 * (plan, trial end, consent, now and then a new signup date), and tracks and page views carry the
 * properties the random filters test; some people start anonymous and are identified later (a merge).
 * Event times are arbitrary milliseconds, or whole hours on a
 * grid so that events fall exactly on window edges and deadlines (every duration is whole hours).
 */
final class DayScaleHistories {
    /** The event names conditions use; one with an escaped quote and non-ASCII letters, as clients in any language send. */
    static final List<String> NAMES = List.of("Order Completed", "Checkout Started", "Product Viewed", "page", "Réservé \"VIP\" ✓");
    static final Duration SPAN = Duration.ofDays(60);

    private final Random r;
    private final boolean grid;
    /** With {@code for:} in the catalog, a profile's events get distinct instants (docs/segments.md: zero-length flips restart `for:`). */
    private final boolean distinctInstants;
    /** Starts every messageId this generator makes; two generators feeding one store need different ones. */
    private final String idPrefix;
    /** Traits are set by a profile's first event only (an identify, or none at all), and never change. */
    boolean traitsFixedAtFirstContact;
    /** At most 3 events a profile and no heavy buyers (for cases with hundreds of profiles). */
    boolean shortHistories;
    private int ids;

    DayScaleHistories(Random r, boolean grid, boolean distinctInstants, String idPrefix) {
        this.r = r;
        this.idPrefix = idPrefix;
        this.grid = grid;
        this.distinctInstants = distinctInstants;
    }

    /**
     * One person's events in time order, all in [now − SPAN, now]. Most are known from their first
     * event; some start anonymous (page and product views under an anonymousId) and are identified
     * later by an identify carrying both ids — the first contact of a web client, which merges the
     * anonymous profile into the known one — and a few stay anonymous.
     */
    List<Event> profile(String userId, Instant now) {
        // one in twelve is a heavy buyer: dozens of orders in a few weeks, more than a windowed sum keeps exactly (32)
        boolean heavy = !shortHistories && r.nextInt(12) == 0;
        Duration spread = heavy ? Duration.ofDays(5 + r.nextInt(20)) : SPAN;
        Instant start = at(now.minus(Duration.ofMillis((long) (r.nextDouble() * spread.toMillis()))));
        int n = heavy ? 35 + r.nextInt(40) : 1 + r.nextInt(shortHistories ? 3 : 8);
        List<Instant> times = new ArrayList<>();
        times.add(start);
        long span = now.toEpochMilli() - start.toEpochMilli();
        for (int i = 1; i < n; i++) times.add(at(start.plusMillis(span == 0 ? 0 : r.nextLong(span + 1))));
        times.sort(null);
        if (distinctInstants) {
            List<Instant> distinct = new ArrayList<>();
            for (Instant t : times) if (distinct.isEmpty() || t.isAfter(distinct.get(distinct.size() - 1))) distinct.add(t);
            times = distinct;
        }
        String anonymousId = "anon-" + userId;
        int kind = r.nextInt(10);
        // index of the identify that makes the person known: 0 = known from the start, size = never
        int known = kind < 6 || times.size() == 1 || traitsFixedAtFirstContact ? 0 : kind < 9 ? 1 + r.nextInt(times.size() - 1) : times.size();
        List<Event> out = new ArrayList<>();
        boolean identifiedFirst = r.nextInt(10) < 7;
        for (int i = 0; i < times.size(); i++) {
            Instant t = times.get(i);
            Event e;
            if (i == known && known > 0) e = identify(userId, t, firstTraits(t)).withIds(userId, anonymousId);
            else if (i == 0 && identifiedFirst) e = identify(userId, t, firstTraits(t));
            else if (i > 0 && !traitsFixedAtFirstContact && r.nextInt(7) == 0) e = identify(userId, t, laterTraits(t));
            else e = heavy && r.nextInt(4) > 0 ? order(userId, t) : track(userId, t);
            if (i < known) e = e.withIds(null, anonymousId);
            out.add(e);
        }
        return out;
    }

    /** The id the store keys this person's profile by: the userId once one was seen, else the anonymousId. */
    static String canonicalId(List<Event> history) {
        for (Event e : history) if (e.userId() != null) return e.userId();
        return history.get(0).anonymousId();
    }

    private Instant at(Instant t) {
        return grid ? t.truncatedTo(ChronoUnit.HOURS) : t;
    }

    Event identify(String userId, Instant t, Map<String, Object> traits) {
        return new Event(idPrefix + (++ids), EventType.IDENTIFY, userId, null, null, Map.of(), traits, Map.of(), t, t, null, null);
    }

    private Map<String, Object> firstTraits(Instant t) {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("signup_at", date(t));
        if (r.nextInt(10) > 0) traits.put("email", "p" + ids + "@example.com");
        if (r.nextBoolean()) traits.put("plan", List.of("gold", "silver", "free").get(r.nextInt(3)));
        if (r.nextBoolean()) traits.put("trial_ends_at", date(t.plus(Duration.ofHours(1 + r.nextInt(24 * 30)))));
        traits.put("score", r.nextInt(12));
        return traits;
    }

    private Map<String, Object> laterTraits(Instant t) {
        Map<String, Object> traits = new LinkedHashMap<>();
        switch (r.nextInt(5)) {
            case 0 -> traits.put("plan", List.of("gold", "silver", "free").get(r.nextInt(3)));
            case 1 -> traits.put("trial_ends_at", date(t.plus(Duration.ofHours(1 + r.nextInt(24 * 30)))));
            case 2 -> traits.put("consent", Map.of("email", r.nextBoolean() ? "unsubscribed" : "subscribed"));
            case 3 -> traits.put("signup_at", date(t));
            default -> traits.put("email", "q" + ids + "@example.com");
        }
        return traits;
    }

    /** The instant as a trait value: an ISO instant, an offset date-time, or (now and then) just its date. */
    private String date(Instant t) {
        return switch (r.nextInt(6)) {
            case 0 -> t.atOffset(ZoneOffset.ofHours(2)).toString();
            case 1 -> t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            default -> t.toString();
        };
    }

    Event track(String userId, Instant t) {
        return track(userId, t, NAMES.get(r.nextInt(NAMES.size())));
    }

    private Event order(String userId, Instant t) {
        return track(userId, t, "Order Completed");
    }

    private Event track(String userId, Instant t, String name) {
        Map<String, Object> props = new LinkedHashMap<>();
        switch (name) {
            case "Order Completed" -> {
                props.put("revenue", 25 * r.nextInt(7));
                props.put("checkout_id", "c" + (1 + r.nextInt(3)));
            }
            case "Checkout Started" -> props.put("checkout_id", "c" + (1 + r.nextInt(3)));
            case "Product Viewed" -> {
                if (r.nextInt(4) > 0) props.put("category", r.nextBoolean() ? "shoes" : "hats");
            }
            default -> props.put("path", "/");
        }
        String id = idPrefix + (++ids);
        if (name.equals("page")) return new Event(id, EventType.PAGE, userId, null, "Home", props, Map.of(), Map.of(), t, t, null, null);
        return Event.track(id, userId, name, props, t);
    }
}
