package dev.nudge.core.segment.lang;

import java.util.List;

/**
 * The outcome of parsing and checking one definition: the definition when there are no issues,
 * else null and every issue found (not just the first).
 */
public record ParseResult(SegmentDefinition definition, List<Issue> issues) {
    public ParseResult {
        issues = List.copyOf(issues);
        if ((definition == null) == issues.isEmpty()) throw new IllegalArgumentException("exactly one of a definition or issues");
    }

    public boolean ok() {
        return definition != null;
    }

    /** The definition, or an exception whose message lists every issue. */
    public SegmentDefinition orThrow() {
        if (ok()) return definition;
        throw new IllegalArgumentException(String.join("\n", issues.stream().map(Issue::toString).toList()));
    }
}
