package dev.nudge.core.flow.lang;

import java.util.Set;

/**
 * What the validator may check a flow against. A null set means "unknown here": that check is
 * skipped (the CLI without {@code --templates} says so), never guessed.
 */
public interface FlowContext {
    /** Names of the templates a {@code send} may use, or null to skip the check. */
    Set<String> templates();

    /** Ids of the segments triggers and {@code segment:} conditions may name, or null to skip the check. */
    Set<String> segments();

    /** Whether webhook urls may be literal loopback/private addresses (internal receivers). */
    default boolean allowPrivateWebhooks() {
        return false;
    }

    /** Checks nothing against the outside world. */
    FlowContext NONE = of(null, null, false);

    static FlowContext of(Set<String> templates, Set<String> segments, boolean allowPrivateWebhooks) {
        Set<String> t = templates == null ? null : Set.copyOf(templates);
        Set<String> s = segments == null ? null : Set.copyOf(segments);
        return new FlowContext() {
            @Override public Set<String> templates() { return t; }
            @Override public Set<String> segments() { return s; }
            @Override public boolean allowPrivateWebhooks() { return allowPrivateWebhooks; }
        };
    }
}
