package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Embedding;
import dev.nudge.core.segment.lang.Issue;
import dev.nudge.core.segment.lang.Node;
import dev.nudge.core.segment.lang.Node.Entry;
import dev.nudge.core.segment.lang.Node.ListNode;
import dev.nudge.core.segment.lang.Node.MapNode;
import dev.nudge.core.segment.lang.Node.Scalar;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parse and check: YAML or JSON text → {@link FlowDefinition}, collecting every issue with its
 * line, column, a caret and a hint (the segment language's {@link Issue}). Never throws on bad
 * input. Conditions are parsed by the segment language ({@link Embedding}), so they mean exactly
 * what they mean in a segment. Steps are parsed by {@link StepParser}; limits are there.
 */
public final class FlowParser {
    static final List<String> ROOT_KEYS = List.of("id", "name", "description", "trigger", "key", "entry", "re_entry", "exit_when", "goal", "holdout", "on_capped", "steps");
    static final List<String> TRIGGER_KINDS = List.of("event", "segment_entered", "segment_exited", "date", "api");
    private static final Pattern LOCAL_TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)\\s*%");

    final Embedding lang;
    final FlowContext context;
    private Trigger trigger;
    private String key;

    private FlowParser(String source, String text, FlowContext context) {
        this.lang = new Embedding(source, text, new ArrayList<>());
        this.context = context == null ? FlowContext.NONE : context;
    }

    public static FlowParseResult parse(String source, String text, FlowContext context) {
        FlowParser p = new FlowParser(source, text == null ? "" : text, context);
        FlowDefinition d = p.root();
        return p.lang.issues().isEmpty() ? new FlowParseResult(d, List.of()) : new FlowParseResult(null, p.lang.issues());
    }

    /**
     * Whether {@code text} is a flow rather than a segment: its top level is a map with a
     * {@code trigger} or {@code steps} key (a segment has neither). Text that is not well-formed is no flow.
     */
    public static boolean isFlow(String text) {
        Node root = new Embedding("", text == null ? "" : text, new ArrayList<>()).read();
        return root instanceof MapNode m && (m.entries().containsKey("trigger") || m.entries().containsKey("steps"));
    }

    int issues() {
        return lang.issues().size();
    }

    void issue(Node n, String message, String hint) {
        lang.issue(n, message, hint);
    }

    void issue(Entry e, String message, String hint) {
        lang.issue(e.line(), e.col(), message, hint);
    }

    private FlowDefinition root() {
        if (lang.text().isBlank()) {
            lang.issue(1, 1, "the flow is empty", "write a map with `id`, `trigger` and `steps`");
            return null;
        }
        Node root = lang.read();
        if (root == null) return null;
        if (!(root instanceof MapNode m)) {
            issue(root, "a flow must be a map, found " + Node.describe(root), "write `id:`, `trigger:` and `steps:` keys");
            return null;
        }
        for (Entry e : m.entries().values()) {
            if (!ROOT_KEYS.contains(e.key())) issue(e, "unknown key `" + e.key() + "` in a flow", Embedding.suggest(e.key(), ROOT_KEYS));
        }
        String id = text(m, "id", true);
        if (id != null && !FlowDefinition.ID.matcher(id).matches()) {
            issue(m.entries().get("id").value(), "bad flow id `" + id + "`", "use letters, digits, '-', '_' or '.', e.g. `abandoned-checkout`");
            id = null;
        }
        String name = text(m, "name", false);
        String description = text(m, "description", false);
        Entry t = m.entries().get("trigger");
        if (t == null) issue(m, "missing `trigger`", "add e.g. `trigger: {event: Checkout Started}`");
        else trigger = trigger(t);
        Entry k = m.entries().get("key");
        if (k != null) {
            key = text(m, "key", false);
            if (key != null && trigger != null && !(trigger instanceof Trigger.EventTrigger)) {
                issue(k, "`key` needs an event trigger", "`key` names a property of the trigger event; remove it, or trigger on an event");
            }
        }
        Entry en = m.entries().get("entry");
        Condition entry = en == null ? null : condition(en.value());
        ReEntry reEntry = reEntry(m.entries().get("re_entry"));
        List<Awaited> exitWhen = exitWhen(m.entries().get("exit_when"));
        Goal goal = goal(m.entries().get("goal"));
        double holdout = holdout(m.entries().get("holdout"));
        FlowDefinition.OnCapped onCapped = onCapped(m.entries().get("on_capped"));
        Entry s = m.entries().get("steps");
        List<Step> steps = null;
        if (s == null) issue(m, "missing `steps`", "add `steps:` with a list, e.g. `- send: welcome`");
        else steps = new StepParser(this).top(s.value());
        if (issues() > 0) return null;
        return new FlowDefinition(id, name, description, trigger, key, entry, reEntry, exitWhen, goal, holdout, onCapped, steps);
    }

    String text(MapNode m, String key, boolean required) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (required) issue(m, "missing `" + key + "`", "add `" + key + ": ...` at the top level");
            return null;
        }
        if (e.value() instanceof Scalar s && s.value() instanceof String str && !str.isBlank()) return str;
        issue(e.value(), "`" + key + "` must be text, found " + Node.describe(e.value()), "write `" + key + ": some-text`");
        return null;
    }

    /** Reports keys of {@code m} outside {@code allowed} with a suggestion. */
    void onlyKeys(MapNode m, String what, List<String> allowed) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) issue(e, "unknown key `" + e.key() + "` in " + what, Embedding.suggest(e.key(), allowed));
        }
    }

    /**
     * A segment-language condition; {@code segment:} references are checked against the context here,
     * then their positions dropped, so the YAML and JSON forms of a flow give equal definitions.
     */
    Condition condition(Node n) {
        Condition c = lang.condition(n);
        if (c == null) return null;
        checkSegmentRefs(c);
        return withoutPositions(c);
    }

    private static Condition withoutPositions(Condition c) {
        return switch (c) {
            case Condition.All a -> new Condition.All(a.of().stream().map(FlowParser::withoutPositions).toList());
            case Condition.Any a -> new Condition.Any(a.of().stream().map(FlowParser::withoutPositions).toList());
            case Condition.Not n -> new Condition.Not(withoutPositions(n.condition()));
            case Condition.SegmentRef r -> new Condition.SegmentRef(r.id(), r.forDuration(), 0, 0);
            default -> c;
        };
    }

    private void checkSegmentRefs(Condition c) {
        switch (c) {
            case Condition.All a -> a.of().forEach(this::checkSegmentRefs);
            case Condition.Any a -> a.of().forEach(this::checkSegmentRefs);
            case Condition.Not n -> checkSegmentRefs(n.condition());
            case Condition.SegmentRef r -> {
                if (!segmentKnown(r.id())) lang.issue(r.line(), r.col(), "unknown segment `" + r.id() + "`", segmentHint(r.id()));
            }
            default -> { }
        }
    }

    private boolean segmentKnown(String id) {
        return context.segments() == null || context.segments().contains(id);
    }

    private String segmentHint(String id) {
        String near = Embedding.closest(id, context.segments());
        return near != null ? "did you mean `" + near + "`?" : "define segment `" + id + "` or use one of the catalog's segment ids";
    }

    private Trigger trigger(Entry t) {
        if (!(t.value() instanceof MapNode m)) {
            if (t.value() instanceof Scalar s && s.value() instanceof String str) {
                issue(t.value(), "`trigger` must be a map, found " + Node.describe(t.value()), "write e.g. `trigger: {event: " + str + "}`");
            } else {
                issue(t.value(), "`trigger` must be a map, found " + Node.describe(t.value()), "write one of " + String.join(", ", TRIGGER_KINDS));
            }
            return null;
        }
        List<Entry> kinds = m.entries().values().stream().filter(e -> TRIGGER_KINDS.contains(e.key())).toList();
        if (kinds.size() > 1) {
            issue(kinds.get(1), "two trigger kinds `" + kinds.get(0).key() + "` and `" + kinds.get(1).key() + "`",
                    "a flow has exactly one trigger; make a second flow for the other one");
            return null;
        }
        if (kinds.isEmpty()) {
            Entry first = m.entries().values().stream().findFirst().orElse(null);
            if (first == null) issue(m, "empty trigger", "write one of " + String.join(", ", TRIGGER_KINDS));
            else issue(first, "unknown trigger kind `" + first.key() + "`", Embedding.suggest(first.key(), TRIGGER_KINDS));
            return null;
        }
        Entry k = kinds.get(0);
        int before = issues();
        Trigger out = switch (k.key()) {
            case "event" -> {
                onlyKeys(m, "an event trigger", List.of("event", "where"));
                String name = name(k, "an event name", "event: Checkout Started");
                List<Condition.PropFilter> where = lang.where(m);
                yield name == null || where == null ? null : new Trigger.EventTrigger(name, where);
            }
            case "segment_entered", "segment_exited" -> {
                onlyKeys(m, "a segment trigger", List.of(k.key(), "include_backfill"));
                String id = name(k, "a segment id", k.key() + ": vip");
                if (id != null && !segmentKnown(id)) issue(k.value(), "unknown segment `" + id + "`", segmentHint(id));
                Entry b = m.entries().get("include_backfill");
                boolean backfill = b != null && bool(b);
                yield id == null ? null : new Trigger.SegmentTrigger(k.key().equals("segment_entered"), id, backfill);
            }
            case "date" -> date(k);
            default -> {
                onlyKeys(m, "an api trigger", List.of("api"));
                if (!(k.value() instanceof Scalar s && Boolean.TRUE.equals(s.value()))) {
                    issue(k.value(), "`api` must be `true`, found " + Node.describe(k.value()), "write `api: true`");
                    yield null;
                }
                yield new Trigger.ApiTrigger();
            }
        };
        return issues() > before ? null : out;
    }

    private Trigger date(Entry k) {
        if (!(k.value() instanceof MapNode dm)) {
            issue(k.value(), "`date` needs a map, found " + Node.describe(k.value()), "write e.g. `date: {trait: birthday, at: \"10:00\", every: year}`");
            return null;
        }
        onlyKeys(dm, "a date trigger", List.of("trait", "at", "every"));
        String trait = text(dm, "trait", false);
        if (trait == null && !dm.entries().containsKey("trait")) issue(dm, "a date trigger needs `trait`", "add e.g. `trait: birthday` (a date trait)");
        Entry at = dm.entries().get("at");
        LocalTime time = at == null ? LocalTime.of(9, 0) : localTime(at.value());
        Entry ev = dm.entries().get("every");
        Trigger.Every every = Trigger.Every.YEAR;
        if (ev != null) {
            every = null;
            for (Trigger.Every e : Trigger.Every.values()) if (ev.value() instanceof Scalar s && e.key.equals(s.value())) every = e;
            if (every == null) issue(ev.value(), "unknown `every` " + Node.describe(ev.value()), "write `every: year` (each year on the date) or `every: once` (on the date itself)");
        }
        return trait == null || time == null || every == null ? null : new Trigger.DateTrigger(trait, time, every);
    }

    String name(Entry k, String what, String example) {
        if (k.value() instanceof Scalar s && s.value() instanceof String str && !str.isBlank()) return str;
        issue(k.value(), "expected " + what + ", found " + Node.describe(k.value()), "write e.g. `" + example + "`");
        return null;
    }

    boolean bool(Entry e) {
        if (e.value() instanceof Scalar s && s.value() instanceof Boolean b) return b;
        issue(e.value(), "`" + e.key() + "` must be true or false, found " + Node.describe(e.value()), "write `" + e.key() + ": true`");
        return false;
    }

    /** A local time {@code HH:MM} (24-hour), or null after an issue. */
    LocalTime localTime(Node n) {
        if (n instanceof Scalar s && s.value() instanceof String str) {
            Matcher mt = LOCAL_TIME.matcher(str.trim());
            if (mt.matches()) return LocalTime.of(Integer.parseInt(mt.group(1)), Integer.parseInt(mt.group(2)));
        }
        String hint = n instanceof Scalar s && s.value() instanceof Number
                ? "quote it: YAML reads an unquoted 10:00 as a number; write `\"10:00\"`"
                : "write a 24-hour local time `HH:MM` in quotes, e.g. `\"09:00\"`";
        issue(n, "bad local time " + Node.describe(n), hint);
        return null;
    }

    Duration duration(Node n) {
        return lang.duration(n);
    }

    private ReEntry reEntry(Entry e) {
        if (e == null) return ReEntry.NEVER;
        if (e.value() instanceof Scalar s && "never".equals(s.value())) return ReEntry.NEVER;
        if (e.value() instanceof Scalar s && "always".equals(s.value())) return ReEntry.ALWAYS;
        if (e.value() instanceof MapNode m && m.entries().containsKey("after")) {
            onlyKeys(m, "`re_entry`", List.of("after"));
            Duration d = duration(m.entries().get("after").value());
            return d == null ? null : ReEntry.after(d);
        }
        String hint = e.value() instanceof Scalar s && s.value() instanceof String str && Embedding.closest(str, List.of("never", "always")) != null
                ? Embedding.suggest(str, List.of("never", "always"))
                : "write `never` (the default), `always`, or `{after: 30d}`";
        issue(e.value(), "bad `re_entry` " + Node.describe(e.value()), hint);
        return null;
    }

    private List<Awaited> exitWhen(Entry e) {
        if (e == null) return List.of();
        List<Node> items = e.value() instanceof ListNode l ? l.items() : List.of(e.value());
        if (items.isEmpty()) {
            issue(e.value(), "`exit_when` is an empty list", "remove it, or list events and conditions that end the run");
            return List.of();
        }
        List<Awaited> out = new ArrayList<>();
        for (Node n : items) {
            Awaited a = awaited(n, "an `exit_when` item", List.of());
            if (a != null) out.add(a);
        }
        return out;
    }

    private Goal goal(Entry e) {
        if (e == null) return null;
        Awaited a = awaited(e.value(), "`goal`", List.of("within"));
        Duration within = null;
        if (e.value() instanceof MapNode m && m.entries().containsKey("within")) within = duration(m.entries().get("within").value());
        return a == null ? null : new Goal(a, within);
    }

    /**
     * {@code {event: NAME, where?, same?}} or {@code {condition: CONDITION}}, plus {@code extra}
     * keys the caller reads itself.
     */
    Awaited awaited(Node n, String what, List<String> extra) {
        if (!(n instanceof MapNode m)) {
            issue(n, what + " must be a map, found " + Node.describe(n), "write `{event: NAME}` or `{condition: CONDITION}`");
            return null;
        }
        Entry ev = m.entries().get("event");
        Entry c = m.entries().get("condition");
        if ((ev == null) == (c == null)) {
            if (ev != null) issue(c, what + " has both `event` and `condition`", "keep one; to combine, write `condition: {all: [...]}`");
            else issue(n, what + " needs `event:` or `condition:`", m.entries().isEmpty() ? "write e.g. `event: Order Completed`"
                    : Embedding.suggest(m.entries().keySet().iterator().next(), List.of("event", "condition")));
            return null;
        }
        List<String> allowed = new ArrayList<>(extra);
        if (c != null) {
            allowed.add("condition");
            onlyKeys(m, what, allowed);
            Condition cond = condition(c.value());
            return cond == null ? null : new Awaited.When(cond);
        }
        allowed.addAll(List.of("event", "where", "same"));
        onlyKeys(m, what, allowed);
        int before = issues();
        String name = name(ev, "an event name", "event: Order Completed");
        List<Condition.PropFilter> where = lang.where(m);
        List<String> same = same(m.entries().get("same"));
        if (issues() > before) return null;
        return new Awaited.OnEvent(new EventMatch(name, where, same));
    }

    /** {@code same: [PROP, ...]}: only an event trigger has properties to correlate with. */
    private List<String> same(Entry s) {
        if (s == null) return List.of();
        List<String> props;
        if (s.value() instanceof Scalar sc && sc.value() instanceof String str) props = List.of(str);
        else if (s.value() instanceof ListNode sl && !sl.items().isEmpty() && sl.items().stream().allMatch(x -> x instanceof Scalar xs && xs.value() instanceof String)) {
            props = sl.items().stream().map(x -> ((Scalar) x).text()).toList();
        } else {
            issue(s.value(), "`same` needs a list of property names, found " + Node.describe(s.value()), "write e.g. `same: [checkout_id]`");
            return null;
        }
        if (trigger != null && !(trigger instanceof Trigger.EventTrigger)) {
            issue(s, "`same: [" + String.join(", ", props) + "]` needs an event trigger: a " + triggerKind(trigger) + " trigger has no properties",
                    "remove `same`, or trigger the flow on the event that carries " + (props.size() == 1 ? "`" + props.get(0) + "`" : "those properties"));
            return null;
        }
        return props;
    }

    private static String triggerKind(Trigger t) {
        return switch (t) {
            case Trigger.EventTrigger e -> "event";
            case Trigger.SegmentTrigger s -> s.entered() ? "segment_entered" : "segment_exited";
            case Trigger.DateTrigger d -> "date";
            case Trigger.ApiTrigger a -> "api";
        };
    }

    private double holdout(Entry e) {
        if (e == null) return 0;
        if (e.value() instanceof Scalar s && s.value() instanceof String str) {
            Matcher mt = PERCENT.matcher(str.trim());
            if (mt.matches()) {
                double v = Double.parseDouble(mt.group(1));
                if (v <= 100) return v;
                issue(e.value(), "holdout `" + str + "` is above 100%", "write a percentage from 0% to 100%, e.g. `10%`");
                return 0;
            }
        }
        String hint = e.value() instanceof Scalar s && s.value() instanceof Number num
                ? "write it as a percentage, e.g. `" + (num.doubleValue() <= 1 ? trim(num.doubleValue() * 100) : trim(num.doubleValue())) + "%`; a bare number could be a fraction or a percentage"
                : "write a percentage from 0% to 100%, e.g. `10%`";
        issue(e.value(), "bad holdout " + Node.describe(e.value()), hint);
        return 0;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private FlowDefinition.OnCapped onCapped(Entry e) {
        if (e == null) return FlowDefinition.OnCapped.DELAY;
        if (e.value() instanceof Scalar s && "delay".equals(s.value())) return FlowDefinition.OnCapped.DELAY;
        if (e.value() instanceof Scalar s && "skip".equals(s.value())) return FlowDefinition.OnCapped.SKIP;
        String hint = e.value() instanceof Scalar s && s.value() instanceof String str && Embedding.closest(str, List.of("delay", "skip")) != null
                ? Embedding.suggest(str, List.of("delay", "skip")) : "write `delay` (the default: send once the cap allows) or `skip`";
        issue(e.value(), "bad `on_capped` " + Node.describe(e.value()), hint);
        return null;
    }

    /** Checks a template name against the context (skipped when the context knows no templates). */
    void checkTemplate(Node n, String template) {
        Set<String> known = context.templates();
        if (known == null || known.contains(template)) return;
        String near = Embedding.closest(template, known);
        issue(n, "unknown template `" + template + "`", near != null ? "did you mean `" + near + "`?"
                : known.isEmpty() ? "no templates are defined; add " + template + ".liquid to the templates folder" : "add " + template + ".liquid to the templates folder, or use one of: " + String.join(", ", new java.util.TreeSet<>(known)));
    }
}
