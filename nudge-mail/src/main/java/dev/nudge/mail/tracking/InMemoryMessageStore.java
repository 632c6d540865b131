package dev.nudge.mail.tracking;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** For tests and the demo; unbounded. */
public final class InMemoryMessageStore implements MessageStore {
    private final ConcurrentHashMap<String, StoredMessage> byId = new ConcurrentHashMap<>();

    @Override
    public void put(StoredMessage message) {
        byId.put(message.messageId(), message);
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    public int size() {
        return byId.size();
    }
}
