package dev.nudge.core.processor;

import dev.nudge.core.segment.HistorySource;
import java.time.Instant;

/**
 * The per-profile processor (DESIGN.md §5): one step computes what an input changes for one
 * profile. Shaped like Kafka Streams' {@code Processor.process}, so the embedded runtime and the
 * Kafka runtime (§13) run the same step — the embedded one in its writer, the Kafka one over a
 * state store.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Pure: no I/O, no clock, no threads. Given the same state, input, {@code now} and history,
 *       a step returns an equal {@link Step}.</li>
 *   <li>Time is {@code now}, injected; a profile's time never runs backwards (an earlier {@code now}
 *       is treated as the instant the state was last evaluated).</li>
 *   <li>Outputs are returned, never performed: the runtime writes the new state and the outputs
 *       (transitions, send requests, webhook calls) in one atomic write, publishes them after it is
 *       durable, and arms one timer at {@link ProfileState#nextDue()}.</li>
 *   <li>Calls for one profile are made one at a time, in input order, each with the state the
 *       previous one returned. Different profiles are independent.</li>
 *   <li>{@code history} is the profile's stored events (any order; with or without the event being
 *       processed), read lazily and only to re-derive a state: rebuilds (merge, catalog change)
 *       and the rare re-derivation of a spilled windowed aggregate.</li>
 * </ul>
 *
 * <p><b>Flows</b> will run in the same step: segments first, then flows over the transitions the
 * segments produced and the input itself, so a transition and the flow step it causes (a send, a
 * wait armed in {@code nextDue}) are one write and one crash-consistent unit.
 */
@FunctionalInterface
public interface ProfileProcessor {
    Step process(ProfileState state, Input input, Instant now, HistorySource history);
}
