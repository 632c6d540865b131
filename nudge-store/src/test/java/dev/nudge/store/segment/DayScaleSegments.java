package dev.nudge.store.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random segment files, written as YAML and parsed like a segments folder or an API write, on the
 * scale of a real store's history: durations of hours to weeks over the ~60 days before {@code now}.
 * Every condition kind appears — trait conditions with relative dates ({@code within},
 * {@code older_than}, {@code in_next}) and absolute ones ({@code before}/{@code after}), event
 * windows and tests, inactivity ({@code last ... older_than}), sequences with {@code then_within},
 * {@code not_followed_by}, {@code same} and an outer {@code within}, consent, references with and
 * without {@code for:}, and {@code all}/{@code any}/{@code not} around them — over the vocabulary
 * {@link DayScaleHistories} draws histories from, so random histories actually hit them.
 *
 * <p>Why not {@code RandomSegments} of nudge-core's tests: its durations are minutes over an
 * 8-hour history, and it builds condition records rather than the text a user writes; reaching it
 * from here would also need a test-jar dependency between modules.
 *
 * <p>One restriction, on purpose: {@code segment: X for: D} is drawn for an X that reads traits only
 * with {@link #forOnTraits}, for histories whose traits are fixed by the first event. A trait has no
 * history (docs/segments.md, "Meaning"): the reference and a rebuild judge it by today's value at
 * every past instant, while the live path entered X when the identify arrived and counts
 * {@code for:} from that entry. When traits change later, that is a documented difference, not the
 * subject here.
 */
final class DayScaleSegments {
    static final List<String> DURATIONS = List.of("1h", "6h", "12h", "1d", "2d", "3d", "7d", "14d", "30d", "45d");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Random r;
    private final Instant now;
    private final boolean grid;
    /** Per generated segment: whether it reads traits, itself or through a reference. */
    private final List<Boolean> readsTraits = new ArrayList<>();
    private boolean current;
    boolean usedFor;
    /** Whether some {@code for:} refers to a segment that reads traits; allowed only with {@link #forOnTraits}. */
    boolean usedForOnTraits;
    /**
     * Allow {@code for:} over trait-reading segments: only for histories whose traits are all set by
     * the profile's first event and never change ({@link DayScaleHistories}), where live, rebuild and
     * reference agree on when such a segment was entered.
     */
    boolean forOnTraits;

    /** @param grid instants on whole hours, so they fall exactly on event times of a grid history */
    DayScaleSegments(Random r, Instant now, boolean grid) {
        this.r = r;
        this.now = now;
        this.grid = grid;
    }

    /** 1–4 segment files, id → YAML text; later segments may reference earlier ones. */
    Map<String, String> catalog() {
        int n = 1 + r.nextInt(4);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            current = false;
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("id", "s" + i);
            def.put("name", "random " + i);
            def.put("where", condition(2, i));
            readsTraits.add(current);
            out.put("s" + i + ".yaml", yaml(def));
        }
        return out;
    }

    static String yaml(Map<String, Object> tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    private Object condition(int depth, int self) {
        int k = r.nextInt(depth > 0 ? 13 : 9);
        return switch (k) {
            case 0, 1 -> trait();
            case 2, 3 -> event();
            case 4 -> lastFirst();
            case 5 -> sequence();
            case 6 -> self > 0 ? ref(self) : trait();
            case 7 -> {
                current = true;
                yield Map.of("subscribed", "email");
            }
            case 8 -> r.nextBoolean() ? trait() : event();
            case 9 -> Map.of("not", condition(depth - 1, self));
            case 10 -> Map.of("any", children(depth, self));
            default -> Map.of("all", children(depth, self));
        };
    }

    private List<Object> children(int depth, int self) {
        List<Object> cs = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) cs.add(condition(depth - 1, self));
        return cs;
    }

    private String dur() {
        return DURATIONS.get(r.nextInt(DURATIONS.size()));
    }

    /** An instant in the history's span, for before/after/since/between. */
    private String instant() {
        Instant t = now.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
        if (grid) t = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return t.toString();
    }

    private Map<String, Object> trait() {
        current = true;
        Map<String, Object> m = new LinkedHashMap<>();
        switch (r.nextInt(12)) {
            case 0, 1 -> { m.put("trait", "signup_at"); m.put("within", dur()); }
            case 2 -> { m.put("trait", "signup_at"); m.put("older_than", dur()); }
            case 3 -> { m.put("trait", "signup_at"); m.put("within", "30d"); m.put("older_than", dur()); }
            case 4 -> { m.put("trait", "trial_ends_at"); m.put("in_next", dur()); }
            case 5 -> { m.put("trait", "trial_ends_at"); m.put(r.nextBoolean() ? "within" : "older_than", dur()); }
            case 6 -> { m.put("trait", "signup_at"); m.put(r.nextBoolean() ? "before" : "after", instant()); }
            case 7 -> { m.put("trait", "plan"); m.put("equals", "gold"); }
            case 8 -> { m.put("trait", "plan"); m.put("in", List.of("gold", "silver")); }
            case 9 -> { m.put("trait", "plan"); m.put("not_equals", "gold"); }
            case 10 -> { m.put("trait", "trial_ends_at"); m.put("exists", r.nextBoolean()); }
            default -> { m.put("trait", "score"); m.put("gte", r.nextInt(10)); }
        }
        return m;
    }

    private Map<String, Object> event() {
        Map<String, Object> m = new LinkedHashMap<>();
        String name = DayScaleHistories.NAMES.get(r.nextInt(DayScaleHistories.NAMES.size()));
        m.put("event", name);
        Map<String, Object> where = where(name);
        if (!where.isEmpty()) m.put("where", where);
        switch (r.nextInt(6)) {
            case 0, 1, 2 -> m.put("within", dur());
            case 3 -> m.put("since", instant());
            case 4 -> {
                String a = instant(), b = instant();
                m.put("between", a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a));
            }
            default -> { }
        }
        String[] ops = {">=", ">", "==", "!=", "<", "<="};
        switch (r.nextInt(8)) {
            case 0, 1 -> { }
            case 2, 3, 4 -> m.put("count", ops[r.nextInt(ops.length)] + " " + r.nextInt(4));
            case 5 -> { m.put(List.of("sum", "avg", "min", "max").get(r.nextInt(4)), "revenue"); m.put("value", ops[r.nextInt(ops.length)] + " " + 25 * r.nextInt(8)); }
            default -> { m.put("distinct", "category"); m.put("value", ops[r.nextInt(ops.length)] + " " + r.nextInt(3)); }
        }
        return m;
    }

    /** A filter on the properties {@link DayScaleHistories} gives events of that name, or none. */
    private Map<String, Object> where(String name) {
        if (r.nextInt(3) > 0) return Map.of();
        return switch (r.nextInt(4)) {
            case 0 -> Map.of("category", "shoes");
            case 1 -> Map.of("revenue", Map.of("gte", 25 * r.nextInt(6)));
            case 2 -> Map.of("checkout_id", Map.of("in", List.of("c1", "c2")));
            default -> Map.of("category", Map.of("exists", r.nextBoolean()));
        };
    }

    private Map<String, Object> lastFirst() {
        Map<String, Object> m = new LinkedHashMap<>();
        String name = r.nextInt(4) == 0 ? "identify" : DayScaleHistories.NAMES.get(r.nextInt(DayScaleHistories.NAMES.size()));
        m.put(r.nextInt(3) > 0 ? "last" : "first", name);
        m.put(r.nextBoolean() ? "older_than" : "within", dur());
        return m;
    }

    private Map<String, Object> sequence() {
        List<Object> steps = new ArrayList<>();
        switch (r.nextInt(3)) {
            case 0 -> { // abandoned checkout
                steps.add(Map.of("event", "Checkout Started"));
                Map<String, Object> not = new LinkedHashMap<>(Map.of("not_followed_by", "Order Completed", "within", dur()));
                if (r.nextBoolean()) not.put("same", List.of("checkout_id"));
                steps.add(not);
            }
            case 1 -> { // funnel
                steps.add(Map.of("event", "Product Viewed"));
                Map<String, Object> s1 = new LinkedHashMap<>(Map.of("event", "Checkout Started"));
                if (r.nextBoolean()) s1.put("then_within", dur());
                steps.add(s1);
                if (r.nextBoolean()) steps.add(Map.of("event", "Order Completed", "then_within", dur()));
            }
            default -> { // browse abandonment
                steps.add(Map.of("event", "Product Viewed"));
                steps.add(Map.of("event", "Checkout Started", "then_within", dur()));
                steps.add(Map.of("not_followed_by", "Order Completed", "within", dur()));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", steps);
        if (r.nextInt(3) > 0) m.put("within", dur());
        return m;
    }

    private Map<String, Object> ref(int self) {
        int target = r.nextInt(self);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segment", "s" + target);
        if (readsTraits.get(target)) current = true;
        if (r.nextBoolean() && (!readsTraits.get(target) || forOnTraits)) {
            m.put("for", dur());
            usedFor = true;
            usedForOnTraits |= readsTraits.get(target);
        }
        return m;
    }
}
