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
        String token = f.unsubscribe.token("a", "a@example.org", "x@mail.example.com");
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
}
