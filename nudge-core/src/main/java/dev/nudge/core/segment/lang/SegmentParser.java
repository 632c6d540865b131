package dev.nudge.core.segment.lang;

import dev.nudge.core.segment.lang.Node.Entry;
import dev.nudge.core.segment.lang.Node.ListNode;
import dev.nudge.core.segment.lang.Node.MapNode;
import dev.nudge.core.segment.lang.Node.Scalar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parse and check: YAML or JSON text → {@link SegmentDefinition}, collecting every issue with its
 * line, column and a hint. Never throws on bad input; a definition is returned only when there are
 * no issues. Limits (STYLE.md §5): nesting depth {@link TreeReader#MAX_DEPTH}, {@link #MAX_NODES}
 * conditions per segment.
 */
public final class SegmentParser {
    static final List<String> ROOT_KEYS = List.of("id", "name", "description", "where");
    static final List<String> KINDS = List.of("all", "any", "not", "trait", "event", "last", "first", "sequence", "segment", "subscribed");
    static final List<String> AGGREGATES = List.of("sum", "avg", "min", "max", "distinct");
    static final List<String> EVENT_KEYS = List.of("event", "where", "within", "between", "since", "count", "sum", "avg", "min", "max", "distinct", "value");
    /** Most conditions one segment may hold; larger trees are refused rather than slowing every event. */
    public static final int MAX_NODES = 500;

    private final String source;
    private final String text;
    private final List<Issue> issues;
    private int nodes;

    private SegmentParser(String source, String text) {
        this(source, text, new ArrayList<>());
    }

    /** A parser that adds its issues to {@code issues}: for languages that embed conditions ({@link Embedding}). */
    SegmentParser(String source, String text, List<Issue> issues) {
        this.source = source;
        this.text = text;
        this.issues = issues;
    }

    public static ParseResult parse(String source, String text) {
        SegmentParser p = new SegmentParser(source, text == null ? "" : text);
        SegmentDefinition d = p.root();
        return p.issues.isEmpty() ? new ParseResult(d, List.of()) : new ParseResult(null, p.issues);
    }

    int issueCount() {
        return issues.size();
    }

    void issue(int line, int col, String message, String hint) {
        issues.add(Issue.at(source, text, line, col, message, hint));
    }

    void issue(Node n, String message, String hint) {
        issue(n.line(), n.col(), message, hint);
    }

    private SegmentDefinition root() {
        Node root = new TreeReader(source, text, issues).read();
        if (root == null) return null;
        if (!(root instanceof MapNode m)) {
            issue(root, "a segment must be a map, found " + Node.describe(root), "write `id:`, `name:` and `where:` keys");
            return null;
        }
        for (Entry e : m.entries().values()) {
            if (!ROOT_KEYS.contains(e.key())) issue(e.line(), e.col(), "unknown key `" + e.key() + "` in a segment", Spelling.suggest(e.key(), ROOT_KEYS));
        }
        String id = string(m, "id", true);
        if (id != null && !SegmentDefinition.ID.matcher(id).matches()) {
            issue(m.entries().get("id").value(), "bad segment id `" + id + "`", "use letters, digits, '-', '_' or '.', e.g. `engaged-30d`");
            id = null;
        }
        String name = string(m, "name", true);
        String description = string(m, "description", false);
        Entry where = m.entries().get("where");
        Condition c = null;
        if (where == null) issue(m, "missing `where`", "add `where:` with the condition, e.g. `where: {event: Order Completed}`");
        else c = condition(where.value());
        if (!issues.isEmpty()) return null;
        return new SegmentDefinition(id, name, description, c, source, text);
    }

    private String string(MapNode m, String key, boolean required) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (required) issue(m, "missing `" + key + "`", "add `" + key + ": ...` at the top level");
            return null;
        }
        if (e.value() instanceof Scalar s && s.value() != null && !(s.value() instanceof Boolean)) return s.text();
        issue(e.value(), "`" + key + "` must be text, found " + Node.describe(e.value()), "write `" + key + ": some-text`");
        return null;
    }

    /** One condition map: exactly one kind key plus that kind's own keys. Returns null after an issue. */
    Condition condition(Node n) {
        if (++nodes > MAX_NODES) {
            if (nodes == MAX_NODES + 1) issue(n, "more than " + MAX_NODES + " conditions in one segment", "split it into segments and combine them with `segment:`");
            return null;
        }
        if (!(n instanceof MapNode m)) {
            issue(n, "expected a condition (a map), found " + Node.describe(n), "write one of " + String.join(", ", KINDS) + " as a key, e.g. `event: Order Completed`");
            return null;
        }
        List<Entry> kinds = m.entries().values().stream().filter(e -> KINDS.contains(e.key())).toList();
        if (kinds.size() > 1) {
            issue(kinds.get(1).line(), kinds.get(1).col(), "two condition keys `" + kinds.get(0).key() + "` and `" + kinds.get(1).key() + "` in one map",
                    "put each condition in its own list item under `all:` or `any:`");
            return null;
        }
        if (kinds.isEmpty()) {
            Entry first = m.entries().values().stream().findFirst().orElse(null);
            if (first == null) issue(m, "empty condition", "write one of " + String.join(", ", KINDS));
            else issue(first.line(), first.col(), "unknown condition key `" + first.key() + "`", Spelling.suggest(first.key(), KINDS));
            return null;
        }
        Entry k = kinds.get(0);
        return switch (k.key()) {
            case "all", "any" -> logic(m, k);
            case "not" -> { onlyKeys(m, k, List.of("not")); Condition c = condition(k.value()); yield c == null ? null : new Condition.Not(c); }
            case "trait" -> trait(m, k);
            case "event" -> new EventParser(this).event(m, k);
            case "last", "first" -> new EventParser(this).lastFirst(m, k);
            case "sequence" -> new SequenceParser(this).sequence(m, k);
            case "segment" -> segmentRef(m, k);
            default -> subscribed(m, k);
        };
    }

    private Condition logic(MapNode m, Entry k) {
        onlyKeys(m, k, List.of(k.key()));
        if (!(k.value() instanceof ListNode l) || l.items().isEmpty()) {
            issue(k.value(), "`" + k.key() + "` needs a non-empty list of conditions", "write `" + k.key() + ":` followed by `- condition` items");
            return null;
        }
        List<Condition> cs = new ArrayList<>();
        for (Node item : l.items()) cs.add(condition(item));
        if (cs.contains(null)) return null;
        return k.key().equals("all") ? new Condition.All(cs) : new Condition.Any(cs);
    }

    private Condition trait(MapNode m, Entry k) {
        String path = name(k, "trait path", "trait: plan");
        List<Predicate> preds = new ArrayList<>();
        boolean bad = path == null;
        for (Entry e : m.entries().values()) {
            if (e == k) continue;
            Predicate p = predicate(e);
            if (p == null) bad = true; else preds.add(p);
        }
        if (preds.isEmpty() && !bad) {
            issue(k.line(), k.col(), "`trait: " + path + "` has no operator", "add one, e.g. `equals: gold`, `exists: true` or `within: 30d`");
            return null;
        }
        return bad ? null : new Condition.TraitCond(path, preds);
    }

    /** The text value of a kind key (event name, trait path, segment id). */
    String name(Entry k, String what, String example) {
        if (k.value() instanceof Scalar s && s.value() instanceof String str && !str.isBlank()) return str;
        issue(k.value(), "expected " + what + ", found " + Node.describe(k.value()), "write e.g. `" + example + "`");
        return null;
    }

    /** One operator entry: {@code gte: 100}. Reports unknown operators with a suggestion. */
    Predicate predicate(Entry e) {
        Predicate.Operator op = Predicate.Operator.fromKey(e.key());
        if (op == null) {
            issue(e.line(), e.col(), "unknown operator `" + e.key() + "`", Spelling.suggest(e.key(), Predicate.Operator.keys()));
            return null;
        }
        Node v = e.value();
        Object arg;
        switch (op) {
            case IN, NOT_IN, BETWEEN -> {
                if (!(v instanceof ListNode l) || l.items().isEmpty() || l.items().stream().anyMatch(x -> !(x instanceof Scalar s) || s.value() == null)
                        || (op == Predicate.Operator.BETWEEN && l.items().size() != 2)) {
                    issue(v, "`" + op.key + "` needs " + (op == Predicate.Operator.BETWEEN ? "a list of two values" : "a list of values") + ", found " + Node.describe(v),
                            op == Predicate.Operator.BETWEEN ? "write e.g. `between: [10, 100]`" : "write e.g. `" + op.key + ": [gold, silver]`");
                    return null;
                }
                arg = Node.plain(v);
            }
            case EXISTS -> {
                if (!(v instanceof Scalar s) || !(s.value() instanceof Boolean b)) {
                    issue(v, "`exists` needs true or false, found " + Node.describe(v), "write `exists: true`");
                    return null;
                }
                arg = b;
            }
            case BEFORE, AFTER -> {
                Scalars.Parsed<Instant> p = Scalars.instant(v);
                if (p.error() != null) { issue(v, p.error(), p.hint()); return null; }
                arg = p.value();
            }
            case WITHIN, OLDER_THAN, IN_NEXT -> {
                Scalars.Parsed<Duration> p = Scalars.duration(v);
                if (p.error() != null) { issue(v, p.error(), p.hint()); return null; }
                arg = p.value();
            }
            default -> {
                if (!(v instanceof Scalar s) || s.value() == null) {
                    issue(v, "`" + op.key + "` needs a single value, found " + Node.describe(v),
                            v instanceof ListNode ? "to match any of several values use `in: [...]`" : "write e.g. `" + op.key + ": 100`");
                    return null;
                }
                arg = s.value();
            }
        }
        return new Predicate(op, arg);
    }

    /** {@code where: {path: value | {op: arg, ...}}}; all entries must hold. */
    List<Condition.PropFilter> where(MapNode m) {
        Entry w = m.entries().get("where");
        if (w == null) return List.of();
        if (!(w.value() instanceof MapNode wm) || wm.entries().isEmpty()) {
            issue(w.value(), "`where` needs a map from property to value or operators, found " + Node.describe(w.value()), "write e.g. `where: {category: shoes, revenue: {gte: 100}}`");
            return null;
        }
        List<Condition.PropFilter> out = new ArrayList<>();
        boolean bad = false;
        for (Entry e : wm.entries().values()) {
            if (e.value() instanceof MapNode ops) {
                if (ops.entries().isEmpty()) { issue(ops, "empty operator map for `" + e.key() + "`", "write e.g. `" + e.key() + ": {gte: 100}`"); bad = true; }
                for (Entry o : ops.entries().values()) {
                    Predicate p = predicate(o);
                    if (p != null && p.op().relative()) {
                        // Event filters are decided once, when the event arrives; a relative date would change with time.
                        issue(o.line(), o.col(), "relative date operator `" + o.key() + "` in `where`", "use `before`/`after` with an instant in event filters; relative dates work on traits");
                        p = null;
                    }
                    if (p == null) bad = true; else out.add(new Condition.PropFilter(e.key(), p));
                }
            } else if (e.value() instanceof Scalar s && s.value() != null) {
                out.add(new Condition.PropFilter(e.key(), new Predicate(Predicate.Operator.EQUALS, s.value())));
            } else {
                issue(e.value(), "`" + e.key() + "` needs a value or an operator map, found " + Node.describe(e.value()),
                        e.value() instanceof ListNode ? "to match any of several values write `" + e.key() + ": {in: [...]}`" : "write e.g. `" + e.key() + ": {exists: false}`");
                bad = true;
            }
        }
        return bad ? null : out;
    }

    /** Reports keys of {@code m} outside {@code allowed}, with a suggestion. */
    void onlyKeys(MapNode m, Entry kind, List<String> allowed) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                issue(e.line(), e.col(), "unknown key `" + e.key() + "` in a `" + kind.key() + "` condition", Spelling.suggest(e.key(), allowed));
            }
        }
    }

    Duration duration(Entry e) {
        Scalars.Parsed<Duration> p = Scalars.duration(e.value());
        if (p.error() != null) issue(e.value(), p.error(), p.hint());
        return p.value();
    }

    private Condition segmentRef(MapNode m, Entry k) {
        onlyKeys(m, k, List.of("segment", "for"));
        int before = issues.size();
        String id = name(k, "a segment id", "segment: engaged-30d");
        Entry f = m.entries().get("for");
        Duration d = f == null ? null : duration(f);
        if (issues.size() > before) return null;
        return new Condition.SegmentRef(id, d, k.value().line(), k.value().col());
    }

    private Condition subscribed(MapNode m, Entry k) {
        onlyKeys(m, k, List.of("subscribed"));
        if (k.value() instanceof Scalar s && "email".equals(s.value())) return new Condition.Subscribed("email");
        issue(k.value(), "unknown channel " + Node.describe(k.value()) + " for `subscribed`", "only `subscribed: email` exists today");
        return null;
    }
}
