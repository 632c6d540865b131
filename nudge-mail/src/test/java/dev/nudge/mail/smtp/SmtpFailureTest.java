package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.mail.outbox.DeliveryProbe;
import dev.nudge.mail.outbox.ErrorRateBreaker;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.OutboxWorker;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.outbox.SendOutcome;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.testing.MailFixture;
import dev.nudge.mail.testing.ScriptedSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 4xx, 5xx and dropped connections against a scripted SMTP server on a local socket. */
class SmtpFailureTest {
    final MailFixture f = new MailFixture();

    SmtpTransport smtp(ScriptedSmtpServer s) {
        return new SmtpTransport(SmtpConfig.plain("127.0.0.1", s.port(), 1), f.time);
    }

    @Test
    void temporary4xx_retriedWithBackoff_thenSent() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 2.1.5 OK", n -> n < 2 ? "451 4.3.0 try again later" : "250 2.0.0 queued")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(f.outbox.get("k1").orElseThrow().attempts()).isEqualTo(3);
            assertThat(f.time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(server.accepted).hasSize(1);
        }
    }

    @Test
    void temporary4xx_givesUpAfterMaxAttempts() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "450 4.2.1 mailbox busy", n -> "250 OK")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(o.detail()).contains("3 attempts").contains("450");
            assertThat(f.suppressions.find("ann@example.org")).isEmpty();
        }
    }

    @Test
    void hard5xx_bouncesSuppressesAndBlocksLaterSendsEvenTransactional() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "550 5.1.1 <ann@example.org>: user unknown", n -> "250 OK")) {
            f.person("ann", "ann@example.org");
            var sender = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE);
            SendOutcome o = sender.send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.BOUNCED);
            assertThat(o.events()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("Email Bounced");
                assertThat(e.properties()).containsEntry("bounce_type", "hard").containsEntry("status", "5.1.1").containsEntry("smtp_code", 550);
            });
            assertThat(f.suppressions.find("ann@example.org")).extracting(s -> s.reason()).containsExactly(SuppressionReason.HARD_BOUNCE);
            assertThat(sender.send(SendIntent.of("k2", "receipt", "ann", f.time.instant())).status()).isEqualTo(OutboxStatus.SUPPRESSED);
            assertThat(server.accepted).isEmpty();
        }
    }

    @Test
    void soft5xx_bouncesWithoutSuppressing() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> "554 5.7.1 message rejected as spam")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.BOUNCED);
            assertThat(o.events().get(0).properties()).containsEntry("bounce_type", "soft");
            assertThat(f.suppressions.find("ann@example.org")).isEmpty();
        }
    }

    @Test
    void connectionDroppedAfterData_atMostOnceMarksUncertainAndDoesNotResend() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> null)) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(o.detail()).startsWith("uncertain");
            assertThat(f.outbox.get("k1").orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void connectionDroppedAfterData_atLeastOnceResendsWithSameMessageId() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> n == 0 ? null : "250 OK")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_LEAST_ONCE).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.SENT);
            String id = f.outbox.get("k1").orElseThrow().messageId();
            assertThat(server.accepted).singleElement().asString().contains("Message-ID: <" + id + ">");
        }
    }

    @Test
    void connectionDroppedAfterData_probeThatHasTheMessage_settlesItSentWithoutResending() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> n == 0 ? null : "250 OK")) {
            f.person("ann", "ann@example.org");
            List<String> asked = new ArrayList<>();
            DeliveryProbe journal = id -> {
                asked.add(id);
                return Optional.of(true);
            };
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE, journal).send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(o.detail()).contains("confirmed by the delivery probe");
            assertThat(asked).containsExactly(f.outbox.get("k1").orElseThrow().messageId());
            assertThat(f.time.sleeps).as("waits before asking, so the receiver has stored it").containsExactly(Duration.ofSeconds(2));
            assertThat(server.datas()).as("no second handoff").isEqualTo(1);
        }
    }

    @Test
    void connectionDroppedAfterData_probeWithoutTheMessage_resendsOnceWithSameMessageId() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> n == 0 ? null : "250 OK")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE, id -> Optional.of(false))
                    .send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(f.outbox.get("k1").orElseThrow().attempts()).isEqualTo(2);
            String id = f.outbox.get("k1").orElseThrow().messageId();
            assertThat(server.accepted).singleElement().asString().contains("Message-ID: <" + id + ">");
        }
    }

    @Test
    void connectionDroppedAfterData_probeThatCannotTell_fallsBackToThePolicy() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> "250 OK", n -> n == 0 ? null : "250 OK")) {
            f.person("ann", "ann@example.org");
            SendOutcome o = f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE, id -> Optional.empty())
                    .send(SendIntent.of("k1", "promo", "ann", f.time.instant()));
            assertThat(o.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(o.detail()).startsWith("uncertain");
            assertThat(server.accepted).isEmpty();
        }
    }

    @Test
    void errorRate_autoPausesWorkerAndKeepsRestQueued() throws Exception {
        try (var server = new ScriptedSmtpServer(n -> n < 3 ? "250 OK" : "554 5.7.1 blocked: listed on a blocklist", n -> "250 OK")) {
            for (int i = 0; i < 50; i++) {
                f.person("p" + i, "p" + i + "@example.org");
                f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("k" + i, "promo", "p" + i, f.time.instant())));
            }
            var breaker = new ErrorRateBreaker(10, 8, 0.5);
            List<dev.nudge.core.event.Event> events = new ArrayList<>();
            var worker = new OutboxWorker(f.outbox, f.sender(smtp(server), RecoveryPolicy.AT_MOST_ONCE), breaker, events::add);
            var outcomes = worker.drain(1000);
            assertThat(worker.paused()).isTrue();
            long bounced = outcomes.stream().filter(o -> o.status() == OutboxStatus.BOUNCED).count();
            assertThat(outcomes).hasSize(8); // paused at the 8th outcome: 3 sent, 5 rejected = 62 % >= 50 %
            assertThat(bounced).isEqualTo(5);
            assertThat(events).hasSize(5);
            assertThat(f.outbox.inStatus(OutboxStatus.QUEUED, 1000)).hasSize(42);
            assertThat(worker.drain(1000)).isEmpty();
            assertThat(server.accepted).hasSize(3);
        }
    }
}
