package dev.nudge.core.intelligence.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Level-wise frequent-itemset mining over basket-id lists (see {@link AssociationRules}). */
final class Apriori {

    /** A sorted array of item ids with value equality, usable as a map key. */
    record Items(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Items other && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    /** Every frequent itemset with its basket count. */
    record Result(Map<Items, Long> counts) {}

    private Apriori() {}

    static Result run(int[][] baskets, int itemCount, double minSupport, int maxLength) {
        int n = baskets.length;
        Map<Items, Long> counts = new HashMap<>();
        // level 1: the basket-id list of every item
        int[] sizes = new int[itemCount];
        for (int[] b : baskets) for (int i : b) sizes[i]++;
        int[][] tids = new int[itemCount][];
        for (int i = 0; i < itemCount; i++) tids[i] = new int[sizes[i]];
        int[] fill = new int[itemCount];
        for (int b = 0; b < n; b++) for (int i : baskets[b]) tids[i][fill[i]++] = b;
        List<int[]> level = new ArrayList<>();
        List<int[]> levelTids = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            if (frequent(sizes[i], n, minSupport)) {
                level.add(new int[] {i});
                levelTids.add(tids[i]);
                counts.put(new Items(new int[] {i}), (long) sizes[i]);
            }
        }
        for (int k = 1; k < maxLength && level.size() > 1; k++) {
            List<int[]> next = new ArrayList<>();
            List<int[]> nextTids = new ArrayList<>();
            // level is sorted lexicographically, so itemsets sharing a (k−1)-prefix are contiguous
            for (int a = 0; a < level.size(); a++) {
                int[] x = level.get(a);
                for (int b = a + 1; b < level.size(); b++) {
                    int[] y = level.get(b);
                    if (!samePrefix(x, y, k - 1)) break;
                    int[] cand = Arrays.copyOf(x, k + 1);
                    cand[k] = y[k - 1];
                    if (!allSubsetsFrequent(cand, counts)) continue;
                    int[] t = intersect(levelTids.get(a), levelTids.get(b));
                    if (frequent(t.length, n, minSupport)) {
                        next.add(cand);
                        nextTids.add(t);
                        counts.put(new Items(cand), (long) t.length);
                    }
                }
            }
            level = next;
            levelTids = nextTids;
        }
        return new Result(counts);
    }

    /** The support test shared by every level: count / n ≥ minSupport, in doubles as documented. */
    static boolean frequent(long count, int n, double minSupport) {
        return count > 0 && (double) count / n >= minSupport;
    }

    private static boolean samePrefix(int[] x, int[] y, int len) {
        for (int i = 0; i < len; i++) if (x[i] != y[i]) return false;
        return true;
    }

    /** Every subset of size |cand|−1 other than the two parents (which are frequent by construction). */
    private static boolean allSubsetsFrequent(int[] cand, Map<Items, Long> counts) {
        int k = cand.length;
        for (int drop = 0; drop < k - 2; drop++) {
            int[] sub = new int[k - 1];
            for (int i = 0, j = 0; i < k; i++) if (i != drop) sub[j++] = cand[i];
            if (!counts.containsKey(new Items(sub))) return false;
        }
        return true;
    }

    static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0, j = 0, k = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else {
                out[k++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, k);
    }
}
