package dev.nudge.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.catcher.MailCatcher;
import dev.nudge.mail.testing.MailFixture;
import dev.nudge.mail.unsubscribe.ConsentChange;
import dev.nudge.mail.unsubscribe.ConsentResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenderTest {
    final MailFixture f = new MailFixture();
    final MailCatcher catcher = new MailCatcher(100, f.time);
    final Sender sender = f.sender(catcher, RecoveryPolicy.AT_MOST_ONCE);

    @Test
    void consentTrait_blocksMarketingButNotTransactional() throws Exception {
        f.people.put("a", new Profile("a", List.of("a"), List.of(), Map.of("email", "a@example.org",
                "consent", Map.of("email", "unsubscribed")), null, null, Map.of()));
        assertThat(sender.send(SendIntent.of("m", "promo", "a", f.time.instant())).detail()).isEqualTo("consent.email is unsubscribed");
        assertThat(sender.send(SendIntent.of("t", "receipt", "a", f.time.instant())).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void topicUnsubscribe_viaPreferencePage_blocksThatTopicOnly() throws Exception {
        f.person("a", "a@example.org");
        f.messages.put(new dev.nudge.mail.tracking.StoredMessage("x@mail.example.com", "k0", "a", "a@example.org", null, null, null,
                List.of(), f.time.instant())); // the message whose unsubscribe link is followed
        String token = f.unsubscribe.token("x@mail.example.com");
        var r = (ConsentResult.Applied) f.unsubscribe.apply(token, new ConsentChange(ConsentChange.Action.UNSUBSCRIBE, "deals"),
                "preference_page", "1.2.3.4", f.time.instant());
        // ingest would apply the identify; do it by hand here
        Profile p = f.people.get("a");
        f.people.put("a", p.withTraits(r.events().get(1).traits()));
        SendOutcome o = sender.send(SendIntent.of("m", "promo", "a", f.time.instant())); // promo has topic: deals
        assertThat(o.status()).isEqualTo(OutboxStatus.SUPPRESSED);
        assertThat(o.detail()).contains("topic deals");
        assertThat(catcher.size()).isZero();
    }

    @Test
    void missingProfileOrEmailOrTemplate_failWithReason() throws Exception {
        assertThat(sender.send(SendIntent.of("k1", "promo", "ghost", f.time.instant())).detail()).contains("not found");
        f.people.put("noemail", new Profile("noemail", List.of("noemail"), List.of(), Map.of(), null, null, Map.of()));
        assertThat(sender.send(SendIntent.of("k2", "promo", "noemail", f.time.instant())).detail()).contains("no email");
        f.person("a", "a@example.org");
        SendOutcome o = sender.send(SendIntent.of("k3", "nope", "a", f.time.instant()));
        assertThat(o.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(o.detail()).contains("nope").contains("not found");
    }

    @Test
    void triggerEventAndFlowReachTheTemplate_andStoredMessageKnowsTheFlow() throws Exception {
        f.person("a", "a@example.org");
        Event trigger = Event.track("e1", "a", "Order Completed", Map.of("revenue", 10), Instant.parse("2026-03-01T10:00:00Z"));
        sender.send(new SendIntent("flow/f1/r1/s1", "promo", "a", "c9", "f1", "s1", trigger, Map.of("name", "Welcome"),
                List.of(Map.of("name", "Cap", "url", "https://shop.example.com/cap")), f.time.instant()));
        var caught = catcher.list(null, 1).items().get(0).message();
        var stored = f.messages.find(caught.messageId()).orElseThrow();
        assertThat(stored.flowId()).isEqualTo("f1");
        assertThat(stored.campaignId()).isEqualTo("c9");
        assertThat(stored.links()).containsExactly("https://shop.example.com/sale?x=1&y=2", "https://shop.example.com/new", "https://shop.example.com/cap");
        assertThat(stored.sentAt()).isEqualTo(f.time.instant());
    }

    @Test
    void worker_drainsFlowKeysPastBroadcastKeysAndLeavesThoseToTheirRunner() throws Exception {
        for (int i = 0; i < 250; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("broadcast/b1/p" + i, "promo", "p" + i, f.time.instant())));
        }
        f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("flow/f1/r1/s1", "promo", "p1", f.time.instant())));
        f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("tx/receipt/9", "receipt", "p2", f.time.instant())));
        var worker = new OutboxWorker(f.outbox, sender, ErrorRateBreaker.defaults(), e -> { });
        var outcomes = worker.drain(1000);
        assertThat(outcomes).extracting(SendOutcome::key).containsExactly("flow/f1/r1/s1", "tx/receipt/9");
        assertThat(f.outbox.inStatus(OutboxStatus.QUEUED, 1000)).hasSize(250);
        assertThat(worker.drain(1000)).isEmpty();
    }

    /** Counts the outbox's writes: a batch must share them, not pay them per message. */
    static final class CountingOutbox implements OutboxStore {
        final InMemoryOutboxStore delegate;
        final java.util.concurrent.atomic.AtomicInteger singleWrites = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger batchWrites = new java.util.concurrent.atomic.AtomicInteger();

        CountingOutbox(InMemoryOutboxStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean enqueue(OutboxEntry entry) {
            return delegate.enqueue(entry);
        }

        @Override
        public java.util.Optional<OutboxEntry> get(String key) {
            return delegate.get(key);
        }

        @Override
        public boolean compareAndSet(String key, OutboxStatus expected, OutboxEntry next) {
            singleWrites.incrementAndGet();
            return delegate.compareAndSet(key, expected, next);
        }

        @Override
        public boolean[] compareAndSetAll(List<Change> changes) {
            batchWrites.incrementAndGet();
            boolean[] applied = new boolean[changes.size()];
            for (int i = 0; i < applied.length; i++) applied[i] = delegate.compareAndSet(changes.get(i).key(), changes.get(i).expected(), changes.get(i).next());
            return applied;
        }

        @Override
        public List<OutboxEntry> inStatus(OutboxStatus status, String afterKey, int limit) {
            return delegate.inStatus(status, afterKey, limit);
        }
    }

    /** Profiles p0..p(n-1), each with a queued promo under key b/pI; returns the keys. */
    List<String> queued(int n) {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            keys.add("b/p" + i);
            f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("b/p" + i, "promo", "p" + i, f.time.instant())));
        }
        return keys;
    }

    Sender scripted(OutboxStore outbox, dev.nudge.mail.MailTransport transport) {
        return new Sender(outbox, f.messages, id -> java.util.Optional.ofNullable(f.people.get(id)), f.suppressions, f.engine, f.composer,
                transport, new dev.nudge.mail.smtp.TokenBucket(1_000_000, 1000, f.time, f.time),
                new RetryPolicy(3, java.time.Duration.ofSeconds(2), 2.0, java.time.Duration.ofMinutes(1)), RecoveryPolicy.AT_MOST_ONCE, f.time, f.time);
    }

    @Test
    void batch_endsEachEntryAsSendingItAloneWould_inTwoOutboxWritesForTheCleanOnes() throws Exception {
        java.util.Set<String> triedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        dev.nudge.mail.MailTransport transport = m -> switch (m.to()) {
            case "bad@example.org" -> new dev.nudge.mail.DeliveryResult.Rejected(550, "5.1.1", "no such user", true);
            case "busy@example.org" -> triedOnce.add(m.to()) ? new dev.nudge.mail.DeliveryResult.Rejected(421, "4.7.0", "try later", false)
                    : new dev.nudge.mail.DeliveryResult.Accepted("250 ok after retry");
            default -> new dev.nudge.mail.DeliveryResult.Accepted("250 ok");
        };
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            keys.add("b/p" + i);
        }
        f.person("bad", "bad@example.org");
        f.person("busy", "busy@example.org");
        f.suppressions.put(new dev.nudge.mail.suppression.Suppression("p3@example.org", dev.nudge.mail.suppression.SuppressionReason.UNSUBSCRIBED,
                "test", null, f.time.instant()));
        keys.addAll(List.of("b/bad", "b/busy", "b/ghost"));
        for (String k : keys) f.outbox.enqueue(OutboxEntry.queued(SendIntent.of(k, "promo", k.substring(2), f.time.instant())));

        CountingOutbox counting = new CountingOutbox(f.outbox);
        List<SendOutcome> outcomes = scripted(counting, transport).deliverAll(keys, () -> false);

        assertThat(outcomes).extracting(SendOutcome::key).containsExactlyElementsOf(keys);
        assertThat(outcomes).extracting(SendOutcome::status).containsExactly(
                OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SUPPRESSED, OutboxStatus.SENT,
                OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SENT,
                OutboxStatus.BOUNCED, OutboxStatus.SENT, OutboxStatus.FAILED);
        assertThat(outcomes.get(10).events()).extracting(dev.nudge.core.event.Event::name).containsExactly(dev.nudge.mail.EmailEvents.BOUNCED);
        assertThat(outcomes.get(11).detail()).isEqualTo("250 ok after retry");
        assertThat(f.outbox.get("b/busy").orElseThrow().attempts()).isEqualTo(2);
        assertThat(f.suppressions.find("bad@example.org")).isNotEmpty();
        // the 9 clean sends took 3 shared writes (ended-before-sending, SENDING, SENT); only the bounce and the retry wrote alone
        assertThat(counting.batchWrites.get()).isEqualTo(3);
        assertThat(counting.singleWrites.get()).isEqualTo(1 + 3);
        for (String k : List.of("b/p0", "b/p9", "b/busy")) {
            assertThat(f.messages.find(f.outbox.get(k).orElseThrow().messageId()).orElseThrow().sentAt()).as(k).isNotNull();
        }
    }

    @Test
    void batch_haltedMidway_putsTheRestBackUntouchedAndReportsThemNotDone() throws Exception {
        List<String> keys = queued(6);
        java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
        List<SendOutcome> outcomes = scripted(f.outbox, m -> {
            handed.incrementAndGet();
            return new dev.nudge.mail.DeliveryResult.Accepted("250 ok");
        }).deliverAll(keys, () -> handed.get() >= 2);

        assertThat(outcomes).extracting(SendOutcome::status).containsExactly(OutboxStatus.SENT, OutboxStatus.SENT,
                OutboxStatus.QUEUED, OutboxStatus.QUEUED, OutboxStatus.QUEUED, OutboxStatus.QUEUED);
        assertThat(outcomes.subList(2, 6)).allMatch(SendOutcome::alreadyDone).noneMatch(SendOutcome::countsAsError);
        for (String k : keys.subList(2, 6)) {
            OutboxEntry e = f.outbox.get(k).orElseThrow();
            assertThat(e.attempts()).as(k).isZero();
            assertThat(e.messageId()).as(k).isNull();
        }
        assertThat(f.outbox.inStatus(OutboxStatus.SENDING, 100)).isEmpty();
        // sending them later works as for any queued entry
        assertThat(sender.deliverAll(keys.subList(2, 6), () -> false)).extracting(SendOutcome::status).containsOnly(OutboxStatus.SENT);
    }

    @Test
    void batch_transportThrowsMidway_acceptedOnesAreSent_unhandedOnesQueued_onlyTheThrowingOneStaysSending() throws Exception {
        List<String> keys = queued(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scripted(f.outbox, m -> {
            if (m.to().equals("p2@example.org")) throw new IllegalStateException("socket gone");
            return new dev.nudge.mail.DeliveryResult.Accepted("250 ok");
        }).deliverAll(keys, () -> false)).hasMessage("socket gone");
        assertThat(keys).extracting(k -> f.outbox.get(k).orElseThrow().status()).containsExactly(
                OutboxStatus.SENT, OutboxStatus.SENT, OutboxStatus.SENDING, OutboxStatus.QUEUED, OutboxStatus.QUEUED);
    }
}
