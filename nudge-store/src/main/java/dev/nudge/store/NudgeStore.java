package dev.nudge.store;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.ProfileJson;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded store: one RocksDB database per node (DESIGN.md §5). This class owns opening,
 * closing and the read side; every write goes through {@link dev.nudge.store.ingest.IngestWriter},
 * the single writer whose group commits make each accepted batch one atomic, synced write.
 *
 * <p>Reads are safe from any thread and see every acknowledged write.
 */
public final class NudgeStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache blockCache;
    private final Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
    private final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
    private volatile boolean closed;

    private NudgeStore(Path dir, RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions, LRUCache cache,
                       List<ColumnFamilyHandle> opened) {
        this.dir = dir;
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.blockCache = cache;
        this.allHandles.addAll(opened);
        for (ColumnFamilyHandle h : opened) {
            try {
                String name = StoreKeys.string(h.getName());
                for (Column c : Column.values()) if (StoreKeys.string(c.cfName()).equals(name)) handles.put(c, h);
            } catch (RocksDBException e) {
                throw new StoreException("cannot read column family name", e);
            }
        }
    }

    /**
     * Opens (creating if needed) the store in {@code dir}. Fails with a message that says what to do
     * when another process holds the folder.
     */
    public static NudgeStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            LRUCache cache = new LRUCache(256L << 20);
            DBOptions dbo = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2).setBytesPerSync(1 << 20);
            ColumnFamilyOptions cfo = new ColumnFamilyOptions()
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setWriteBufferSize(64L << 20)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)
                            .setFilterPolicy(new org.rocksdb.BloomFilter(10, false)));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfo));
            for (Column c : Column.values()) descriptors.add(new ColumnFamilyDescriptor(c.cfName(), cfo));
            List<ColumnFamilyHandle> opened = new ArrayList<>();
            RocksDB db = RocksDB.open(dbo, dir.toString(), descriptors, opened);
            return new NudgeStore(dir, db, dbo, cfo, cache, opened);
        } catch (RocksDBException e) {
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.IOError
                    && String.valueOf(e.getMessage()).contains("lock")) {
                throw new StoreException("the data folder " + dir + " is in use by another Nudge process; stop it first, "
                        + "or pass a different --data folder", e);
            }
            throw new StoreException("cannot open the data folder " + dir + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public RocksDB db() {
        return db;
    }

    public ColumnFamilyHandle handle(Column c) {
        return handles.get(c);
    }

    public byte[] get(Column c, byte[] key) {
        try {
            return db.get(handles.get(c), key);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    /** The committed values of {@code keys} (null where absent), read with one multi-get. */
    public List<byte[]> multiGet(Column c, List<byte[]> keys) {
        try {
            return db.multiGetAsList(Collections.nCopies(keys.size(), handles.get(c)), keys);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    /** Resolves any raw id (userId, anonymousId or canonical id) to the canonical profile id, or null. */
    public String resolve(String rawId) {
        byte[] p = get(Column.IDS, StoreKeys.userIdKey(rawId));
        if (p == null) p = get(Column.IDS, StoreKeys.anonymousIdKey(rawId));
        if (p != null) return StoreKeys.string(p);
        return get(Column.PROFILES, StoreKeys.profileKey(rawId)) != null ? rawId : null;
    }

    public Profile profile(String canonicalId) {
        byte[] b = get(Column.PROFILES, StoreKeys.profileKey(canonicalId));
        return b == null ? null : ProfileJson.fromBytes(b);
    }

    /** Canonical ids of the profiles whose email trait is {@code email} (case-insensitive). */
    public List<String> profilesByEmail(String email) {
        byte[] prefix = StoreKeys.emailPrefix(email.trim().toLowerCase(java.util.Locale.ROOT));
        List<String> ids = new ArrayList<>();
        scan(Column.EMAILS, prefix, (k, v) -> ids.add(StoreKeys.profileIdOfEmailKey(k)));
        return ids;
    }

    /** One page of a profile's events, newest first. */
    public record EventPage(List<Event> events, byte[] nextCursor) {}

    /**
     * Events of a profile, newest first, {@code limit} at most, starting strictly before the event
     * whose key is {@code cursor} (null for the newest).
     */
    public EventPage events(String profileId, int limit, byte[] cursor) {
        List<Event> out = new ArrayList<>();
        byte[][] last = {null};
        boolean[] more = {false};
        scanBackward(Column.EVENTS, StoreKeys.eventPrefix(profileId), cursor, (k, v) -> {
            if (cursor != null && java.util.Arrays.equals(k, cursor)) return true;
            if (out.size() >= limit) {
                more[0] = true;
                return false;
            }
            last[0] = k;
            out.add(EventJson.fromBytes(v));
            return true;
        });
        return new EventPage(out, more[0] ? last[0] : null);
    }

    /** Every event of a profile in event-time order (the segment engine's history source). */
    public List<Event> history(String profileId) {
        List<Event> out = new ArrayList<>();
        scan(Column.EVENTS, StoreKeys.eventPrefix(profileId), (k, v) -> out.add(EventJson.fromBytes(v)));
        return out;
    }

    /**
     * What a scan calls for each row it visits, in scan order; returning false stops the scan. The
     * arrays are the caller's to keep. The scan's iterator is a consistent view of committed data.
     */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** What {@link #scanRuns} calls for each row: {@code run} is the index of the prefix the row is under. */
    @FunctionalInterface
    public interface RunVisitor {
        void visit(int run, byte[] key, byte[] value);
    }

    // The scans below are the only places that open an iterator: features ask for a prefix, a start
    // and a direction; creating the iterator, its ReadOptions and closing them stay here.

    /** Visits every key/value under {@code prefix} in key order. */
    public void scan(Column c, byte[] prefix, java.util.function.BiConsumer<byte[], byte[]> visitor) {
        scan(c, prefix, null, (k, v) -> {
            visitor.accept(k, v);
            return true;
        });
    }

    /** Visits keys under {@code prefix} in key order, from {@code from} (inclusive; null: the prefix start), while the visitor returns true. */
    public void scan(Column c, byte[] prefix, byte[] from, Visitor visitor) {
        try (ReadOptions ro = new ReadOptions()) {
            scan(ro, c, prefix, from, visitor);
        }
    }

    void scan(ReadOptions ro, Column c, byte[] prefix, byte[] from, Visitor visitor) {
        try (RocksIterator it = db.newIterator(handles.get(c), ro)) {
            for (it.seek(from == null ? prefix : from); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
                if (!visitor.visit(it.key(), it.value())) return;
            }
        }
    }

    /** Visits the keys (only: values are not read) under {@code prefix} in key order. */
    public void scanKeys(Column c, byte[] prefix, Consumer<byte[]> visitor) {
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(handles.get(c), ro)) {
            for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) visitor.accept(it.key());
        }
    }

    /**
     * Visits keys under {@code prefix} in reverse key order, from the greatest key at or before
     * {@code atOrBefore} (null: the last key under the prefix), while the visitor returns true.
     */
    public void scanBackward(Column c, byte[] prefix, byte[] atOrBefore, Visitor visitor) {
        try (ReadOptions ro = new ReadOptions(); RocksIterator it = db.newIterator(handles.get(c), ro)) {
            if (atOrBefore != null) it.seekForPrev(atOrBefore);
            else {
                byte[] end = StoreKeys.prefixEnd(prefix);
                if (end == null) it.seekToLast(); else {
                    it.seekForPrev(end);
                    if (it.isValid() && java.util.Arrays.equals(it.key(), end)) it.prev();
                }
            }
            for (; it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.prev()) {
                if (!visitor.visit(it.key(), it.value())) return;
            }
        }
    }

    /**
     * Visits, for each of {@code prefixes} in turn, the rows under it. The prefixes must be in
     * ascending unsigned byte order and none a prefix of another: the whole list costs one seek, then
     * only {@code next()}, skipping rows that lie between two prefixes. For sweeps (backfill), so it
     * leaves the block cache alone.
     */
    public void scanRuns(Column c, List<byte[]> prefixes, RunVisitor visitor) {
        if (prefixes.isEmpty()) return;
        try (ReadOptions ro = new ReadOptions().setFillCache(false); RocksIterator it = db.newIterator(handles.get(c), ro)) {
            it.seek(prefixes.get(0));
            for (int i = 0; i < prefixes.size(); i++) {
                byte[] prefix = prefixes.get(i);
                for (; it.isValid(); it.next()) {
                    byte[] k = it.key();
                    if (!StoreKeys.startsWith(k, prefix)) {
                        if (java.util.Arrays.compareUnsigned(k, prefix) < 0) continue; // a row under no listed prefix
                        break;
                    }
                    visitor.visit(i, k, it.value());
                }
            }
        }
    }

    /** Visits every profile (for backfill, scheduled recomputation and export). */
    public void forEachProfile(Consumer<Profile> visitor) {
        scan(Column.PROFILES, new byte[0], (k, v) -> visitor.accept(ProfileJson.fromBytes(v)));
    }

    /**
     * Null while the store is open and RocksDB reports no background error; otherwise what is wrong.
     * After a background error (a failed flush or compaction: disk full, I/O error) RocksDB refuses
     * writes until it recovers, so a node in that state must not take traffic.
     */
    public String problem() {
        if (closed) return "the store is closed";
        try {
            long errors = db.getLongProperty("rocksdb.background-errors");
            return errors == 0 ? null : "RocksDB reported " + errors + " background error(s) (disk full or an I/O error?); see the log and free space in " + dir;
        } catch (RocksDBException e) {
            return "RocksDB does not answer: " + e.getMessage();
        }
    }

    public long estimateCount(Column c) {
        try {
            return db.getLongProperty(handles.get(c), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ColumnFamilyHandle h : allHandles) h.close();
        try {
            db.syncWal();
        } catch (RocksDBException ignored) {
            // closing anyway; every acknowledged write was already synced
        }
        db.close();
        dbOptions.close();
        cfOptions.close();
        blockCache.close();
    }
}
