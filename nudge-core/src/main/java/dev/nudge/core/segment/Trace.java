package dev.nudge.core.segment;

import java.util.List;

/**
 * "Why is this profile in this segment?": each condition of the tree with whether it held at the
 * instant asked about. {@link #toString()} prints an indented tree with ✓/✗ marks.
 *
 * @param condition a short rendering of the condition (its kind and arguments, not its children)
 */
public record Trace(String condition, boolean held, List<Trace> children) {
    public Trace {
        children = List.copyOf(children);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        render(b, 0);
        return b.toString();
    }

    private void render(StringBuilder b, int depth) {
        b.append("  ".repeat(depth)).append(held ? "✓ " : "✗ ").append(condition).append('\n');
        for (Trace c : children) c.render(b, depth + 1);
    }
}
