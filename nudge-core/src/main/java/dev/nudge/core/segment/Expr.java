package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.Condition;

/** A segment's condition compiled for the engine: leaves by index, references by segment index. */
sealed interface Expr {
    record AllOf(Expr[] of) implements Expr {}

    record AnyOf(Expr[] of) implements Expr {}

    record NotOf(Expr of) implements Expr {}

    record LeafRef(int leaf) implements Expr {}

    record Trait(Condition.TraitCond cond) implements Expr {}

    record Consent() implements Expr {}

    /** {@code segment: X}, with {@code forMillis} = −1 when there is no {@code for:}. */
    record Ref(int segment, long forMillis) implements Expr {}
}
