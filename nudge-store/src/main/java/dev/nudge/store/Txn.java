package dev.nudge.store;

import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
    /** Store values read ahead by {@link #prefetch} for the current request; ABSENT = not stored. */
    private final Map<StoredKey, byte[]> prefetched = new HashMap<>();
    private static final byte[] ABSENT = new byte[0];

    private record StoredKey(Column column, byte[] key) {
        @Override public boolean equals(Object o) {
            return o instanceof StoredKey k && k.column == column && Arrays.equals(k.key, key);
        }
        @Override public int hashCode() {
            return 31 * column.ordinal() + Arrays.hashCode(key);
        }
    }
    /** Actions to run once the group is durable (publishing transitions); a rollback drops the request's own. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    private int afterCommitMark;

    /** Decoded profiles of recent groups (write-through, writer thread only); may be empty, never stale. */
    private final Map<String, Profile> hot;

    public Txn(NudgeStore store) {
        this(store, new HashMap<>());
    }

    /**
     * @param hot profiles as committed by earlier groups, kept by the writer across groups so a
     *            profile seen again is not decoded again; this Txn updates it only after its commit
     */
    public Txn(NudgeStore store, Map<String, Profile> hot) {
        this.store = store;
        this.hot = hot;
    }

    public NudgeStore store() {
        return store;
    }

    public void begin() {
        pending.mark();
        afterCommitMark = afterCommit.size();
        undo.clear();
        undoDirty.clear();
        inRequest = true;
    }

    public void commitRequest() {
        pending.release();
        prefetched.clear();
        inRequest = false;
    }

    public void rollbackRequest() {
        pending.rollback();
        prefetched.clear();
        undo.forEach((id, prev) -> {
            if (prev == null) profiles.remove(id); else profiles.put(id, prev);
        });
        undoDirty.forEach((id, prev) -> {
            if (prev == null) dirty.remove(id); else dirty.put(id, prev);
        });
        afterCommit.subList(afterCommitMark, afterCommit.size()).clear();
        inRequest = false;
    }

    public byte[] get(Column c, byte[] key) {
        byte[] written = pending.get(c, key);
        if (written != null) return written == PendingWrites.DELETED ? null : written;
        if (!prefetched.isEmpty()) {
            byte[] read = prefetched.get(new StoredKey(c, key));
            if (read != null) return read == ABSENT ? null : read;
        }
        try {
            return store.db().get(store.handle(c), readOptions, key);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    /**
     * Reads {@code keys} from the store in one multi-get, so that this request's {@link #get}s of them
     * do not each cross into RocksDB. What was read is forgotten when the request ends; it cannot go
     * stale before, because every write to the store passes through the writer's Txn, and this
     * request's own writes are looked up first.
     */
    public void prefetch(Column c, List<byte[]> keys) {
        if (keys.isEmpty()) return;
        List<byte[]> values;
        try {
            values = store.db().multiGetAsList(readOptions, Collections.nCopies(keys.size(), store.handle(c)), keys);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
        for (int i = 0; i < keys.size(); i++) {
            byte[] v = values.get(i);
            prefetched.put(new StoredKey(c, keys.get(i)), v == null ? ABSENT : v);
        }
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
        try (RocksIterator it = store.db().newIterator(store.handle(c), readOptions)) {
            for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
                rows.put(it.key(), it.value());
            }
        }
        // this group's own writes over what is stored
        pending.under(c, prefix).forEach((k, v) -> {
            if (v == PendingWrites.DELETED) rows.remove(k); else rows.put(k, v);
        });
        // visit after the iterator is closed and the view is copied, so the visitor may write to this Txn
        rows.forEach(visitor);
    }

    public Profile profile(String id) {
        Optional<Profile> cached = profiles.get(id);
        if (cached != null) return cached.orElse(null);
        Profile warm = hot.get(id);
        if (warm != null) {
            profiles.put(id, Optional.of(warm));
            return warm;
        }
        byte[] b = get(Column.PROFILES, StoreKeys.utf8(id));
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
        dirty.forEach((id, p) -> {
            if (p.isPresent()) put(Column.PROFILES, StoreKeys.utf8(id), ProfileJson.toBytes(p.get()));
            else delete(Column.PROFILES, StoreKeys.utf8(id));
        });
        try (WriteBatch batch = toBatch()) {
            store.db().write(options, batch);
        } catch (RocksDBException e) {
            dirty.keySet().forEach(hot::remove);
            throw new StoreException("commit failed: " + e.getMessage(), e);
        }
        // only now, with the write durable, may later groups see these profiles without reading them
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
