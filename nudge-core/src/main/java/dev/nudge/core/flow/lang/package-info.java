/**
 * The flow language (DESIGN.md §9, docs/flows.md): the typed AST ({@link dev.nudge.core.flow.lang.FlowDefinition},
 * {@link dev.nudge.core.flow.lang.Trigger}, {@link dev.nudge.core.flow.lang.Step}) and the parser/checker
 * {@link dev.nudge.core.flow.lang.FlowParser} that reports every issue with line, column, a caret and a hint.
 *
 * <p>Conditions are segment-language {@link dev.nudge.core.segment.lang.Condition}s, parsed by the segment
 * parser itself. How the engine slice compiles them (not done here): {@code entry}, {@code branch.if},
 * {@code exit_when}/{@code goal}/{@code wait_for} items of the {@code condition:} form are each a hidden
 * catalog segment with id {@code flow/{flow}/{version}/{step-or-role}}, so their timers are the segment
 * engine's exact timers and a run reads membership (or its entry transition) instead of evaluating.
 * Items of the {@code event:} form ({@link dev.nudge.core.flow.lang.EventMatch}) are matched against
 * events arriving after the run reached them; {@code same} binds to the run's trigger event, so it is a
 * per-run equality filter and not part of a catalog segment ({@link dev.nudge.core.flow.lang.EventMatch#asCondition()}
 * gives the rest as an {@code EventCond}).
 */
package dev.nudge.core.flow.lang;
