package dev.nudge.core.segment.lang;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The segment language's reader and sub-parsers, for languages that embed its conditions (the flow
 * language, DESIGN.md §9): one located tree reader, one condition parser, one {@code where} parser,
 * one duration syntax and one "did you mean", so a flow's conditions mean exactly what a segment's do.
 * Every method adds its problems to the caller's issue list and returns null after a problem; none
 * throws on bad input. Each {@link #condition} call has its own {@link SegmentParser#MAX_NODES} budget.
 *
 * @param source the file name (or "api") used in issues
 * @param text the whole source text, so issues can show their line
 * @param issues where problems are added, shared with the embedding parser
 */
public record Embedding(String source, String text, List<Issue> issues) {
    /** Nesting limit of the tree reader. */
    public static final int MAX_DEPTH = TreeReader.MAX_DEPTH;

    /** The located tree of {@code text}, or null after an issue (not well-formed). */
    public Node read() {
        return new TreeReader(source, text, issues).read();
    }

    /** One segment-language condition, exactly as under a segment's {@code where:}. */
    public Condition condition(Node n) {
        return parser().condition(n);
    }

    /** The {@code where:} entry of {@code m} (absent → empty list), as on an {@code event:} condition. */
    public List<Condition.PropFilter> where(Node.MapNode m) {
        return parser().where(m);
    }

    /** A duration ({@code 30s, 15m, 12h, 30d, 8w} or ISO-8601), or null after an issue. */
    public Duration duration(Node n) {
        Scalars.Parsed<Duration> p = Scalars.duration(n);
        // Scalars says "window" (a segment's durations are windows); an embedding language's are not.
        if (p.error() != null) issue(n, p.error().replaceFirst("^window ", "duration "), p.hint());
        return p.value();
    }

    public void issue(Node n, String message, String hint) {
        issues.add(Issue.at(source, text, n.line(), n.col(), message, hint));
    }

    public void issue(int line, int col, String message, String hint) {
        issues.add(Issue.at(source, text, line, col, message, hint));
    }

    /** "did you mean `x`?" or "expected one of ..." — the segment validator's wording. */
    public static String suggest(String word, Collection<String> candidates) {
        return Spelling.suggest(word, candidates);
    }

    /** The closest candidate by edit distance, or null when none is close. */
    public static String closest(String word, Collection<String> candidates) {
        return Spelling.closest(word, candidates);
    }

    private SegmentParser parser() {
        return new SegmentParser(source, text, issues);
    }
}
