/**
 * The segment language (DESIGN.md §6): a located YAML/JSON tree ({@code Node}), the typed AST
 * ({@link dev.nudge.core.segment.lang.Condition}), the parser/checker that reports every
 * {@link dev.nudge.core.segment.lang.Issue}, and the operator semantics shared by evaluators
 * ({@link dev.nudge.core.segment.lang.Values}). Nothing here knows about time except through the
 * instant passed to {@link dev.nudge.core.segment.lang.Values#test}.
 */
package dev.nudge.core.segment.lang;
