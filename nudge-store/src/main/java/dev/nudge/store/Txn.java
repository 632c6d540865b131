package dev.nudge.store;

import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The write set of one group commit: every change that the requests of the group make, staged in
 * {@link PendingWrites} so later requests read earlier ones' writes, and committed with one synced
 * write. Only the writer thread touches a Txn.
 *
 * <p>Pipelining: a Txn may be built over the group before it ({@code below}) while that group's write
 * is still on its way to disk — reads then see this group's writes, then the group below's, then the
 * store. Once the write below is durable the writer calls {@link #forgetBelow()}. If it fails, this
 * group was built on writes that never happened, and the writer must discard it too.
 *
 * <p>Each request runs between {@link #begin()} and {@link #commitRequest()} or {@link #rollbackRequest()};
 * a rollback undoes exactly that request (the pending writes' undo log plus one of the decoded
 * profile cache), so a request is all-or-nothing even inside a shared group.
 */
public final class Txn implements AutoCloseable {
    private final NudgeStore store;
    private final PendingWrites pending = new PendingWrites();
    private final ReadOptions readOptions = new ReadOptions();
    /** Decoded profiles read or written in this group; Optional.empty() = deleted. Flushed at commit. */
    private final Map<String, Optional<Profile>> profiles = new LinkedHashMap<>();
    private final Map<String, Optional<Profile>> dirty = new HashMap<>();
    /** Undo log of the current request: previous cache entries (null = absent from cache). */
    private final Map<String, Optional<Profile>> undo = new HashMap<>();
    private final Map<String, Optional<Profile>> undoDirty = new HashMap<>();
    private boolean inRequest;
    /** Actions to run once the group is durable (publishing transitions); a rollback drops the request's own. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    private int afterCommitMark;
    /** Undo actions of the current request, for layers above the Txn (the state cache); run newest first on rollback. */
    private final List<Runnable> onRollback = new ArrayList<>();

    /** Decoded profiles of recent groups (write-through, writer thread only); may be empty, never stale. */
    private final Map<String, Profile> hot;
    /** The group before, prepared but maybe not yet durable; null once it is (or if there is none). */
    private Txn below;

    public Txn(NudgeStore store) {
        this(store, new HashMap<>());
    }

    /**
     * @param hot profiles as committed by earlier groups, kept by the writer across groups so a
     *            profile seen again is not decoded again; this Txn updates it only after its commit
     */
    public Txn(NudgeStore store, Map<String, Profile> hot) {
        this(store, hot, null);
    }

    /**
     * @param below the previous group, {@link #prepare() prepared} and handed to its write, whose
     *              writes this group must read as if stored; null if the store has them all
     */
    public Txn(NudgeStore store, Map<String, Profile> hot, Txn below) {
        this.store = store;
        this.hot = hot;
        this.below = below;
    }

    /** The group below is durable (and its profiles are in the hot map): read the store instead. */
    public void forgetBelow() {
        below = null;
    }

    public NudgeStore store() {
        return store;
    }

    public void begin() {
        pending.mark();
        afterCommitMark = afterCommit.size();
        undo.clear();
        undoDirty.clear();
        onRollback.clear();
        inRequest = true;
    }

    public void commitRequest() {
        pending.release();
        onRollback.clear();
        inRequest = false;
    }

    public void rollbackRequest() {
        pending.rollback();
        undo.forEach((id, prev) -> {
            if (prev == null) profiles.remove(id); else profiles.put(id, prev);
        });
        undoDirty.forEach((id, prev) -> {
            if (prev == null) dirty.remove(id); else dirty.put(id, prev);
        });
        afterCommit.subList(afterCommitMark, afterCommit.size()).clear();
        for (int i = onRollback.size() - 1; i >= 0; i--) onRollback.get(i).run();
        onRollback.clear();
        inRequest = false;
    }

    /**
     * Runs {@code undo} if the current request rolls back, after the Txn's own undo and before any
     * earlier-registered one (newest first). Outside a request nothing can roll back: ignored.
     */
    public void onRollback(Runnable undo) {
        if (inRequest) onRollback.add(undo);
    }

    public byte[] get(Column c, byte[] key) {
        byte[] written = written(c, key);
        if (written != null) return written == PendingWrites.DELETED ? null : written;
        try {
            return store.db().get(store.handle(c), readOptions, key);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    /** What this group, or the group below, wrote for the key: a value, DELETED, or null if neither did. */
    private byte[] written(Column c, byte[] key) {
        byte[] w = pending.get(c, key);
        return w != null || below == null ? w : below.pending.get(c, key);
    }

    /**
     * {@link #get} of many keys at once: those this group (or the one below) did not write are read
     * from the store with one multi-get, which costs far less per key than a get each when most are
     * absent (every level's filter is probed either way, but in one pass and one JNI call).
     */
    public List<byte[]> getAll(Column c, List<byte[]> keys) {
        List<byte[]> out = new ArrayList<>(keys.size());
        List<byte[]> unread = new ArrayList<>();
        for (byte[] k : keys) {
            byte[] w = written(c, k);
            out.add(w);
            if (w == null) unread.add(k);
        }
        List<byte[]> read = unread.isEmpty() ? List.of() : store.multiGet(c, unread);
        for (int i = 0, r = 0; i < out.size(); i++) {
            byte[] w = out.get(i);
            if (w == null) out.set(i, read.get(r++));
            else if (w == PendingWrites.DELETED) out.set(i, null);
        }
        return out;
    }

    /** Stages a write; the arrays are kept, not copied, so the caller must not change them afterwards. */
    public void put(Column c, byte[] key, byte[] value) {
        pending.put(c, key, value);
    }

    public void delete(Column c, byte[] key) {
        pending.delete(c, key);
    }

    /** Visits, in key order, every key under {@code prefix} as this transaction sees it. */
    public void scan(Column c, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        TreeMap<byte[], byte[]> rows = new TreeMap<>(Arrays::compareUnsigned);
        store.scan(readOptions, c, prefix, null, (k, v) -> {
            rows.put(k, v);
            return true;
        });
        // the group below's writes over what is stored, this group's own over both
        if (below != null) overlay(rows, below.pending.under(c, prefix));
        overlay(rows, pending.under(c, prefix));
        // visit after the scan is done and the view is copied, so the visitor may write to this Txn
        rows.forEach(visitor);
    }

    private static void overlay(TreeMap<byte[], byte[]> rows, Map<byte[], byte[]> writes) {
        writes.forEach((k, v) -> {
            if (v == PendingWrites.DELETED) rows.remove(k); else rows.put(k, v);
        });
    }

    public Profile profile(String id) {
        Optional<Profile> cached = profiles.get(id);
        if (cached != null) return cached.orElse(null);
        Optional<Profile> before = below == null ? null : below.dirty.get(id);
        if (before != null) {
            profiles.put(id, before);
            return before.orElse(null);
        }
        Profile warm = hot.get(id);
        if (warm != null) {
            profiles.put(id, Optional.of(warm));
            return warm;
        }
        byte[] b = get(Column.PROFILES, StoreKeys.profileKey(id));
        Profile p = b == null ? null : ProfileJson.fromBytes(b);
        profiles.put(id, Optional.ofNullable(p));
        return p;
    }

    public void putProfile(Profile p) {
        remember(p.id());
        profiles.put(p.id(), Optional.of(p));
        dirty.put(p.id(), Optional.of(p));
    }

    public void deleteProfile(String id) {
        remember(id);
        profiles.put(id, Optional.empty());
        dirty.put(id, Optional.empty());
    }

    private void remember(String id) {
        if (!inRequest) return;
        if (!undo.containsKey(id)) undo.put(id, profiles.get(id));
        if (!undoDirty.containsKey(id)) undoDirty.put(id, dirty.get(id));
    }

    /** Writes staged profiles into the batch and commits everything with one synced write. */
    public void commit(WriteOptions options) {
        prepare();
        try {
            write(options);
        } catch (StoreException e) {
            dirty.keySet().forEach(hot::remove);
            throw e;
        }
        published();
    }

    /** Ends the group: its staged profiles join its writes. After this the Txn takes no more writes. */
    public void prepare() {
        dirty.forEach((id, p) -> {
            if (p.isPresent()) put(Column.PROFILES, StoreKeys.profileKey(id), ProfileJson.toBytes(p.get()));
            else delete(Column.PROFILES, StoreKeys.profileKey(id));
        });
    }

    /**
     * Writes the prepared group with one write. May run on another thread than the writer's, while
     * the writer builds the next group over this one: it only reads the pending writes, which no
     * one changes after {@link #prepare()}.
     */
    public void write(WriteOptions options) {
        try (WriteBatch batch = toBatch()) {
            store.db().write(options, batch);
        } catch (RocksDBException e) {
            throw new StoreException("commit failed: " + e.getMessage(), e);
        }
    }

    /** The write returned: later groups may now take these profiles from the hot map without reading them. */
    public void published() {
        dirty.forEach((id, p) -> {
            if (p.isPresent()) hot.put(id, p.get()); else hot.remove(id);
        });
        dirty.clear();
    }

    private WriteBatch toBatch() {
        int[] ids = new int[Column.values().length];
        for (Column c : Column.values()) ids[c.ordinal()] = store.handle(c).getID();
        return new WriteBatch(pending.serialized(ids));
    }

    /** Runs {@code action} after the group containing this request is durable; never if it rolls back. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** The after-commit actions, for the writer to run once the write returned. */
    public List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    @Override
    public void close() {
        readOptions.close();
    }
}
