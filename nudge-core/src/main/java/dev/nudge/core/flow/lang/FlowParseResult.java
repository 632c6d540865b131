package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Issue;
import java.util.List;

/** The definition when there are no issues, else null and every issue found. */
public record FlowParseResult(FlowDefinition definition, List<Issue> issues) {
    public FlowParseResult {
        issues = List.copyOf(issues);
        if ((definition == null) == issues.isEmpty()) throw new IllegalArgumentException("exactly one of a definition or issues");
    }

    public boolean ok() {
        return definition != null;
    }

    public FlowDefinition orThrow() {
        if (ok()) return definition;
        throw new IllegalArgumentException(String.join("\n", issues.stream().map(Issue::toString).toList()));
    }
}
