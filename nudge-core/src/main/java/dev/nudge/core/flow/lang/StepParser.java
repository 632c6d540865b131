package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Embedding;
import dev.nudge.core.segment.lang.Node;
import dev.nudge.core.segment.lang.Node.Entry;
import dev.nudge.core.segment.lang.Node.ListNode;
import dev.nudge.core.segment.lang.Node.MapNode;
import dev.nudge.core.segment.lang.Node.Scalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code steps:} lists. Each step is a map with exactly one kind key (and an optional
 * {@code id:}), or the bare word {@code exit}. Steps get their path as id unless they carry one;
 * ids must be unique in the flow. A step after one that always exits (an {@code exit}; a branch,
 * split or wait_for whose every path exits) can never run and is refused. Limits (STYLE.md §5):
 * {@link #MAX_STEPS} steps per flow, {@link #MAX_NESTING} nested step lists, {@link #MAX_ARMS} arms
 * per split, {@link #MAX_TRAITS} traits per set_trait.
 */
final class StepParser {
    static final List<String> KINDS = List.of("wait", "send", "wait_for", "branch", "split", "set_trait", "webhook", "exit");
    /** Most steps in one flow; a longer sequence is better split into flows triggered by each other's segments. */
    static final int MAX_STEPS = 200;
    /** Most nested step lists (a branch in a split in a wait_for ...). */
    static final int MAX_NESTING = 8;
    static final int MAX_ARMS = 10;
    static final int MAX_TRAITS = 50;
    private static final Pattern ARM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private final FlowParser p;
    /** Step id → the node that declared it, for duplicate detection. */
    private final Map<String, Node> ids = new HashMap<>();
    private int count;

    StepParser(FlowParser p) {
        this.p = p;
    }

    List<Step> top(Node n) {
        return list(n, "", 1, "steps");
    }

    /** A list of steps whose ids are {@code prefix + index}; null after an issue. */
    private List<Step> list(Node n, String prefix, int depth, String what) {
        if (!(n instanceof ListNode l) || l.items().isEmpty()) {
            p.issue(n, "`" + what + "` needs a non-empty list of steps, found " + Node.describe(n), "write `" + what + ":` followed by `- send: TEMPLATE` style items");
            return null;
        }
        if (depth > MAX_NESTING) {
            p.issue(n, "steps nested deeper than " + MAX_NESTING + " levels", "flatten the branches, or split the flow into flows that trigger each other");
            return null;
        }
        List<Step> out = new ArrayList<>();
        boolean bad = false;
        Step exiting = null;
        for (int i = 0; i < l.items().size(); i++) {
            Node item = l.items().get(i);
            if (++count > MAX_STEPS) {
                if (count == MAX_STEPS + 1) p.issue(item, "more than " + MAX_STEPS + " steps in one flow", "split it into flows that trigger each other (e.g. through a segment)");
                return null;
            }
            Step s = step(item, prefix + i, depth);
            if (s == null) { bad = true; continue; }
            if (exiting != null) {
                p.issue(item, "step `" + s.id() + "` is unreachable: step `" + exiting.id() + "` before it always exits",
                        exiting instanceof Step.Exit ? "remove it, or move it before the `exit`"
                                : "every path of step `" + exiting.id() + "` ends in `exit`; remove this step or let one path continue");
                bad = true;
                exiting = null; // once per list
            } else if (out.stream().noneMatch(StepParser::alwaysExits) && alwaysExits(s)) {
                exiting = s;
            }
            out.add(s);
        }
        return bad ? null : out;
    }

    static boolean alwaysExits(Step s) {
        return switch (s) {
            case Step.Exit e -> true;
            case Step.Branch b -> exits(b.then()) && exits(b.otherwise());
            case Step.Split sp -> sp.arms().stream().allMatch(a -> exits(a.steps()));
            case Step.WaitFor w -> exits(w.onEvent()) && exits(w.onTimeout());
            default -> false;
        };
    }

    private static boolean exits(List<Step> steps) {
        return steps.stream().anyMatch(StepParser::alwaysExits);
    }

    private Step step(Node n, String path, int depth) {
        if (n instanceof Scalar s && "exit".equals(s.value())) return new Step.Exit(claim(path, n), "exit");
        if (!(n instanceof MapNode m)) {
            String hint = n instanceof Scalar s && s.value() instanceof String str && Embedding.closest(str, KINDS) != null
                    ? "a step is a map like `- " + Embedding.closest(str, KINDS) + ": ...`; only `exit` stands alone"
                    : "write one of " + String.join(", ", KINDS) + ", e.g. `- send: welcome`";
            p.issue(n, "expected a step (a map), found " + Node.describe(n), hint);
            return null;
        }
        List<Entry> kinds = m.entries().values().stream().filter(e -> KINDS.contains(e.key())).toList();
        for (Entry e : m.entries().values()) {
            if (!KINDS.contains(e.key()) && !e.key().equals("id")) {
                List<String> allowed = new ArrayList<>(KINDS);
                allowed.add("id");
                p.issue(e, "unknown key `" + e.key() + "` in a step", Embedding.suggest(e.key(), allowed));
            }
        }
        if (kinds.size() > 1) {
            p.issue(kinds.get(1), "two step kinds `" + kinds.get(0).key() + "` and `" + kinds.get(1).key() + "` in one step", "put each in its own list item (`- ...`)");
            return null;
        }
        if (kinds.isEmpty()) {
            if (m.entries().keySet().stream().allMatch(k -> k.equals("id"))) p.issue(m, "a step needs a kind", "write one of " + String.join(", ", KINDS));
            return null;
        }
        String id = path;
        Entry idEntry = m.entries().get("id");
        if (idEntry != null) {
            if (idEntry.value() instanceof Scalar s && s.value() instanceof String str && Step.ID.matcher(str).matches()) id = str;
            else {
                p.issue(idEntry.value(), "bad step id " + Node.describe(idEntry.value()), "use letters, digits, '-', '_' or '.', e.g. `first-reminder`");
                return null;
            }
        }
        id = claim(id, idEntry != null ? idEntry.value() : n);
        if (id == null) return null;
        Entry k = kinds.get(0);
        int before = p.issues();
        Step s = switch (k.key()) {
            case "wait" -> waitStep(id, k);
            case "send" -> send(id, k);
            case "wait_for" -> waitFor(id, k, path, depth);
            case "branch" -> branch(id, k, path, depth);
            case "split" -> split(id, k, path, depth);
            case "set_trait" -> setTrait(id, k);
            case "webhook" -> webhook(id, k);
            default -> exit(id, k);
        };
        return p.issues() > before ? null : s;
    }

    /** Registers a step id; null after a duplicate. */
    private String claim(String id, Node at) {
        Node prev = ids.putIfAbsent(id, at);
        if (prev == null) return id;
        p.issue(at, "duplicate step id `" + id + "` (also at line " + prev.line() + ")",
                "step ids must be unique in a flow: reports and idempotency keys use them; rename one");
        return null;
    }

    private Step waitStep(String id, Entry k) {
        if (k.value() instanceof MapNode m) {
            p.onlyKeys(m, "`wait`", List.of("until"));
            Entry u = m.entries().get("until");
            if (u == null) {
                p.issue(m, "`wait` as a map needs `until`", "write `wait: {until: \"09:00\"}` (the next such local time) or `wait: 1h`");
                return null;
            }
            LocalTime t = p.localTime(u.value());
            return t == null ? null : new Step.Wait(id, null, t);
        }
        Duration d = p.duration(k.value());
        return d == null ? null : new Step.Wait(id, d, null);
    }

    private Step send(String id, Entry k) {
        Node at = k.value();
        String template;
        boolean transactional = false;
        if (k.value() instanceof MapNode m) {
            p.onlyKeys(m, "`send`", List.of("template", "transactional"));
            Entry t = m.entries().get("template");
            if (t == null) { p.issue(m, "`send` needs `template`", "write `send: {template: NAME}` or `send: NAME`"); return null; }
            at = t.value();
            template = p.name(t, "a template name", "template: cart-reminder-1");
            Entry tr = m.entries().get("transactional");
            if (tr != null) transactional = p.bool(tr);
        } else {
            template = p.name(k, "a template name", "send: cart-reminder-1");
        }
        if (template == null) return null;
        p.checkTemplate(at, template);
        return new Step.Send(id, template, transactional);
    }

    private Step waitFor(String id, Entry k, String path, int depth) {
        if (!(k.value() instanceof MapNode m)) {
            p.issue(k.value(), "`wait_for` needs a map, found " + Node.describe(k.value()), "write e.g. `wait_for: {event: Order Completed, within: 1d, on_timeout: [...]}`");
            return null;
        }
        Awaited a = p.awaited(m, "`wait_for`", List.of("within", "on_event", "on_timeout"));
        Entry w = m.entries().get("within");
        Duration within = null;
        if (w == null) p.issue(k, "`wait_for` needs `within`", "add e.g. `within: 1d`: how long to wait before `on_timeout`");
        else within = p.duration(w.value());
        List<Step> onEvent = branchList(m, "on_event", path, depth);
        List<Step> onTimeout = branchList(m, "on_timeout", path, depth);
        if (a == null || within == null || onEvent == null || onTimeout == null) return null;
        return new Step.WaitFor(id, a, within, onEvent, onTimeout);
    }

    /** An optional nested list under {@code key}: absent → empty; ids {@code path.key.i}. */
    private List<Step> branchList(MapNode m, String key, String path, int depth) {
        Entry e = m.entries().get(key);
        if (e == null) return List.of();
        return list(e.value(), path + "." + key + ".", depth + 1, key);
    }

    private Step branch(String id, Entry k, String path, int depth) {
        if (!(k.value() instanceof MapNode m)) {
            p.issue(k.value(), "`branch` needs a map, found " + Node.describe(k.value()), "write `branch: {if: CONDITION, then: [...], else: [...]}`");
            return null;
        }
        p.onlyKeys(m, "`branch`", List.of("if", "then", "else"));
        Entry i = m.entries().get("if");
        Condition c = null;
        if (i == null) p.issue(m, "`branch` needs `if`", "add `if:` with a condition, e.g. `if: {trait: plan, equals: gold}`");
        else c = p.condition(i.value());
        Entry t = m.entries().get("then");
        if (t == null) p.issue(m, "`branch` needs `then`", "add `then:` with the steps for when the condition holds");
        List<Step> then = t == null ? null : branchList(m, "then", path, depth);
        List<Step> otherwise = branchList(m, "else", path, depth);
        if (c == null || then == null || otherwise == null) return null;
        return new Step.Branch(id, c, then, otherwise);
    }

    private Step split(String id, Entry k, String path, int depth) {
        if (!(k.value() instanceof ListNode l) || l.items().size() < 2) {
            p.issue(k.value(), "`split` needs a list of at least two arms, found " + Node.describe(k.value()), "write `split: [{name: A, weight: 50, steps: [...]}, {name: B, weight: 50, steps: [...]}]`");
            return null;
        }
        if (l.items().size() > MAX_ARMS) {
            p.issue(k.value(), "`split` has " + l.items().size() + " arms; at most " + MAX_ARMS + " are allowed", "fewer arms reach significance sooner; merge some");
            return null;
        }
        List<Step.Arm> arms = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        boolean bad = false;
        int sum = 0;
        for (Node item : l.items()) {
            if (!(item instanceof MapNode am)) {
                p.issue(item, "a split arm must be a map, found " + Node.describe(item), "write `{name: A, weight: 50, steps: [...]}`");
                bad = true;
                continue;
            }
            p.onlyKeys(am, "a split arm", List.of("name", "weight", "steps"));
            int before = p.issues();
            String name = p.text(am, "name", false);
            if (name == null && !am.entries().containsKey("name")) p.issue(am, "a split arm needs `name`", "add e.g. `name: A`; reports are per arm");
            else if (name != null && !ARM_NAME.matcher(name).matches()) { p.issue(am.entries().get("name").value(), "bad arm name `" + name + "`", "use letters, digits, '-' or '_' (it becomes part of step ids)"); name = null; }
            else if (name != null && names.putIfAbsent(name, am) != null) { p.issue(am.entries().get("name").value(), "duplicate arm name `" + name + "`", "give each arm its own name"); name = null; }
            Entry w = am.entries().get("weight");
            int weight = 0;
            if (w == null) p.issue(am, "a split arm needs `weight`", "add e.g. `weight: 50`; the weights sum to 100");
            else if (w.value() instanceof Scalar s && s.value() instanceof Long v && v > 0 && v <= 100) weight = v.intValue();
            else p.issue(w.value(), "bad weight " + Node.describe(w.value()), "write a whole number from 1 to 100; the weights of a split sum to 100");
            sum += weight;
            Entry st = am.entries().get("steps");
            List<Step> steps = null;
            if (st == null) p.issue(am, "a split arm needs `steps`", "add `steps:` with the arm's steps");
            else if (name != null) steps = list(st.value(), path + "." + name + ".", depth + 1, "steps");
            if (p.issues() > before || steps == null) { bad = true; continue; }
            arms.add(new Step.Arm(name, weight, steps));
        }
        if (!bad && sum != 100) {
            p.issue(k.value(), "split weights sum to " + sum + ", not 100", "make the weights percentages that add up to 100, e.g. 50 and 50");
            return null;
        }
        return bad ? null : new Step.Split(id, arms);
    }

    private Step setTrait(String id, Entry k) {
        if (!(k.value() instanceof MapNode m) || m.entries().isEmpty()) {
            p.issue(k.value(), "`set_trait` needs a map of traits, found " + (k.value() instanceof MapNode ? "an empty map" : Node.describe(k.value())), "write e.g. `set_trait: {reminded: true}`");
            return null;
        }
        if (m.entries().size() > MAX_TRAITS) {
            p.issue(k.value(), "`set_trait` sets " + m.entries().size() + " traits; at most " + MAX_TRAITS + " are allowed", "set fewer traits per step");
            return null;
        }
        Map<String, Object> traits = new LinkedHashMap<>();
        for (Entry e : m.entries().values()) {
            if (e.key().isBlank() || e.key().startsWith(".") || e.key().endsWith(".") || e.key().contains("..")) {
                p.issue(e, "bad trait path `" + e.key() + "`", "write a dotted path like `address.country`");
            }
            traits.put(e.key(), Node.plain(e.value()));
        }
        return new Step.SetTrait(id, traits);
    }

    private Step webhook(String id, Entry k) {
        if (!(k.value() instanceof MapNode m)) {
            p.issue(k.value(), "`webhook` needs a map, found " + Node.describe(k.value()), "write `webhook: {url: \"https://...\", body: LIQUID}`");
            return null;
        }
        p.onlyKeys(m, "`webhook`", List.of("url", "body"));
        Entry u = m.entries().get("url");
        if (u == null) { p.issue(m, "`webhook` needs `url`", "add e.g. `url: \"https://hooks.example.com/nudge\"`"); return null; }
        String text = p.name(u, "a url", "url: \"https://hooks.example.com/nudge\"");
        String body = m.entries().containsKey("body") ? p.text(m, "body", false) : null;
        if (text == null) return null;
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            p.issue(u.value(), "bad webhook url `" + text + "`: " + e.getReason(), "write an absolute url like `https://hooks.example.com/nudge`");
            return null;
        }
        if (!url.isAbsolute() || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            p.issue(u.value(), "webhook url `" + text + "` is not an absolute http(s) url", "write e.g. `https://hooks.example.com/nudge`");
            return null;
        }
        String why = p.context.allowPrivateWebhooks() ? null : WebhookAddresses.refusal(url.getHost());
        if (why != null) {
            p.issue(u.value(), "webhook url `" + text + "` points at " + why,
                    "webhooks may call only public addresses; allow internal receivers with NUDGE_WEBHOOKS_ALLOW_PRIVATE=1 (names are checked again when called)");
            return null;
        }
        return body == null && m.entries().containsKey("body") ? null : new Step.Webhook(id, url, body);
    }

    private Step exit(String id, Entry k) {
        if (k.value() instanceof Scalar s && s.value() == null) return new Step.Exit(id, "exit");
        String reason = p.name(k, "an exit reason", "exit: converted");
        if (reason != null && !Step.ID.matcher(reason).matches()) {
            p.issue(k.value(), "bad exit reason `" + reason + "`", "use a short word like `converted` or `not-subscribed`: reports count exits by reason");
            return null;
        }
        return reason == null ? null : new Step.Exit(id, reason);
    }
}
