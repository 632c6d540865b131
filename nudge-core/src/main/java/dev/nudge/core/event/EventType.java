package dev.nudge.core.event;

import java.util.Locale;

/** The Segment-spec call types. {@link #wire()} is the value of the {@code type} field. */
public enum EventType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name ("track"); returns null for anything else so callers can report the field. */
    public static EventType fromWire(String s) {
        if (s == null) return null;
        return switch (s) {
            case "identify" -> IDENTIFY;
            case "track" -> TRACK;
            case "page" -> PAGE;
            case "screen" -> SCREEN;
            case "group" -> GROUP;
            case "alias" -> ALIAS;
            default -> null;
        };
    }
}
