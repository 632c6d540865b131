package dev.nudge.core.processor;

import dev.nudge.core.processor.Input.DefinitionChange;
import dev.nudge.core.processor.Input.DueInput;
import dev.nudge.core.processor.Input.EventInput;
import dev.nudge.core.processor.Input.FlowResumed;
import dev.nudge.core.processor.Input.FlowStart;
import dev.nudge.core.processor.Input.MergeInput;
import dev.nudge.core.processor.Input.TraitsChanged;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The processor with segments only: each input goes to the {@link SegmentEngine} of one catalog
 * version, the way the store's runtime called the engine directly before.
 *
 * <p><b>Catalog versions.</b> A segment state built under another catalog (its fingerprint differs)
 * cannot be read by this engine: any input then rebuilds it from history against the
 * catalog-independent {@link ProfileState#memberships()} (cause BACKFILL, MERGE for a merge), and
 * members of segments this catalog no longer has exit at that instant, before the rebuild's own
 * transitions. A new profile (no segment state) is evaluated incrementally.
 *
 * <p>Immutable and thread-safe, like the engine; one per catalog version.
 */
public final class SegmentProcessor implements ProfileProcessor {
    private final SegmentEngine engine;

    public SegmentProcessor(SegmentEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    public SegmentEngine engine() {
        return engine;
    }

    /** Whether {@code state}'s segment state was built under this processor's catalog. */
    public boolean current(ProfileState state) {
        ProfileSegmentState s = state.segments();
        return s != null && s.catalogFingerprint() == engine.catalog().fingerprint();
    }

    @Override
    public Step process(ProfileState state, Input input, Instant now, HistorySource history) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(history, "history");
        ProfileSegmentState seg = state.segments();
        boolean incremental = seg == null || current(state);
        Profile profile = state.asProfile();
        return switch (input) {
            case EventInput in -> {
                Instant t = max(now, in.event().timestamp()); // an event is never processed before its own time
                yield incremental
                        ? next(state, engine.onEvent(seg, profile, in.event(), t, history), List.of())
                        : rebuild(state, profile, history, t, Cause.BACKFILL, List.of());
            }
            case TraitsChanged tc -> incremental
                    ? next(state, engine.onTraitsChanged(seg, profile, now, history), List.of())
                    : rebuild(state, profile, history, now, Cause.BACKFILL, List.of());
            case FlowStart fs -> Step.unchanged(state); // flow inputs move flows, not segments
            case FlowResumed fr -> Step.unchanged(state);
            case DueInput d -> {
                if (seg == null) yield Step.unchanged(state); // nothing was ever evaluated: nothing can be due
                yield current(state)
                        ? next(state, engine.onTime(seg, profile, d.due(), history), List.of())
                        : rebuild(state, profile, history, max(now, d.due()), Cause.BACKFILL, List.of());
            }
            case MergeInput m -> {
                if (m.fromId().equals(state.id())) throw new IllegalArgumentException("profile " + state.id() + " cannot be merged into itself");
                List<Transition> exits = new ArrayList<>(m.fromMemberships().size());
                for (String s : m.fromMemberships().keySet()) exits.add(new Transition(m.fromId(), s, Transition.Kind.EXITED, now, Cause.MERGE));
                yield rebuild(state, profile, history, now, Cause.MERGE, exits);
            }
            case DefinitionChange dc -> current(state) ? Step.unchanged(state) : rebuild(state, profile, history, now, Cause.BACKFILL, List.of());
        };
    }

    private Step rebuild(ProfileState state, Profile profile, HistorySource history, Instant now, Cause cause, List<Transition> before) {
        Map<String, Instant> previous = state.memberships().asMap();
        Evaluation ev = engine.rebuild(previous, profile, history, now, cause);
        List<Transition> out = new ArrayList<>(before);
        for (String s : previous.keySet()) { // the engine ignores ids it does not know: their members exit here
            if (engine.catalog().get(s) == null) out.add(new Transition(profile.id(), s, Transition.Kind.EXITED, now, cause));
        }
        return next(state, ev, out);
    }

    private static Step next(ProfileState state, Evaluation ev, List<Transition> before) {
        List<Transition> all;
        if (before.isEmpty()) {
            all = ev.transitions();
        } else {
            all = new ArrayList<>(before);
            all.addAll(ev.transitions());
        }
        ProfileState s = state.withSegments(ev.newState()).withMemberships(state.memberships().after(state.id(), all));
        return Step.of(s, all);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
