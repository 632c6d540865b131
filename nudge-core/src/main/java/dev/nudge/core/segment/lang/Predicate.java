package dev.nudge.core.segment.lang;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One operator applied to a value found at a path. {@code arg} is typed by the operator:
 * a JSON scalar for equals/gt/..., a List for in/not_in/between, Boolean for exists, an Instant for
 * before/after, a Duration for within/older_than/in_next.
 */
public record Predicate(Operator op, Object arg) {
    public Predicate {
        Objects.requireNonNull(op, "op");
        switch (op) {
            case IN, NOT_IN, BETWEEN -> { if (!(arg instanceof List<?>)) throw new IllegalArgumentException(op.key + " needs a list"); }
            case EXISTS -> { if (!(arg instanceof Boolean)) throw new IllegalArgumentException("exists needs true or false"); }
            case BEFORE, AFTER -> { if (!(arg instanceof Instant)) throw new IllegalArgumentException(op.key + " needs an instant"); }
            case WITHIN, OLDER_THAN, IN_NEXT -> { if (!(arg instanceof Duration)) throw new IllegalArgumentException(op.key + " needs a duration"); }
            default -> { }
        }
    }

    public enum Operator {
        EQUALS("equals"), NOT_EQUALS("not_equals"), IN("in"), NOT_IN("not_in"), CONTAINS("contains"), EXISTS("exists"),
        GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), BETWEEN("between"),
        BEFORE("before"), AFTER("after"), WITHIN("within"), OLDER_THAN("older_than"), IN_NEXT("in_next");

        public final String key;

        Operator(String key) { this.key = key; }

        /** Operators whose truth depends on the evaluation instant. */
        public boolean relative() {
            return this == WITHIN || this == OLDER_THAN || this == IN_NEXT;
        }

        public static Operator fromKey(String k) {
            for (Operator o : values()) if (o.key.equals(k)) return o;
            return null;
        }

        public static List<String> keys() {
            return java.util.Arrays.stream(values()).map(o -> o.key).toList();
        }
    }
}
