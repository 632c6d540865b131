package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Issue;
import dev.nudge.core.segment.lang.ParseResult;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.core.segment.lang.SegmentParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of segments that may reference each other with {@code segment:}. Building one
 * checks that every reference names a segment of the set and that references have no cycle; the
 * segments are kept in dependency order (a referenced segment before the segments that use it),
 * which is the order engines evaluate them in.
 */
public final class SegmentCatalog {
    private final List<CompiledSegment> ordered;
    private final Map<String, CompiledSegment> byId;
    private final int fingerprint;

    private SegmentCatalog(List<SegmentDefinition> order) {
        List<CompiledSegment> list = new ArrayList<>();
        Map<String, CompiledSegment> map = new LinkedHashMap<>();
        int fp = 17;
        for (SegmentDefinition d : order) {
            CompiledSegment c = new CompiledSegment(list.size(), d);
            list.add(c);
            map.put(d.id(), c);
            fp = 31 * fp + d.id().hashCode();
            // record toString is stable across JVMs (enum hashCodes are not); reference positions are
            // dropped so re-indenting a file does not force every profile to be rebuilt
            fp = 31 * fp + d.where().toString().replaceAll(", line=\\d+, col=\\d+", "").hashCode();
        }
        this.ordered = List.copyOf(list);
        this.byId = map;
        this.fingerprint = fp;
    }

    /** Builds a catalog or throws with every issue listed; use {@link #check} to get the issues instead. */
    public static SegmentCatalog of(List<SegmentDefinition> definitions) {
        List<Issue> issues = new ArrayList<>();
        SegmentCatalog c = build(definitions, issues);
        if (!issues.isEmpty()) throw new IllegalArgumentException(String.join("\n", issues.stream().map(Issue::toString).toList()));
        return c;
    }

    /** Every catalog-level issue: duplicate ids, references to unknown segments, reference cycles. */
    public static List<Issue> check(List<SegmentDefinition> definitions) {
        List<Issue> issues = new ArrayList<>();
        build(definitions, issues);
        return issues;
    }

    /**
     * Every issue of a set of files, parse-level and catalog-level, in file order — what
     * {@code nudge validate DIR} and an API write report. Empty means {@link #parse} will succeed.
     */
    public static List<Issue> validate(Map<String, String> sourcesToText) {
        List<Issue> issues = new ArrayList<>();
        List<SegmentDefinition> defs = new ArrayList<>();
        sourcesToText.forEach((src, text) -> {
            ParseResult r = SegmentParser.parse(src, text);
            if (r.ok()) defs.add(r.definition()); else issues.addAll(r.issues());
        });
        issues.addAll(check(defs));
        return issues;
    }

    /** Parses each (source, text) pair and builds the catalog; throws listing every issue of every file. */
    public static SegmentCatalog parse(Map<String, String> sourcesToText) {
        List<Issue> issues = new ArrayList<>();
        List<SegmentDefinition> defs = new ArrayList<>();
        sourcesToText.forEach((src, text) -> {
            ParseResult r = SegmentParser.parse(src, text);
            if (r.ok()) defs.add(r.definition()); else issues.addAll(r.issues());
        });
        if (issues.isEmpty()) return of(defs);
        throw new IllegalArgumentException(String.join("\n", issues.stream().map(Issue::toString).toList()));
    }

    private static SegmentCatalog build(List<SegmentDefinition> definitions, List<Issue> issues) {
        Map<String, SegmentDefinition> byId = new LinkedHashMap<>();
        for (SegmentDefinition d : definitions) {
            SegmentDefinition prior = byId.putIfAbsent(d.id(), d);
            if (prior != null) {
                issues.add(Issue.at(d.source(), d.text(), 1, 1, "duplicate segment id `" + d.id() + "` (also in " + prior.source() + ")", "give each segment its own id"));
            }
        }
        Map<String, List<Condition.SegmentRef>> refs = new HashMap<>();
        for (SegmentDefinition d : byId.values()) {
            List<Condition.SegmentRef> rs = new ArrayList<>();
            collectRefs(d.where(), rs);
            refs.put(d.id(), rs);
            for (Condition.SegmentRef r : rs) {
                if (!byId.containsKey(r.id())) {
                    String near = closest(r.id(), byId.keySet());
                    issues.add(Issue.at(d.source(), d.text(), r.line(), r.col(), "unknown segment `" + r.id() + "`",
                            near != null ? "did you mean `" + near + "`?" : "define a segment with `id: " + r.id() + "` or fix the reference"));
                }
            }
        }
        // Depth-first topological order; a grey node met again closes a cycle, named in full.
        List<SegmentDefinition> order = new ArrayList<>();
        Map<String, Integer> color = new HashMap<>();
        for (String id : byId.keySet()) visit(id, byId, refs, color, new ArrayList<>(), order, issues);
        return new SegmentCatalog(order);
    }

    private static void visit(String id, Map<String, SegmentDefinition> byId, Map<String, List<Condition.SegmentRef>> refs,
                              Map<String, Integer> color, List<String> path, List<SegmentDefinition> order, List<Issue> issues) {
        Integer c = color.get(id);
        if (c != null && c == 2) return;
        if (c != null && c == 1) return; // reported by the caller that found the back edge
        color.put(id, 1);
        path.add(id);
        SegmentDefinition d = byId.get(id);
        for (Condition.SegmentRef r : refs.get(id)) {
            if (!byId.containsKey(r.id())) continue;
            if (Integer.valueOf(1).equals(color.get(r.id()))) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(r.id()), path.size()));
                cycle.add(r.id());
                issues.add(Issue.at(d.source(), d.text(), r.line(), r.col(), "segment references form a cycle: " + String.join(" → ", cycle),
                        "a segment cannot depend on itself; remove one of these `segment:` references"));
                continue;
            }
            visit(r.id(), byId, refs, color, path, order, issues);
        }
        path.remove(path.size() - 1);
        color.put(id, 2);
        order.add(d);
    }

    static void collectRefs(Condition c, List<Condition.SegmentRef> out) {
        switch (c) {
            case Condition.All a -> a.of().forEach(x -> collectRefs(x, out));
            case Condition.Any a -> a.of().forEach(x -> collectRefs(x, out));
            case Condition.Not n -> collectRefs(n.condition(), out);
            case Condition.SegmentRef r -> out.add(r);
            default -> { }
        }
    }

    private static String closest(String id, java.util.Collection<String> ids) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : ids) {
            int d = levenshtein(id, c);
            if (d < bestD) { bestD = d; best = c; }
        }
        return bestD <= Math.max(1, id.length() / 3) ? best : null;
    }

    private static int levenshtein(String a, String b) {
        int[][] dp = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) dp[i][0] = i;
        for (int j = 0; j <= b.length(); j++) dp[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++)
                dp[i][j] = Math.min(dp[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1), Math.min(dp[i - 1][j], dp[i][j - 1]) + 1);
        return dp[a.length()][b.length()];
    }

    /** Segments in dependency order. */
    public List<CompiledSegment> segments() {
        return ordered;
    }

    /** The segment with this id, or null. */
    public CompiledSegment get(String id) {
        return byId.get(id);
    }

    public int size() {
        return ordered.size();
    }

    /** Identifies this set of definitions; a state built under another fingerprint must be rebuilt. */
    public int fingerprint() {
        return fingerprint;
    }
}
