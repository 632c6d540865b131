package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed, checked flow file (DESIGN.md §9; docs/flows.md). Positions are not part of the tree, so
 * the YAML and the JSON form of one flow give equal definitions.
 *
 * @param key trigger-event property: one active run per (flow, profile, its value); null = per profile
 * @param entry checked when the trigger fires; null = always
 * @param exitWhen any holds → the run ends at once
 * @param goal the conversion; null = none
 * @param holdoutPercent 0–100: the share of profiles (by hash of flow and profile) that walk the flow without email
 */
public record FlowDefinition(String id, String name, String description, Trigger trigger, String key, Condition entry,
                             ReEntry reEntry, List<Awaited> exitWhen, Goal goal, double holdoutPercent, OnCapped onCapped,
                             List<Step> steps) {
    /** Flow ids share the segment id syntax: used in URLs, file names and idempotency keys. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public enum OnCapped { DELAY, SKIP }

    public FlowDefinition {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad flow id `" + id + "`");
        name = name == null ? id : name;
        Objects.requireNonNull(trigger, "trigger");
        if (key != null && !(trigger instanceof Trigger.EventTrigger)) throw new IllegalArgumentException("`key` needs an event trigger");
        reEntry = reEntry == null ? ReEntry.NEVER : reEntry;
        exitWhen = List.copyOf(exitWhen);
        if (!(holdoutPercent >= 0 && holdoutPercent <= 100)) throw new IllegalArgumentException("holdout must be 0..100 percent, got " + holdoutPercent);
        onCapped = onCapped == null ? OnCapped.DELAY : onCapped;
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("a flow needs at least one step");
    }
}
