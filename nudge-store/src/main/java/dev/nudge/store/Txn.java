package dev.nudge.store;

import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The write set of one group commit: every change that the requests of the group make, staged in a
 * {@link WriteBatchWithIndex} so later requests read earlier ones' writes, and committed with one
 * synced write. Only the writer thread touches a Txn.
 *
 * <p>Each request runs between {@link #begin()} and {@link #commitRequest()} or {@link #rollbackRequest()};
 * a rollback undoes exactly that request (RocksDB save point plus an undo log of the decoded
 * profile cache), so a request is all-or-nothing even inside a shared group.
 */
public final class Txn implements AutoCloseable {
    private final NudgeStore store;
    private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
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
        batch.setSavePoint();
        afterCommitMark = afterCommit.size();
        undo.clear();
        undoDirty.clear();
        inRequest = true;
    }

    public void commitRequest() {
        try {
            batch.popSavePoint();
        } catch (RocksDBException e) {
            throw new StoreException("save point", e);
        }
        inRequest = false;
    }

    public void rollbackRequest() {
        try {
            batch.rollbackToSavePoint();
        } catch (RocksDBException e) {
            throw new StoreException("rollback", e);
        }
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
        try {
            return batch.getFromBatchAndDB(store.db(), store.handle(c), readOptions, key);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    public void put(Column c, byte[] key, byte[] value) {
        try {
            batch.put(store.handle(c), key, value);
        } catch (RocksDBException e) {
            throw new StoreException("write failed", e);
        }
    }

    public void delete(Column c, byte[] key) {
        try {
            batch.delete(store.handle(c), key);
        } catch (RocksDBException e) {
            throw new StoreException("delete failed", e);
        }
    }

    /** Visits, in key order, every key under {@code prefix} as this transaction sees it. */
    public void scan(Column c, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        List<byte[][]> rows = new ArrayList<>();
        try (RocksIterator base = store.db().newIterator(store.handle(c), readOptions);
             RocksIterator it = batch.newIteratorWithBase(store.handle(c), base)) {
            for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
                rows.add(new byte[][] {it.key(), it.value()});
            }
        }
        // visit after the iterator is closed, so the visitor may write to this Txn
        for (byte[][] r : rows) visitor.accept(r[0], r[1]);
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
        try {
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
        batch.close();
    }
}
