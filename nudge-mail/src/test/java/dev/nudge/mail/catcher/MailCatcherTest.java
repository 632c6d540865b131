package dev.nudge.mail.catcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.mail.outbox.DeliveryProbe;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxRecovery;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.outbox.SendOutcome;
import dev.nudge.mail.testing.MailFixture;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailCatcherTest {
    final MailFixture f = new MailFixture();

    @Test
    void catcher_isTheTransport_listsNewestFirstWithCursor() throws Exception {
        MailCatcher c = new MailCatcher(1000, f.time);
        var sender = f.sender(c, RecoveryPolicy.AT_MOST_ONCE);
        for (int i = 0; i < 5; i++) {
            f.person("p" + i, "p" + i + "@example.org");
            assertThat(sender.send(SendIntent.of("k" + i, "promo", "p" + i, f.time.instant())).status()).isEqualTo(OutboxStatus.SENT);
        }
        var page1 = c.list(null, 2);
        assertThat(page1.items()).extracting(m -> m.message().to()).containsExactly("p4@example.org", "p3@example.org");
        var page2 = c.list(page1.nextCursor(), 2);
        assertThat(page2.items()).extracting(m -> m.message().to()).containsExactly("p2@example.org", "p1@example.org");
        var page3 = c.list(page2.nextCursor(), 2);
        assertThat(page3.items()).extracting(m -> m.message().to()).containsExactly("p0@example.org");
        assertThat(page3.nextCursor()).isNull();
        assertThat(c.list(null, 10).items().get(0).message().headers()).containsKey("List-Unsubscribe");
        assertThatThrownBy(() -> c.list("abc", 10)).hasMessageContaining("next_cursor");
        assertThatThrownBy(() -> c.list(null, 5000)).hasMessageContaining("1-1000");
    }

    @Test
    void catcher_boundedAndProbeStopsClaimingAbsenceAfterEviction() throws Exception {
        MailCatcher c = new MailCatcher(2, f.time);
        var sender = f.sender(c, RecoveryPolicy.AT_MOST_ONCE);
        f.person("a", "a@example.org");
        sender.send(SendIntent.of("k-a", "promo", "a", f.time.instant()));
        String idA = f.outbox.get("k-a").orElseThrow().messageId();
        assertThat(c.accepted(idA)).contains(true);
        assertThat(c.accepted("never@mail.example.com")).contains(false);
        for (String p : new String[] {"b", "c"}) {
            f.person(p, p + "@example.org");
            sender.send(SendIntent.of("k-" + p, "promo", p, f.time.instant()));
        }
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.accepted(idA)).isEmpty(); // evicted: the catcher no longer knows
    }

    @Test
    void recovery_withCatcherProbe_isExactlyOnce() throws Exception {
        MailCatcher c = new MailCatcher(100, f.time);
        f.person("a", "a@example.org");
        f.person("b", "b@example.org");
        // a: accepted by the catcher but the process died before the SENT mark; b: died before the handoff
        var crashAfter = f.sender(m -> {
            c.send(m);
            throw new IllegalStateException("simulated crash");
        }, RecoveryPolicy.AT_MOST_ONCE);
        try {
            crashAfter.send(SendIntent.of("k-a", "promo", "a", f.time.instant()));
        } catch (IllegalStateException expected) {
            // the crash
        }
        var crashBefore = f.sender(m -> {
            throw new IllegalStateException("simulated crash");
        }, RecoveryPolicy.AT_MOST_ONCE);
        try {
            crashBefore.send(SendIntent.of("k-b", "promo", "b", f.time.instant()));
        } catch (IllegalStateException expected) {
            // the crash
        }
        assertThat(f.outbox.inStatus(OutboxStatus.SENDING, 10)).hasSize(2);

        var report = OutboxRecovery.recover(f.outbox, c, RecoveryPolicy.AT_MOST_ONCE, f.time);
        assertThat(report).isEqualTo(new OutboxRecovery.Report(1, 1, 0));
        assertThat(f.outbox.get("k-a").orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        SendOutcome b = f.sender(c, RecoveryPolicy.AT_MOST_ONCE).deliver("k-b");
        assertThat(b.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(c.size()).isEqualTo(2);
        // a second recovery finds nothing
        assertThat(OutboxRecovery.recover(f.outbox, DeliveryProbe.UNKNOWN, RecoveryPolicy.AT_MOST_ONCE, f.time)).isEqualTo(new OutboxRecovery.Report(0, 0, 0));
        assertThat(f.outbox.enqueue(OutboxEntry.queued(SendIntent.of("k-a", "promo", "a", f.time.instant())))).isFalse();
        assertThat(Optional.of(f.outbox.get("k-a").orElseThrow().attempts())).contains(1);
    }
}
