package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.unsubscribe.ConsentLog;
import dev.nudge.mail.unsubscribe.ConsentLogEntry;
import dev.nudge.store.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ConsentLog} over RocksDB: append-only keys {@code ec/[len][profileId][at][seq]}; the sequence
 * (start time in nanos, then +1) keeps two changes in the same millisecond apart and in order.
 * Durable when {@code append} returns, i.e. before the unsubscribe is acknowledged.
 */
final class RocksConsentLog implements ConsentLog {
    private final StoreAccess db;
    private final AtomicLong seq = new AtomicLong(System.nanoTime() & Long.MAX_VALUE);

    RocksConsentLog(StoreAccess db) {
        this.db = db;
    }

    @Override
    public void append(ConsentLogEntry e) {
        byte[] key = StoreKeys.consent(e.profileId(), e.at(), seq.incrementAndGet());
        db.write(txn -> {
            txn.put(Column.STATE, key, MailCodec.consent(e));
            return null;
        });
    }

    @Override
    public List<ConsentLogEntry> history(String profileId) {
        List<ConsentLogEntry> out = new ArrayList<>();
        db.scan(StoreKeys.consentPrefix(profileId), null, (k, v) -> out.add(MailCodec.consent(v)));
        return out;
    }
}
