package dev.nudge.mail.testing;

import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.TokenSigner;
import dev.nudge.mail.outbox.InMemoryOutboxStore;
import dev.nudge.mail.outbox.MailSettings;
import dev.nudge.mail.outbox.MessageComposer;
import dev.nudge.mail.outbox.DeliveryProbe;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.RetryPolicy;
import dev.nudge.mail.outbox.Sender;
import dev.nudge.mail.smtp.TokenBucket;
import dev.nudge.mail.suppression.InMemorySuppressionStore;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.template.TemplateLoader;
import dev.nudge.mail.tracking.InMemoryMessageStore;
import dev.nudge.mail.tracking.LinkRewriter;
import dev.nudge.mail.unsubscribe.InMemoryConsentLog;
import dev.nudge.mail.unsubscribe.UnsubscribeService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The whole mail stack over in-memory stores, as the integrator would wire it over RocksDB. */
public final class MailFixture {
    public static final String BASE = "https://nudge.example.com";
    public static final String DOMAIN = "mail.example.com";
    public static final Map<String, String> TEMPLATES = Map.of(
            "promo", """
                    ---
                    subject: "Spring sale, {{ profile.first_name | default: 'friend' }}"
                    from: Shop <shop@example.com>
                    topic: deals
                    ---
                    <html><body><h1>Hello {{ profile.first_name }}</h1>
                    <p>See <a href="https://shop.example.com/sale?x=1&amp;y=2">the sale</a> and <a href="https://shop.example.com/new">new in</a>.</p>
                    {% for r in recommendations %}<a href="{{ r.url }}">{{ r.name }}</a>{% endfor %}
                    <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>
                    """,
            "receipt", """
                    ---
                    subject: Your receipt
                    from: Shop <shop@example.com>
                    kind: transactional
                    ---
                    <html><body><p>Thanks! <a href="https://shop.example.com/orders">Your orders</a></p></body></html>
                    """,
            "intl", """
                    ---
                    subject: "Ünïcødé ☕ für {{ profile.first_name }}"
                    from: "Café Ünïcødé ☕ <shop@example.com>"
                    reply_to: "Ünïcødé Hilfe <help@example.com>"
                    kind: transactional
                    ---
                    <html><body><p>&zwnj;&euro;&hellip;&nbsp;&#x1F600;&amp;</p><p>&nbsp;&nbsp;</p><p>caf&eacute; &lt;b&gt; &copy;2026</p></body></html>
                    """);

    public final FakeTime time = new FakeTime(Instant.parse("2026-03-02T09:00:00Z"));
    public final TokenSigner signer = new TokenSigner("test-secret-test-secret-test-secret!!".getBytes(StandardCharsets.UTF_8));
    public final InMemoryOutboxStore outbox;
    public final InMemoryMessageStore messages;
    public final InMemorySuppressionStore suppressions;
    public final InMemoryConsentLog consent = new InMemoryConsentLog();
    public final Map<String, Profile> people;
    public final TemplateEngine engine = new TemplateEngine(TemplateLoader.of(TEMPLATES));
    public final UnsubscribeService unsubscribe;
    public final MessageComposer composer;

    public MailFixture() {
        this(new InMemoryOutboxStore(), new InMemoryMessageStore(), new InMemorySuppressionStore(), new ConcurrentHashMap<>());
    }

    /** A new "process" over the same stores (crash tests). */
    public MailFixture(InMemoryOutboxStore outbox, InMemoryMessageStore messages, InMemorySuppressionStore suppressions, Map<String, Profile> people) {
        this.outbox = outbox;
        this.messages = messages;
        this.suppressions = suppressions;
        this.people = people;
        this.unsubscribe = new UnsubscribeService(signer, BASE, DOMAIN, messages, id -> Optional.ofNullable(people.get(id)), suppressions, consent);
        this.composer = new MessageComposer(engine, new LinkRewriter(signer, BASE), unsubscribe,
                new MailSettings(BASE, DOMAIN, "Nudge <noreply@example.com>", true, true));
    }

    public MailFixture restart() {
        return new MailFixture(outbox, messages, suppressions, people);
    }

    public Profile person(String id, String email) {
        Profile p = new Profile(id, List.of(id), List.of(), Map.of("email", email, "first_name", "P" + id), null, null, Map.of());
        people.put(id, p);
        return p;
    }

    public Sender sender(MailTransport transport, RecoveryPolicy policy) {
        return sender(transport, policy, new TokenBucket(1_000_000, 1000, time, time));
    }

    public Sender sender(MailTransport transport, RecoveryPolicy policy, TokenBucket bucket) {
        return sender(transport, policy, bucket, DeliveryProbe.UNKNOWN);
    }

    public Sender sender(MailTransport transport, RecoveryPolicy policy, DeliveryProbe probe) {
        return sender(transport, policy, new TokenBucket(1_000_000, 1000, time, time), probe);
    }

    private Sender sender(MailTransport transport, RecoveryPolicy policy, TokenBucket bucket, DeliveryProbe probe) {
        return new Sender(outbox, messages, id -> Optional.ofNullable(people.get(id)), suppressions, engine, composer, transport,
                bucket, new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1)), policy, time, time, probe);
    }
}
