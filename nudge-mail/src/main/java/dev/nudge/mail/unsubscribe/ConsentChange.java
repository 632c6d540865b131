package dev.nudge.mail.unsubscribe;

import java.util.Objects;

/** Unsubscribe or resubscribe, from everything ({@code topic == null}) or from one topic. */
public record ConsentChange(Action action, String topic) {
    public enum Action { UNSUBSCRIBE, RESUBSCRIBE }

    public ConsentChange {
        Objects.requireNonNull(action, "action");
        if (topic != null && !topic.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("topic must be 1-64 letters, digits, '_', '.' or '-', got '" + topic + "'");
        }
    }

    public static ConsentChange unsubscribeAll() {
        return new ConsentChange(Action.UNSUBSCRIBE, null);
    }

    public static ConsentChange resubscribeAll() {
        return new ConsentChange(Action.RESUBSCRIBE, null);
    }
}
