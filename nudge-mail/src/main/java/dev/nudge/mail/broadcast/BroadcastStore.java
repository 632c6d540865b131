package dev.nudge.mail.broadcast;

import java.util.Optional;

/**
 * Broadcast checkpoints. {@link #save} replaces the whole state under one key
 * ({@code broadcast/{id}}) and must be durable when it returns: the checkpoint and the counts move
 * together, atomically.
 */
public interface BroadcastStore {
    Optional<BroadcastState> load(String id);

    void save(BroadcastState state);
}
