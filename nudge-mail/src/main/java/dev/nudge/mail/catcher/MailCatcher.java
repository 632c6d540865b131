package dev.nudge.mail.catcher;

import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.outbox.DeliveryProbe;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default transport when no SMTP server is configured ({@code nudge serve}, the demo): accepts
 * every message and keeps the newest {@code capacity} in memory, for {@code GET /api/v1/outbox} and
 * the dashboard. Being the receiver, it can always answer the {@link DeliveryProbe} question, so
 * crash recovery over the catcher is exact: exactly one message per intent.
 *
 * <p>Kept in memory on purpose: caught mail is a development aid, and the outbox store already holds
 * the durable record of every send. Thread-safe.
 */
public final class MailCatcher implements MailTransport, DeliveryProbe {
    /** A page of messages, newest first; {@code nextCursor} is null at the end. */
    public record Page(List<CaughtMessage> items, String nextCursor) {
    }

    private final int capacity;
    private final InstantSource clock;
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentSkipListMap<Long, CaughtMessage> bySeq = new ConcurrentSkipListMap<>();
    private final Map<String, Long> byMessageId = new ConcurrentHashMap<>();
    /** Set once anything was evicted or cleared: from then on "absent" no longer means "never caught". */
    private volatile boolean forgotten;

    public MailCatcher(int capacity, InstantSource clock) {
        if (capacity < 1) throw new IllegalArgumentException("catcher capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public DeliveryResult send(OutgoingMessage m) {
        long s = seq.incrementAndGet();
        bySeq.put(s, new CaughtMessage(s, m, clock.instant()));
        byMessageId.put(m.messageId(), s);
        while (bySeq.size() > capacity) {
            var eldest = bySeq.pollFirstEntry();
            if (eldest == null) break;
            byMessageId.remove(eldest.getValue().message().messageId(), eldest.getKey());
            forgotten = true;
        }
        return new DeliveryResult.Accepted("250 2.0.0 caught as #" + s);
    }

    /**
     * Remembers evicted ids only while they are in memory: a recovery after eviction answers
     * "unknown", and the outbox's policy applies.
     */
    @Override
    public Optional<Boolean> accepted(String messageId) {
        if (byMessageId.containsKey(messageId)) return Optional.of(true);
        return forgotten ? Optional.empty() : Optional.of(false);
    }

    public Optional<CaughtMessage> find(String messageId) {
        Long s = byMessageId.get(messageId);
        return s == null ? Optional.empty() : Optional.ofNullable(bySeq.get(s));
    }

    /** Newest first, starting below {@code cursor} (null: the newest); limit 1-1000 as in the API. */
    public Page list(String cursor, int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        long below;
        try {
            below = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "': pass back the next_cursor of the previous page");
        }
        List<CaughtMessage> items = new ArrayList<>();
        for (CaughtMessage m : bySeq.headMap(below, false).descendingMap().values()) {
            if (items.size() == limit) break;
            items.add(m);
        }
        String next = items.size() == limit && bySeq.lowerKey(items.get(items.size() - 1).seq()) != null
                ? Long.toString(items.get(items.size() - 1).seq()) : null;
        return new Page(List.copyOf(items), next);
    }

    public int size() {
        return bySeq.size();
    }

    public void clear() {
        forgotten = true;
        bySeq.clear();
        byMessageId.clear();
    }
}
