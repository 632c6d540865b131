package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.tracking.MessageStore;
import dev.nudge.mail.tracking.StoredMessage;
import dev.nudge.store.Column;

import java.util.List;
import java.util.Optional;

/** {@link MessageStore} over RocksDB: one key {@code em/{messageId}}, durable when {@code put} returns. */
final class RocksMessageStore implements MessageStore {
    private final StoreAccess db;

    RocksMessageStore(StoreAccess db) {
        this.db = db;
    }

    @Override
    public void put(StoredMessage m) {
        db.write(txn -> {
            txn.put(Column.STATE, StoreKeys.mailMessage(m.messageId()), MailCodec.message(m));
            return null;
        });
    }

    /** One synced commit for the batch. */
    @Override
    public void putAll(List<StoredMessage> ms) {
        if (ms.isEmpty()) return;
        db.write(txn -> {
            for (StoredMessage m : ms) txn.put(Column.STATE, StoreKeys.mailMessage(m.messageId()), MailCodec.message(m));
            return null;
        });
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        byte[] b = db.get(StoreKeys.mailMessage(messageId));
        return b == null ? Optional.empty() : Optional.of(MailCodec.message(b));
    }
}
