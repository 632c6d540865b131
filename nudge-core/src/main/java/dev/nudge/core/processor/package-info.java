/**
 * The per-profile processor (DESIGN.md §5): one pure step over one profile's state.
 *
 * <pre>{@code
 * ProfileProcessor p = new SegmentProcessor(SegmentEngine.of(catalog));   // one per catalog version
 * Step step = p.process(state, new Input.EventInput(event), now, history);
 * // the runtime, in one atomic write: store step.state(), arm a timer at step.state().nextDue(),
 * // append step.transitions() (and, with flows, step.sends() to the outbox); publish after commit
 * }</pre>
 *
 * <p>Public: {@link dev.nudge.core.processor.ProfileProcessor} (the seam), its segment
 * implementation {@link dev.nudge.core.processor.SegmentProcessor}, the state value
 * {@link dev.nudge.core.processor.ProfileState} and its codec, the {@link dev.nudge.core.processor.Input}s and
 * the {@link dev.nudge.core.processor.Step} with its outputs. Nullness: non-null unless documented
 * ({@code ProfileState.segments} and {@code nextDue}).
 */
package dev.nudge.core.processor;
