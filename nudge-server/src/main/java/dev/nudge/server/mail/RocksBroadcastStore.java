package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.broadcast.BroadcastState;
import dev.nudge.mail.broadcast.BroadcastStore;
import dev.nudge.store.Column;

import java.util.Optional;

/** {@link BroadcastStore} over RocksDB: checkpoint and counts in one key {@code eb/{id}}, durable on return. */
final class RocksBroadcastStore implements BroadcastStore {
    private final StoreAccess db;

    RocksBroadcastStore(StoreAccess db) {
        this.db = db;
    }

    @Override
    public Optional<BroadcastState> load(String id) {
        byte[] b = db.get(StoreKeys.broadcast(id));
        return b == null ? Optional.empty() : Optional.of(MailCodec.broadcast(b));
    }

    @Override
    public void save(BroadcastState s) {
        db.write(txn -> {
            txn.put(Column.STATE, StoreKeys.broadcast(s.id()), MailCodec.broadcast(s));
            return null;
        });
    }
}
