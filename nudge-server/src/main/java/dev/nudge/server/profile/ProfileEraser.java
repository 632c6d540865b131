package dev.nudge.server.profile;

import dev.nudge.core.profile.Profile;
import dev.nudge.server.ingest.RejectedEntry;
import dev.nudge.store.Column;
import dev.nudge.store.StoreHook;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.ingest.OverloadedException;
import dev.nudge.store.ingest.RejectedLog;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Erasure (GDPR "right to be forgotten"): the profile, every event stored under it, every id that
 * resolved to it and its email index entry go in one atomic write. Message ids stay in the dedupe
 * index (they carry no personal data) so a client's retry cannot bring an erased event back. The
 * person's entries in the rejected-messages log (those naming one of their ids) go in the same write.
 */
public final class ProfileEraser {
    private final IngestWriter writer;
    private final List<StoreHook> hooks;
    private final RejectedLog rejectedLog;

    public ProfileEraser(IngestWriter writer, List<StoreHook> hooks, RejectedLog rejectedLog) {
        this.writer = writer;
        this.hooks = hooks;
        this.rejectedLog = rejectedLog;
    }

    /** Erases the profile; completes with the number of events removed once that is durable. */
    public CompletableFuture<Integer> erase(String profileId) throws OverloadedException {
        return writer.submitWork(txn -> eraseIn(txn, profileId), 1);
    }

    private int eraseIn(Txn txn, String profileId) {
        Profile p = txn.profile(profileId);
        if (p == null) return 0;
        int[] n = {0};
        txn.scan(Column.EVENTS, StoreKeys.eventPrefix(profileId), (k, v) -> {
            txn.delete(Column.EVENTS, k);
            n[0]++;
        });
        for (String u : p.userIds()) txn.delete(Column.IDS, StoreKeys.userIdKey(u));
        for (String a : p.anonymousIds()) txn.delete(Column.IDS, StoreKeys.anonymousIdKey(a));
        if (p.email() != null) txn.delete(Column.EMAILS, StoreKeys.emailKey(p.email(), profileId));
        rejectedLog.removeIf(txn, entry -> RejectedEntry.about(entry, p.userIds(), p.anonymousIds()));
        txn.deleteProfile(profileId);
        for (StoreHook h : hooks) h.onErase(txn, profileId);
        return n[0];
    }
}
