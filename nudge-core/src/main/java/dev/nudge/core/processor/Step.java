package dev.nudge.core.processor;

import dev.nudge.core.segment.Transition;
import java.util.List;
import java.util.Objects;

/**
 * What one step produced: the profile's new state and its outputs, which the runtime persists in
 * one atomic write and performs only after it is durable. Transitions are in the order they
 * happened (by {@code at}, the merged profile's exits first); they may name another profile only
 * for a merge (the absorbed one's exits). Sends and webhook calls are empty until flows run in the
 * processor. Flow events are what happened to the profile's flow runs in this step (the run history
 * and the per-flow counters are written from them in the same write).
 */
public record Step(ProfileState state, List<Transition> transitions, List<SendRequest> sends, List<WebhookCall> webhooks,
                   List<FlowEvent> flowEvents) {
    public Step {
        Objects.requireNonNull(state, "state");
        transitions = List.copyOf(transitions);
        sends = List.copyOf(sends);
        webhooks = List.copyOf(webhooks);
        flowEvents = List.copyOf(flowEvents);
    }

    public Step(ProfileState state, List<Transition> transitions, List<SendRequest> sends, List<WebhookCall> webhooks) {
        this(state, transitions, sends, webhooks, List.of());
    }

    public static Step of(ProfileState state, List<Transition> transitions) {
        return new Step(state, transitions, List.of(), List.of(), List.of());
    }

    /** Nothing changed: the state as given, no outputs. */
    public static Step unchanged(ProfileState state) {
        return of(state, List.of());
    }
}
