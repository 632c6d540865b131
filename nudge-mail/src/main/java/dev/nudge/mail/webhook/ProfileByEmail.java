package dev.nudge.mail.webhook;

import java.util.Optional;

/** Fallback correlation when an ESP event names no Nudge Message-ID: profile id by email address. */
@FunctionalInterface
public interface ProfileByEmail {
    Optional<String> profileIdFor(String email);

    ProfileByEmail NONE = e -> Optional.empty();
}
