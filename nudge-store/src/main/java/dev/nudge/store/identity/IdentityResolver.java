package dev.nudge.store.identity;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.Column;
import dev.nudge.store.StoreHook;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;

import java.util.List;

/**
 * Identity resolution (DESIGN.md §4), run on the writer thread inside the request's transaction.
 *
 * <p>Rules: a profile is keyed by userId, else by anonymousId. An {@code identify} carrying both ids,
 * or an {@code alias}, merges the anonymous (or previous) profile into the known one: its events move
 * over, traits merge with the known profile winning conflicts, first/last seen widen, and every raw id
 * of the loser resolves to the winner from then on. Two profiles that each have their own userId are
 * never merged by an identify (a shared device is not a merge); only an explicit alias does that.
 */
public final class IdentityResolver {
    private final List<StoreHook> hooks;

    public IdentityResolver(List<StoreHook> hooks) {
        this.hooks = hooks;
    }

    /** Returns the canonical profile id the event belongs to, creating and merging profiles as needed. */
    public String resolve(Txn txn, Event e) {
        if (e.type() == EventType.ALIAS) return alias(txn, e);
        String byAnon = e.anonymousId() == null ? null : lookup(txn, StoreKeys.anonymousIdKey(e.anonymousId()));
        if (e.userId() == null) {
            if (byAnon != null) return byAnon;
            txn.putProfile(Profile.empty(e.anonymousId(), null, e.anonymousId()));
            txn.put(Column.IDS, StoreKeys.anonymousIdKey(e.anonymousId()), StoreKeys.utf8(e.anonymousId()));
            return e.anonymousId();
        }
        String target = known(txn, e.userId());
        if (e.anonymousId() != null) {
            if (byAnon == null) {
                txn.putProfile(txn.profile(target).withAnonymousId(e.anonymousId()));
                txn.put(Column.IDS, StoreKeys.anonymousIdKey(e.anonymousId()), StoreKeys.utf8(target));
            } else if (!byAnon.equals(target)) {
                Profile anon = txn.profile(byAnon);
                if (anon != null && anon.userIds().isEmpty()) merge(txn, byAnon, target);
            }
        }
        return target;
    }

    /** The profile of a userId, created on first sight. */
    private static String known(Txn txn, String userId) {
        String target = lookup(txn, StoreKeys.userIdKey(userId));
        if (target == null) {
            target = userId;
            Profile existing = txn.profile(target);
            txn.putProfile(existing == null ? Profile.empty(target, userId, null) : existing.withUserId(userId));
            txn.put(Column.IDS, StoreKeys.userIdKey(userId), StoreKeys.utf8(target));
        }
        return target;
    }

    private String alias(Txn txn, Event e) {
        String target = known(txn, e.userId());
        String previous = lookup(txn, StoreKeys.userIdKey(e.previousId()));
        if (previous == null) previous = lookup(txn, StoreKeys.anonymousIdKey(e.previousId()));
        if (previous == null) {
            // an id never seen before: remember it, so its future events land on the target
            txn.putProfile(txn.profile(target).withAnonymousId(e.previousId()));
            txn.put(Column.IDS, StoreKeys.anonymousIdKey(e.previousId()), StoreKeys.utf8(target));
        } else if (!previous.equals(target)) {
            merge(txn, previous, target);
        }
        return target;
    }

    private static String lookup(Txn txn, byte[] idKey) {
        byte[] v = txn.get(Column.IDS, idKey);
        return v == null ? null : StoreKeys.string(v);
    }

    /** Moves everything of profile {@code fromId} into {@code intoId} and deletes {@code fromId}. */
    public void merge(Txn txn, String fromId, String intoId) {
        Profile from = txn.profile(fromId);
        Profile into = txn.profile(intoId);
        if (from == null || into == null) return;
        txn.scan(Column.EVENTS, StoreKeys.eventPrefix(fromId), (k, v) -> {
            txn.delete(Column.EVENTS, k);
            txn.put(Column.EVENTS, StoreKeys.rehomeEventKey(k, intoId), v);
        });
        Profile merged = into.absorb(from);
        for (String u : from.userIds()) txn.put(Column.IDS, StoreKeys.userIdKey(u), StoreKeys.utf8(intoId));
        for (String a : from.anonymousIds()) txn.put(Column.IDS, StoreKeys.anonymousIdKey(a), StoreKeys.utf8(intoId));
        if (from.email() != null) txn.delete(Column.EMAILS, StoreKeys.emailKey(from.email(), fromId));
        if (into.email() != null && !into.email().equals(merged.email())) txn.delete(Column.EMAILS, StoreKeys.emailKey(into.email(), intoId));
        if (merged.email() != null) txn.put(Column.EMAILS, StoreKeys.emailKey(merged.email(), intoId), new byte[0]);
        txn.deleteProfile(fromId);
        txn.putProfile(merged);
        for (StoreHook h : hooks) h.onMerge(txn, fromId, merged);
    }
}
