package dev.nudge.mail.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.outbox.DeliveryProbe;
import dev.nudge.mail.outbox.ErrorRateBreaker;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxRecovery;
import dev.nudge.mail.outbox.OutboxStore;
import dev.nudge.mail.outbox.RetryPolicy;
import dev.nudge.mail.outbox.Sender;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.smtp.SmtpConfig;
import dev.nudge.mail.smtp.SmtpTransport;
import dev.nudge.mail.smtp.TokenBucket;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.testing.MailFixture;
import dev.nudge.mail.testing.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broadcasts into GreenMail: throttled, suppression-aware, resumable after a simulated crash. */
class BroadcastRunnerTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final int N = 200;
    static final int SEND_BATCH = 5;
    final MailFixture f = new MailFixture();
    final InMemoryBroadcastStore store = new InMemoryBroadcastStore();
    final Broadcast broadcast = new Broadcast("spring-sale", "promo", "spring", f.time.instant());
    final List<SmtpTransport> transports = new ArrayList<>();
    List<String> ids;

    BroadcastRunnerTest() {
        ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            ids.add("p" + i);
        }
    }

    @AfterEach
    void close() {
        transports.forEach(SmtpTransport::close);
    }

    SmtpTransport smtp(int port) {
        SmtpTransport t = new SmtpTransport(SmtpConfig.plain("127.0.0.1", port, 4), f.time);
        transports.add(t);
        return t;
    }

    BroadcastRunner runner(MailFixture fx, MailTransport transport, RecoveryPolicy policy) {
        return new BroadcastRunner(fx.sender(transport, policy, new TokenBucket(100, 5, fx.time, fx.time)), fx.outbox, store, fx.time,
                new BroadcastRunner.Settings(25, 4, 8, SEND_BATCH), ErrorRateBreaker::defaults, e -> { });
    }

    static Map<String, Long> perRecipient() {
        return Arrays.stream(greenMail.getReceivedMessages()).collect(Collectors.groupingBy(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Collectors.counting()));
    }

    /** Simulates kill -9 at a chosen send: after the n-th call the process is "dead" — every later send throws too. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash");
        }
    }

    static MailTransport crashing(MailTransport delegate, int n, boolean afterAccept) {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean dead = new AtomicBoolean();
        return m -> {
            if (dead.get()) throw new Crash();
            if (!afterAccept && calls.incrementAndGet() >= n) {
                dead.set(true);
                throw new Crash();
            }
            DeliveryResult r = delegate.send(m);
            if (afterAccept && calls.incrementAndGet() >= n) {
                dead.set(true);
                throw new Crash(); // SMTP accepted it, but the 'sent' mark is never written
            }
            return r;
        };
    }

    @Test
    void run_sendsOncePerRecipientObeysSuppressionThrottlesAndCounts() throws Exception {
        f.suppressions.put(new Suppression("p3@example.org", SuppressionReason.UNSUBSCRIBED, "test", null, f.time.instant()));
        f.suppressions.put(new Suppression("p4@example.org", SuppressionReason.HARD_BOUNCE, "test", null, f.time.instant()));
        var start = f.time.instant();
        BroadcastState s = runner(f, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
        assertThat(s.status()).isEqualTo(BroadcastState.Status.FINISHED);
        assertThat(s.offset()).isEqualTo(N);
        assertThat(s.sent()).isEqualTo(N - 2);
        assertThat(s.suppressed()).isEqualTo(2);
        assertThat(perRecipient()).hasSize(N - 2).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1L)).doesNotContainKeys("p3@example.org", "p4@example.org");
        // throttled at 100/s with a burst of 5: 198 sends need at least 1.93 s of (fake) time
        assertThat(java.time.Duration.between(start, f.time.instant())).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(1930));
        // running it again sends nothing more
        assertThat(runner(f, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids)).sent()).isEqualTo(N - 2);
        assertThat(greenMail.getReceivedMessages()).hasSize(N - 2);
    }

    /**
     * kill -9 right after SMTP accepted a message, before its 'sent' mark; the other workers die
     * mid-send too (before their handoff). Without a probe, at-most-once: nobody gets two, and every
     * recipient who got none is one of the in-flight sends reported FAILED "uncertain".
     */
    @Test
    void crashAfterSmtpAccept_resumedByNewInstance_neverTwo_atMostOnce() throws Exception {
        assertThatThrownBy(() -> runner(f, crashing(smtp(greenMail.getSmtp().getPort()), 83, true), RecoveryPolicy.AT_MOST_ONCE)
                .run(broadcast, RecipientSnapshot.of(ids))).hasRootCauseInstanceOf(Crash.class);
        var inFlight = f.outbox.inStatus(OutboxStatus.SENDING, 1000);
        assertThat(inFlight).hasSizeBetween(1, 4); // one per worker at most: the rest of each batch went back to QUEUED

        MailFixture restarted = f.restart(); // a new process over the same stores
        var report = OutboxRecovery.recover(restarted.outbox, DeliveryProbe.UNKNOWN, RecoveryPolicy.AT_MOST_ONCE, restarted.time);
        assertThat(report.failed()).isEqualTo(inFlight.size());
        BroadcastState s = runner(restarted, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));

        assertThat(s.status()).isEqualTo(BroadcastState.Status.FINISHED);
        Map<String, Long> got = perRecipient();
        assertThat(got.values()).allMatch(v -> v == 1L);
        var uncertain = inFlight.stream().map(e -> e.intent().profileId() + "@example.org").toList();
        for (String id : ids) {
            if (!got.containsKey(id + "@example.org")) assertThat(uncertain).contains(id + "@example.org");
        }
        assertThat(got).containsKey(inFlight.stream().filter(e -> got.containsKey(e.intent().profileId() + "@example.org"))
                .findFirst().map(e -> e.intent().profileId() + "@example.org").orElseThrow()); // the accepted one arrived once
        assertThat(s.sent() + s.failed()).isEqualTo(N);
        assertThat(s.failed()).isEqualTo(inFlight.size());
    }

    /** The same crash, with a receiver that can say what it holds (like the mail catcher): exactly one each. */
    @Test
    void crashAfterSmtpAccept_probeThatKnows_exactlyOnePerRecipient() throws Exception {
        assertThatThrownBy(() -> runner(f, crashing(smtp(greenMail.getSmtp().getPort()), 120, true), RecoveryPolicy.AT_MOST_ONCE)
                .run(broadcast, RecipientSnapshot.of(ids))).hasRootCauseInstanceOf(Crash.class);
        DeliveryProbe greenMailKnows = id -> Optional.of(Arrays.stream(greenMail.getReceivedMessages()).anyMatch(m -> messageId(m).equals("<" + id + ">")));
        MailFixture restarted = f.restart();
        var report = OutboxRecovery.recover(restarted.outbox, greenMailKnows, RecoveryPolicy.AT_MOST_ONCE, restarted.time);
        assertThat(report.sent()).isPositive();
        assertThat(report.failed()).isZero();
        BroadcastState s = runner(restarted, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
        assertThat(s.sent()).isEqualTo(N);
        assertThat(perRecipient()).hasSize(N).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1L));
    }

    /**
     * A kill -9 takes the stores down with the transport: nothing is written after it, so every
     * entry of a worker's batch not yet marked SENT stays SENDING — up to a batch per worker, more
     * than one-at-a-time sending would leave. A probe that knows what arrived still settles each
     * exactly: every recipient ends with one message.
     */
    @Test
    void killMidBatch_leavesAtMostABatchPerWorkerSending_probeSettlesEachExactlyOnce() throws Exception {
        AtomicBoolean dead = new AtomicBoolean();
        AtomicInteger handoffs = new AtomicInteger();
        MailTransport greenMailSmtp = smtp(greenMail.getSmtp().getPort());
        MailTransport transport = m -> {
            if (dead.get()) throw new Crash();
            DeliveryResult r = greenMailSmtp.send(m);
            if (handoffs.incrementAndGet() == 93) dead.set(true); // accepted, then the process is gone
            return r;
        };
        OutboxStore dying = new DyingOutbox(f.outbox, dead);
        Sender sender = new Sender(dying, f.messages, id -> Optional.ofNullable(f.people.get(id)), f.suppressions, f.engine, f.composer,
                transport, new TokenBucket(1_000_000, 1000, f.time, f.time), new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1)),
                RecoveryPolicy.AT_MOST_ONCE, f.time, f.time);
        BroadcastRunner dyingRunner = new BroadcastRunner(sender, dying, store, f.time, new BroadcastRunner.Settings(25, 4, 8, SEND_BATCH),
                ErrorRateBreaker::defaults, e -> { });
        assertThatThrownBy(() -> dyingRunner.run(broadcast, RecipientSnapshot.of(ids))).hasRootCauseInstanceOf(Crash.class);
        var inFlight = f.outbox.inStatus(OutboxStatus.SENDING, 1000);
        assertThat(inFlight).hasSizeBetween(1, 4 * SEND_BATCH);

        DeliveryProbe greenMailKnows = id -> Optional.of(Arrays.stream(greenMail.getReceivedMessages()).anyMatch(m -> messageId(m).equals("<" + id + ">")));
        MailFixture restarted = f.restart();
        var report = OutboxRecovery.recover(restarted.outbox, greenMailKnows, RecoveryPolicy.AT_MOST_ONCE, restarted.time);
        assertThat(report.sent() + report.requeued()).isEqualTo(inFlight.size());
        assertThat(report.sent()).isPositive(); // the 93rd, accepted before the kill
        BroadcastState s = runner(restarted, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
        assertThat(s.sent()).isEqualTo(N);
        assertThat(perRecipient()).hasSize(N).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1L));
    }

    /** The outbox of a killed process: after the kill, nothing reads or writes. */
    record DyingOutbox(OutboxStore delegate, AtomicBoolean dead) implements OutboxStore {
        private void alive() {
            if (dead.get()) throw new Crash();
        }

        @Override
        public boolean enqueue(OutboxEntry entry) {
            alive();
            return delegate.enqueue(entry);
        }

        @Override
        public int enqueueAll(List<OutboxEntry> entries) {
            alive();
            return delegate.enqueueAll(entries);
        }

        @Override
        public Optional<OutboxEntry> get(String key) {
            alive();
            return delegate.get(key);
        }

        @Override
        public boolean compareAndSet(String key, OutboxStatus expected, OutboxEntry next) {
            alive();
            return delegate.compareAndSet(key, expected, next);
        }

        @Override
        public boolean[] compareAndSetAll(List<Change> changes) {
            alive();
            return delegate.compareAndSetAll(changes);
        }

        @Override
        public List<OutboxEntry> inStatus(OutboxStatus status, String afterKey, int limit) {
            alive();
            return delegate.inStatus(status, afterKey, limit);
        }
    }

    @Test
    void crashBeforeSmtpHandoff_atLeastOnceResends_exactlyOnePerRecipient() throws Exception {
        assertThatThrownBy(() -> runner(f, crashing(smtp(greenMail.getSmtp().getPort()), 57, false), RecoveryPolicy.AT_LEAST_ONCE)
                .run(broadcast, RecipientSnapshot.of(ids))).hasRootCauseInstanceOf(Crash.class);
        MailFixture restarted = f.restart();
        var report = OutboxRecovery.recover(restarted.outbox, DeliveryProbe.UNKNOWN, RecoveryPolicy.AT_LEAST_ONCE, restarted.time);
        assertThat(report.requeued()).isPositive();
        BroadcastState s = runner(restarted, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_LEAST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
        assertThat(s.sent()).isEqualTo(N);
        assertThat(perRecipient()).hasSize(N).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1L));
    }

    @Test
    void crashBeforeSmtpHandoff_atMostOnce_losesOnlyTheInFlightAndReportsThem() throws Exception {
        assertThatThrownBy(() -> runner(f, crashing(smtp(greenMail.getSmtp().getPort()), 57, false), RecoveryPolicy.AT_MOST_ONCE)
                .run(broadcast, RecipientSnapshot.of(ids))).hasRootCauseInstanceOf(Crash.class);
        long inFlight = f.outbox.inStatus(OutboxStatus.SENDING, 1000).size();
        MailFixture restarted = f.restart();
        OutboxRecovery.recover(restarted.outbox, DeliveryProbe.UNKNOWN, RecoveryPolicy.AT_MOST_ONCE, restarted.time);
        BroadcastState s = runner(restarted, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
        Map<String, Long> got = perRecipient();
        assertThat(got.values()).allMatch(v -> v == 1L); // never two
        assertThat(got).hasSize(N - (int) inFlight);
        assertThat(s.failed()).isEqualTo(inFlight);
    }

    @Test
    void errorThreshold_pausesThenResumeFinishesWithoutDuplicates() throws Exception {
        try (var bad = new ScriptedSmtpServer(n -> n < 60 ? "250 OK" : "554 5.7.1 rejected: IP on blocklist", n -> "250 OK")) {
            BroadcastState paused = runner(f, smtp(bad.port()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
            assertThat(paused.status()).isEqualTo(BroadcastState.Status.PAUSED);
            assertThat(paused.reason()).contains("error rate");
            assertThat(paused.offset()).isLessThan(N);
            int acceptedBefore = bad.accepted.size();
            assertThat(acceptedBefore).isEqualTo(60);

            // the operator fixes the relay and resumes: the rest goes to GreenMail
            BroadcastState done = runner(f, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(broadcast, RecipientSnapshot.of(ids));
            assertThat(done.status()).isEqualTo(BroadcastState.Status.FINISHED);
            assertThat(done.sent() + done.bounced()).isEqualTo(N);
            assertThat(done.sent()).isEqualTo(acceptedBefore + greenMail.getReceivedMessages().length);
        }
    }

    @Test
    void brokenTemplate_failsBeforeSendingAnything() throws Exception {
        MailFixture fx = f;
        Broadcast bad = new Broadcast("b2", "missing-template", null, fx.time.instant());
        BroadcastState s = runner(fx, smtp(greenMail.getSmtp().getPort()), RecoveryPolicy.AT_MOST_ONCE).run(bad, RecipientSnapshot.of(ids));
        assertThat(s.status()).isEqualTo(BroadcastState.Status.FAILED);
        assertThat(s.reason()).contains("missing-template").contains("not found");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
