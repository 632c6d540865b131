package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A catalog compiled for the engine: every stateful condition ({@link Leaf}) once — identical
 * conditions in different segments share one leaf and one state — an index from event name to
 * the leaves that mention it, and for each segment its compiled {@link Expr}, its leaves, whether
 * it reads traits, and the segments that (transitively) reference it.
 */
final class Plan {
    final SegmentCatalog catalog;
    final Leaf[] leaves;
    final Map<String, int[]> leavesByName;
    final Expr[] exprs;
    final int[][] leafSegments;
    final boolean[] readsTraits;
    final int[][] dependents;
    final int[][] segmentLeaves;

    /** Most exact (time, value) pairs a windowed sum/avg/min/max keeps before summarising the oldest half. */
    final int windowCap;

    Plan(SegmentCatalog catalog, int windowCap) {
        if (windowCap < 2) throw new IllegalArgumentException("windowCap must be >= 2, got " + windowCap);
        this.windowCap = windowCap;
        this.catalog = catalog;
        int n = catalog.size();
        Map<Condition, Integer> ids = new HashMap<>();
        List<Leaf> ls = new ArrayList<>();
        List<TreeSet<Integer>> segsOfLeaf = new ArrayList<>();
        exprs = new Expr[n];
        readsTraits = new boolean[n];
        List<TreeSet<Integer>> directRefs = new ArrayList<>();
        for (CompiledSegment s : catalog.segments()) {
            int seg = s.index();
            boolean[] traits = {false};
            TreeSet<Integer> refs = new TreeSet<>();
            exprs[seg] = compile(s.definition().where(), ids, ls, segsOfLeaf, seg, traits, refs);
            readsTraits[seg] = traits[0];
            directRefs.add(refs);
        }
        leaves = ls.toArray(Leaf[]::new);
        leafSegments = new int[leaves.length][];
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < leaves.length; i++) {
            leafSegments[i] = segsOfLeaf.get(i).stream().mapToInt(Integer::intValue).toArray();
            for (String name : leaves[i].names()) byName.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> bn = new HashMap<>();
        byName.forEach((k, v) -> bn.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        leavesByName = Map.copyOf(bn);
        // Dependency order puts referenced segments first, so one backward pass closes dependents transitively.
        List<TreeSet<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < n; i++) deps.add(new TreeSet<>());
        for (int i = 0; i < n; i++) for (int r : directRefs.get(i)) deps.get(r).add(i);
        for (int i = n - 1; i >= 0; i--) {
            for (int d : List.copyOf(deps.get(i))) deps.get(i).addAll(deps.get(d));
        }
        List<List<Integer>> sl = new ArrayList<>();
        for (int i = 0; i < n; i++) sl.add(new ArrayList<>());
        for (int l = 0; l < leaves.length; l++) for (int seg : leafSegments[l]) sl.get(seg).add(l);
        segmentLeaves = new int[n][];
        for (int i = 0; i < n; i++) segmentLeaves[i] = sl.get(i).stream().mapToInt(Integer::intValue).toArray();
        dependents = new int[n][];
        for (int i = 0; i < n; i++) dependents[i] = deps.get(i).stream().mapToInt(Integer::intValue).toArray();
    }

    private Expr compile(Condition c, Map<Condition, Integer> ids, List<Leaf> ls, List<TreeSet<Integer>> segsOfLeaf,
                         int seg, boolean[] traits, TreeSet<Integer> refs) {
        return switch (c) {
            case Condition.All a -> new Expr.AllOf(a.of().stream().map(x -> compile(x, ids, ls, segsOfLeaf, seg, traits, refs)).toArray(Expr[]::new));
            case Condition.Any a -> new Expr.AnyOf(a.of().stream().map(x -> compile(x, ids, ls, segsOfLeaf, seg, traits, refs)).toArray(Expr[]::new));
            case Condition.Not x -> new Expr.NotOf(compile(x.condition(), ids, ls, segsOfLeaf, seg, traits, refs));
            case Condition.TraitCond t -> { traits[0] = true; yield new Expr.Trait(t); }
            case Condition.Subscribed s -> { traits[0] = true; yield new Expr.Consent(); }
            case Condition.SegmentRef r -> {
                int target = catalog.get(r.id()).index();
                refs.add(target);
                yield new Expr.Ref(target, r.forDuration() == null ? -1 : r.forDuration().toMillis());
            }
            default -> {
                Integer id = ids.get(c);
                if (id == null) {
                    id = ls.size();
                    ids.put(c, id);
                    ls.add(switch (c) {
                        case Condition.EventCond e -> new EventLeaf(e, windowCap);
                        case Condition.LastFirstCond lf -> new LastFirstLeaf(lf);
                        case Condition.SequenceCond sq -> new SequenceLeaf(sq);
                        default -> throw new IllegalStateException("not a leaf: " + c);
                    });
                    segsOfLeaf.add(new TreeSet<>());
                }
                segsOfLeaf.get(id).add(seg);
                yield new Expr.LeafRef(id);
            }
        };
    }

    int[] leavesFor(String eventName) {
        int[] r = leavesByName.get(eventName);
        return r == null ? EMPTY : r;
    }

    private static final int[] EMPTY = new int[0];
}
