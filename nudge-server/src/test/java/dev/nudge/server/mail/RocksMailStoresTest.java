package dev.nudge.server.mail;

import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.mail.tracking.StoredMessage;
import dev.nudge.mail.unsubscribe.ConsentChange;
import dev.nudge.mail.unsubscribe.ConsentLogEntry;
import dev.nudge.server.NudgeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The RocksDB mail stores keep the contracts of the nudge-mail interfaces, and keep them across a reopen. */
class RocksMailStoresTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @TempDir
    Path dir;
    private NudgeRuntime runtime;
    private StoreAccess db;

    private void open() {
        runtime = NudgeRuntime.open(dir, null, InstantSource.fixed(T0), 10_000);
        db = new StoreAccess(runtime.store(), runtime.writer());
    }

    @AfterEach
    void close() {
        if (runtime != null) runtime.close();
    }

    private static OutboxEntry queued(String key) {
        return OutboxEntry.queued(new SendIntent(key, "promo", "p-" + key, "c1", null, null, null, Map.of("step", "a"), null, T0));
    }

    @Test
    void outbox_enqueueIsPutIfAbsent_andCasMovesTheStatusIndex_durablyAcrossReopen() {
        open();
        RocksOutboxStore outbox = new RocksOutboxStore(db);
        assertThat(outbox.enqueue(queued("k1"))).isTrue();
        assertThat(outbox.enqueue(queued("k1").with(OutboxStatus.FAILED, "x", T0))).as("an existing key is never overwritten").isFalse();
        assertThat(outbox.enqueue(queued("k2"))).isTrue();
        OutboxEntry sending = outbox.get("k1").orElseThrow().sending("mid-1", T0.plusSeconds(1));
        assertThat(outbox.compareAndSet("k1", OutboxStatus.SENT, sending)).as("wrong expected status").isFalse();
        assertThat(outbox.compareAndSet("k1", OutboxStatus.QUEUED, sending)).isTrue();
        assertThat(outbox.compareAndSet("k1", OutboxStatus.QUEUED, sending)).as("second CAS from the same state loses").isFalse();
        assertThat(outbox.inStatus(OutboxStatus.QUEUED, 10)).extracting(OutboxEntry::key).containsExactly("k2");
        assertThat(outbox.inStatus(OutboxStatus.SENDING, 10)).extracting(OutboxEntry::key).containsExactly("k1");

        runtime.close();
        open();
        outbox = new RocksOutboxStore(db);
        OutboxEntry back = outbox.get("k1").orElseThrow();
        assertThat(back).isEqualTo(sending);
        assertThat(back.intent().flow()).containsEntry("step", "a");
        assertThat(outbox.inStatus(OutboxStatus.SENDING, 10)).extracting(OutboxEntry::key).containsExactly("k1");
    }

    @Test
    void outbox_concurrentCasFromManyThreads_exactlyOneWinsPerKey() throws Exception {
        open();
        RocksOutboxStore outbox = new RocksOutboxStore(db);
        int keys = 50;
        for (int i = 0; i < keys; i++) outbox.enqueue(queued("k" + i));
        AtomicInteger wins = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < keys; i++) {
                    OutboxEntry e = outbox.get("k" + i).orElseThrow();
                    if (e.status() == OutboxStatus.QUEUED && outbox.compareAndSet(e.key(), OutboxStatus.QUEUED, e.sending("m" + i, T0))) wins.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertThat(wins.get()).isEqualTo(keys);
        assertThat(outbox.inStatus(OutboxStatus.QUEUED, 1000)).isEmpty();
        assertThat(outbox.inStatus(OutboxStatus.SENDING, 1000)).hasSize(keys);
    }

    @Test
    void outbox_inStatusPagesInKeyOrderAfterTheGivenKey() {
        open();
        RocksOutboxStore outbox = new RocksOutboxStore(db);
        long seed = System.nanoTime();
        Random r = new Random(seed);
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < 120; i++) {
            String k = "broadcast/b/" + Integer.toString(r.nextInt(1_000_000), 36);
            if (expected.add(k)) outbox.enqueue(queued(k));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            List<OutboxEntry> page = outbox.inStatus(OutboxStatus.QUEUED, after, 7);
            if (page.isEmpty()) break;
            page.forEach(e -> seen.add(e.key()));
            after = page.get(page.size() - 1).key();
        }
        assertThat(seen).as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    @Test
    void suppressions_findIsCaseInsensitive_pageIsEmailThenReasonOrder_removeReportsPresence() {
        open();
        RocksSuppressionStore s = new RocksSuppressionStore(db);
        s.put(new Suppression("B@x.com", SuppressionReason.MANUAL, "api", null, T0));
        s.put(new Suppression("a@x.com", SuppressionReason.HARD_BOUNCE, "smtp", null, T0));
        s.put(new Suppression("b@x.com", SuppressionReason.UNSUBSCRIBED, "one_click", null, T0));
        s.put(new Suppression("ab@x.com", SuppressionReason.MANUAL, "api", null, T0));
        assertThat(s.find("  B@X.COM ")).extracting(Suppression::reason).containsExactlyInAnyOrder(SuppressionReason.MANUAL, SuppressionReason.UNSUBSCRIBED);
        assertThat(s.find("a@x.com")).hasSize(1);
        List<Suppression> first = s.page(null, 2);
        assertThat(first).extracting(Suppression::email).containsExactly("a@x.com", "ab@x.com");
        List<Suppression> rest = s.page(SuppressionStore.cursorOf(first.get(1)), 10);
        assertThat(rest).extracting(Suppression::email).containsExactly("b@x.com", "b@x.com");
        assertThat(s.remove("B@x.com", SuppressionReason.MANUAL)).isTrue();
        assertThat(s.remove("b@x.com", SuppressionReason.MANUAL)).isFalse();
        assertThat(s.find("b@x.com")).extracting(Suppression::reason).containsExactly(SuppressionReason.UNSUBSCRIBED);
    }

    @Test
    void consentLog_isPerProfileOldestFirst_andMessagesRoundTrip() {
        open();
        RocksConsentLog log = new RocksConsentLog(db);
        log.append(new ConsentLogEntry("p1", "a@x.com", ConsentChange.unsubscribeAll(), "one_click", "1.2.3.4", "m1", T0.plusSeconds(5)));
        log.append(new ConsentLogEntry("p1", "a@x.com", ConsentChange.resubscribeAll(), "preference_page", null, "m1", T0.plusSeconds(5)));
        log.append(new ConsentLogEntry("p10", "c@x.com", new ConsentChange(ConsentChange.Action.UNSUBSCRIBE, "deals"), "api", null, null, T0));
        log.append(new ConsentLogEntry("p1", "a@x.com", ConsentChange.unsubscribeAll(), "mailto", null, null, T0));
        assertThat(log.history("p1")).extracting(e -> e.source()).containsExactly("mailto", "one_click", "preference_page");
        assertThat(log.history("p10")).singleElement().satisfies(e -> assertThat(e.change().topic()).isEqualTo("deals"));

        RocksMessageStore messages = new RocksMessageStore(db);
        StoredMessage m = new StoredMessage("mid@x", "k", "p1", "a@x.com", "c", null, null, List.of("https://a", "https://b"), null);
        messages.put(m);
        assertThat(messages.find("mid@x")).contains(m);
        messages.put(m.withSentAt(T0));
        assertThat(messages.find("mid@x").orElseThrow().sentAt()).isEqualTo(T0);
        assertThat(messages.find("other")).isEmpty();
    }
}
