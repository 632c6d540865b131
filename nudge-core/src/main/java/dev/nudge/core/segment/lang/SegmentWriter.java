package dev.nudge.core.segment.lang;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a definition back as the language's tree (plain maps and lists), as JSON or YAML, so the
 * API can return definitions and tests can round-trip random trees through the parser. Parsing the
 * output gives back an equal tree (positions of {@code segment:} references aside).
 */
public final class SegmentWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private SegmentWriter() {}

    public static String json(SegmentDefinition d) {
        try {
            return JSON.writeValueAsString(tree(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    public static String yaml(SegmentDefinition d) {
        try {
            return YAML.writeValueAsString(tree(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    public static Map<String, Object> tree(SegmentDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        if (d.description() != null) m.put("description", d.description());
        m.put("where", condition(d.where()));
        return m;
    }

    static Object condition(Condition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (c) {
            case Condition.All a -> m.put("all", a.of().stream().map(SegmentWriter::condition).toList());
            case Condition.Any a -> m.put("any", a.of().stream().map(SegmentWriter::condition).toList());
            case Condition.Not n -> m.put("not", condition(n.condition()));
            case Condition.TraitCond t -> {
                m.put("trait", t.path());
                for (Predicate p : t.predicates()) m.put(p.op().key, arg(p.arg()));
            }
            case Condition.Subscribed s -> m.put("subscribed", s.channel());
            case Condition.SegmentRef r -> {
                m.put("segment", r.id());
                if (r.forDuration() != null) m.put("for", duration(r.forDuration()));
            }
            case Condition.EventCond e -> {
                m.put("event", e.name());
                where(e.where(), m);
                if (e.within() != null) m.put("within", duration(e.within()));
                else if (e.from() != null && e.to() != null) m.put("between", List.of(e.from().toString(), e.to().toString()));
                else if (e.from() != null) m.put("since", e.from().toString());
                else if (e.to() != null) m.put("between", List.of("0000-01-01T00:00:00Z", e.to().toString()));
                Condition.Test t = e.test();
                String test = t.cmp().symbol + " " + number(t.n());
                if (t.aggregate() == Condition.Aggregate.COUNT) m.put("count", test);
                else {
                    m.put(t.aggregate().name().toLowerCase(java.util.Locale.ROOT), t.property());
                    m.put("value", test);
                }
            }
            case Condition.LastFirstCond lf -> {
                m.put(lf.last() ? "last" : "first", lf.name());
                where(lf.where(), m);
                m.put(lf.olderThan() ? "older_than" : "within", duration(lf.d()));
            }
            case Condition.SequenceCond sq -> {
                List<Object> steps = new ArrayList<>();
                for (Condition.Step s : sq.steps()) {
                    Map<String, Object> st = new LinkedHashMap<>();
                    st.put(s.negative() ? "not_followed_by" : "event", s.name());
                    where(s.where(), st);
                    if (s.window() != null) st.put(s.negative() ? "within" : "then_within", duration(s.window()));
                    if (!s.same().isEmpty()) st.put("same", s.same());
                    steps.add(st);
                }
                m.put("sequence", steps);
                if (sq.within() != null) m.put("within", duration(sq.within()));
            }
        }
        return m;
    }

    private static void where(List<Condition.PropFilter> where, Map<String, Object> into) {
        if (where.isEmpty()) return;
        Map<String, Object> w = new LinkedHashMap<>();
        for (Condition.PropFilter f : where) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) w.computeIfAbsent(f.path(), k -> new LinkedHashMap<String, Object>());
            Object prior = ops.put(f.predicate().op().key, arg(f.predicate().arg()));
            if (prior != null) {
                throw new IllegalArgumentException("`where` has two `" + f.predicate().op().key + "` operators on `" + f.path() + "`, which the language cannot write; combine them");
            }
        }
        into.put("where", w);
    }

    private static Object arg(Object a) {
        if (a instanceof Duration d) return duration(d);
        if (a instanceof java.time.Instant i) return i.toString();
        return a;
    }

    /** The shortest exact short form (`90d`, `12h`), else ISO-8601. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        long[] unit = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] name = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < unit.length; i++) if (ms % unit[i] == 0) return (ms / unit[i]) + name[i];
        return d.toString();
    }

    private static String number(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
    }
}
