package dev.nudge.mail.catcher;

import dev.nudge.mail.OutgoingMessage;
import java.time.Instant;

/** A message the catcher kept; {@code seq} orders them and is the pagination cursor. */
public record CaughtMessage(long seq, OutgoingMessage message, Instant caughtAt) {
}
