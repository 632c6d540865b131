package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.store.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link SuppressionStore} over RocksDB: {@code ex/{email}\0{REASON}}. The NUL separator sorts below
 * every address character, so key order is (email, reason) order and {@link #find} is one prefix scan.
 */
final class RocksSuppressionStore implements SuppressionStore {
    private final StoreAccess db;

    RocksSuppressionStore(StoreAccess db) {
        this.db = db;
    }

    @Override
    public void put(Suppression s) {
        db.write(txn -> {
            txn.put(Column.STATE, StoreKeys.suppression(s.email(), s.reason().name()), MailCodec.suppression(s));
            return null;
        });
    }

    @Override
    public boolean remove(String email, SuppressionReason reason) {
        byte[] key = StoreKeys.suppression(Suppression.normalize(email), reason.name());
        return db.write(txn -> {
            if (txn.get(Column.STATE, key) == null) return false;
            txn.delete(Column.STATE, key);
            return true;
        });
    }

    @Override
    public List<Suppression> find(String email) {
        List<Suppression> out = new ArrayList<>();
        db.scan(StoreKeys.suppressionPrefix(Suppression.normalize(email)), null, (k, v) -> out.add(MailCodec.suppression(v)));
        return out;
    }

    @Override
    public List<Suppression> page(String cursor, int limit) {
        byte[] from = null;
        if (cursor != null) {
            int slash = cursor.lastIndexOf('/');
            if (slash <= 0) throw new IllegalArgumentException("suppression cursor must be email/REASON, got '" + cursor + "'");
            from = StoreKeys.after(StoreKeys.suppression(cursor.substring(0, slash), cursor.substring(slash + 1)));
        }
        List<Suppression> out = new ArrayList<>();
        db.scan(StoreKeys.Prefix.SUPPRESSION.bytes(), from, (k, v) -> {
            out.add(MailCodec.suppression(v));
            return out.size() < limit;
        });
        return out;
    }
}
