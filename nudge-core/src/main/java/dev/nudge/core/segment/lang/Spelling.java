package dev.nudge.core.segment.lang;

import java.util.Collection;

/**
 * "Did you mean" suggestions by edit distance, for unknown keys and operators; public for the other
 * languages' validators (template filter names in nudge-mail), so there is one edit distance.
 */
public final class Spelling {
    private Spelling() {}

    /** The closest candidate within a small distance (about a third of the word), or null. */
    static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestD) { bestD = d; best = c; }
        }
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        return bestD <= limit ? best : null;
    }

    static String suggest(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c != null ? "did you mean `" + c + "`?" : "expected one of " + String.join(", ", candidates);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
