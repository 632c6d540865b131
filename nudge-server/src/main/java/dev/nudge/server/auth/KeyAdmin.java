package dev.nudge.server.auth;

import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;

import java.time.Instant;
import java.util.concurrent.ExecutionException;

/** Creates and revokes credentials through the writer, so they are durable like everything else. */
public final class KeyAdmin {
    private final IngestWriter writer;
    private final Credentials live;

    public KeyAdmin(IngestWriter writer, Credentials live) {
        this.writer = writer;
        this.live = live;
    }

    /** Creates a credential, stores it durably, accepts it at once, and returns the secret (shown once). */
    public String create(Credentials.Kind kind) {
        return create(kind, AllowedOrigins.ANY);
    }

    /** Creates a write key that pages on {@code origins} only may use (an admin token ignores them). */
    public String create(Credentials.Kind kind, AllowedOrigins origins) {
        String secret = Credentials.newSecret(kind);
        await(writer.submitWorkUnchecked(txn -> Credentials.store(txn, kind, secret, Instant.now(), origins)));
        live.accept(kind, secret, origins);
        return secret;
    }

    /** Replaces the origins a stored write key allows, durably and at once; false if there is no such key. */
    public boolean allowOrigins(String writeKey, AllowedOrigins origins) {
        boolean found = await(writer.submitWorkUnchecked(txn -> Credentials.storeOrigins(txn, writeKey, origins)));
        if (found) live.allowOrigins(writeKey, origins);
        return found;
    }

    public boolean revoke(String idOrSecret) {
        boolean found = await(writer.submitWorkUnchecked(txn -> Credentials.revoke(txn, idOrSecret)));
        if (found) live.forget(idOrSecret);
        return found;
    }

    /** True when the store holds no usable write key or admin token yet (a first start). */
    public static boolean firstStart(NudgeStore store) {
        return Credentials.list(store).stream().noneMatch(c -> !c.revoked());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not store the credential: " + e.getCause().getMessage(), e.getCause());
        }
    }

}
