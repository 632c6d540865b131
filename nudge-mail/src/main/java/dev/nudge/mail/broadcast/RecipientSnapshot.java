package dev.nudge.mail.broadcast;

import dev.nudge.core.profile.Profile;
import java.util.List;

/**
 * The recipients of a broadcast: profile ids of a segment's members as of one instant, in a fixed
 * order, so that an offset means the same person on every read. The integrator materialises it once
 * when the broadcast starts (e.g. keys {@code snapshot/{broadcastId}/{seq}}).
 */
@FunctionalInterface
public interface RecipientSnapshot {
    /** Up to {@code limit} profile ids from position {@code offset}; empty at the end. */
    List<String> read(long offset, int limit);

    static RecipientSnapshot of(List<String> profileIds) {
        List<String> ids = List.copyOf(profileIds);
        return (offset, limit) -> offset >= ids.size() ? List.of() : ids.subList((int) offset, (int) Math.min(ids.size(), offset + limit));
    }

    static RecipientSnapshot ofProfiles(List<Profile> profiles) {
        return of(profiles.stream().map(Profile::id).toList());
    }
}
