package dev.nudge.mail.unsubscribe;

/** What a verified unsubscribe token says: this person, this address, reached through this message. */
public record UnsubscribeClaim(String profileId, String email, String messageId) {
}
