package dev.nudge.mail.unsubscribe;

import dev.nudge.core.profile.Profile;
import java.util.Optional;

/** Reads a profile's current state (the integrator backs it with the profile store). */
@FunctionalInterface
public interface ProfileDirectory {
    Optional<Profile> find(String profileId);
}
