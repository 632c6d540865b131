package dev.nudge.mail.outbox;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.MessageKind;
import dev.nudge.mail.Sleeper;
import dev.nudge.mail.smtp.TokenBucket;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionCheck;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.mail.template.CompiledTemplate;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.template.TemplateException;
import dev.nudge.mail.tracking.MessageStore;
import dev.nudge.mail.unsubscribe.ConsentState;
import dev.nudge.mail.unsubscribe.ProfileDirectory;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers one outbox entry, start to finish. The single path every email takes (flows, broadcasts,
 * transactional API), so the rules hold everywhere:
 *
 * <ol>
 *   <li>An entry not QUEUED is not sent (idempotency: a key sent once is never sent again).</li>
 *   <li>Send-time checks: the profile and its email exist; suppression list (marketing: any entry,
 *       transactional: hard bounce); for marketing also the consent trait and the template's topic.</li>
 *   <li>Compose, store the message for tracking (durable before handoff), CAS QUEUED→SENDING.</li>
 *   <li>Rate limit, hand to the transport. 250 → SENT. 4xx or unreachable → back to QUEUED, wait
 *       the backoff, retry up to the policy's attempts. 5xx → BOUNCED, hard bounces suppressed.
 *       Uncertain → the delivery probe's answer after the backoff, else per {@link RecoveryPolicy}.</li>
 * </ol>
 * The backoff blocks the calling worker (bounded by the retry policy); a crash during it leaves the
 * entry QUEUED, which is safe to send again. Thread-safe.
 */
public final class Sender {
    private final OutboxStore outbox;
    private final MessageStore messages;
    private final ProfileDirectory profiles;
    private final SuppressionStore suppressions;
    private final SuppressionCheck check;
    private final TemplateEngine engine;
    private final MessageComposer composer;
    private final MailTransport transport;
    private final TokenBucket limiter;
    private final RetryPolicy retry;
    private final RecoveryPolicy recovery;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final DeliveryProbe probe;
    private final Map<String, CompiledTemplate> templates = new ConcurrentHashMap<>();

    public Sender(OutboxStore outbox, MessageStore messages, ProfileDirectory profiles, SuppressionStore suppressions,
                  TemplateEngine engine, MessageComposer composer, MailTransport transport, TokenBucket limiter,
                  RetryPolicy retry, RecoveryPolicy recovery, InstantSource clock, Sleeper sleeper) {
        this(outbox, messages, profiles, suppressions, engine, composer, transport, limiter, retry, recovery, clock, sleeper, DeliveryProbe.UNKNOWN);
    }

    /**
     * @param probe asked, after the backoff, about a send whose connection broke after the handoff
     *              ({@code Uncertain}): its answer settles the send (SENT, or resent), and only when it
     *              cannot tell does the {@link RecoveryPolicy} decide. {@link DeliveryProbe#UNKNOWN} = no probe.
     */
    public Sender(OutboxStore outbox, MessageStore messages, ProfileDirectory profiles, SuppressionStore suppressions,
                  TemplateEngine engine, MessageComposer composer, MailTransport transport, TokenBucket limiter,
                  RetryPolicy retry, RecoveryPolicy recovery, InstantSource clock, Sleeper sleeper, DeliveryProbe probe) {
        this.probe = probe;
        this.outbox = outbox;
        this.messages = messages;
        this.profiles = profiles;
        this.suppressions = suppressions;
        this.check = new SuppressionCheck(suppressions);
        this.engine = engine;
        this.composer = composer;
        this.transport = transport;
        this.limiter = limiter;
        this.retry = retry;
        this.recovery = recovery;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Compiles (and caches) a template; throws {@link TemplateException} with its line. */
    public CompiledTemplate template(String name) {
        return templates.computeIfAbsent(name, engine::compile);
    }

    /** Drops cached compiled templates after a template changed. */
    public void templatesChanged() {
        templates.clear();
    }

    /** Enqueues (if new) and delivers now. */
    public SendOutcome send(SendIntent intent) throws InterruptedException {
        outbox.enqueue(OutboxEntry.queued(intent));
        return deliver(intent.idempotencyKey());
    }

    public SendOutcome deliver(String key) throws InterruptedException {
        Optional<OutboxEntry> found = outbox.get(key);
        if (found.isEmpty()) throw new IllegalArgumentException("no outbox entry for key " + key + "; enqueue it first");
        OutboxEntry e = found.get();
        if (e.status() != OutboxStatus.QUEUED) return new SendOutcome(key, e.status(), e.detail(), false, true, List.of());

        Optional<Profile> p = profiles.find(e.intent().profileId());
        if (p.isEmpty()) return finish(e, OutboxStatus.FAILED, "profile " + e.intent().profileId() + " not found", false);
        String email = p.get().email();
        if (email == null) return finish(e, OutboxStatus.FAILED, "profile has no email trait", false);
        CompiledTemplate t;
        try {
            t = template(e.intent().template());
        } catch (TemplateException ex) {
            return finish(e, OutboxStatus.FAILED, ex.getMessage(), true);
        }
        Optional<String> blocked = blockedBy(p.get(), email, t);
        if (blocked.isPresent()) return finish(e, OutboxStatus.SUPPRESSED, blocked.get(), false);

        MessageComposer.Composed c;
        try {
            c = composer.compose(e.intent(), t, p.get(), email);
        } catch (TemplateException | IllegalArgumentException ex) {
            return finish(e, OutboxStatus.FAILED, "cannot compose: " + ex.getMessage(), true);
        }
        messages.put(c.stored());
        while (true) {
            OutboxEntry sending = e.sending(c.message().messageId(), clock.instant());
            if (!outbox.compareAndSet(key, OutboxStatus.QUEUED, sending)) {
                OutboxEntry now = outbox.get(key).orElseThrow();
                return new SendOutcome(key, now.status(), "taken by another worker", false, true, List.of());
            }
            limiter.acquire();
            DeliveryResult r = transport.send(c.message());
            switch (r) {
                case DeliveryResult.Accepted a -> {
                    messages.put(c.stored().withSentAt(clock.instant()));
                    return finish(sending, OutboxStatus.SENT, a.reply(), false);
                }
                case DeliveryResult.Rejected rej when !rej.temporary() -> {
                    return bounced(sending, rej, c);
                }
                case DeliveryResult.Uncertain u -> {
                    // the receiver had time to store it (or not) while we waited; then ask it
                    boolean decidedWithoutProbe = probe == DeliveryProbe.UNKNOWN && recovery == RecoveryPolicy.AT_MOST_ONCE;
                    if (!decidedWithoutProbe) sleeper.sleep(retry.backoffAfter(sending.attempts()));
                    Optional<Boolean> known = probe.accepted(c.message().messageId());
                    if (known.orElse(false)) {
                        messages.put(c.stored().withSentAt(clock.instant()));
                        return finish(sending, OutboxStatus.SENT, "accepted (confirmed by the delivery probe after: " + u.reason() + ")", false);
                    }
                    if (known.isEmpty() && recovery == RecoveryPolicy.AT_MOST_ONCE) {
                        return finish(sending, OutboxStatus.FAILED, "uncertain: " + u.reason(), true);
                    }
                    Optional<OutboxEntry> back = retryOrGiveUp(sending, describe(r));
                    if (back.isEmpty()) return finish(sending, OutboxStatus.FAILED, "gave up after " + sending.attempts() + " attempts: " + describe(r), true);
                    e = back.get();
                }
                default -> {
                    Optional<OutboxEntry> back = retryOrGiveUp(sending, describe(r));
                    if (back.isEmpty()) return finish(sending, OutboxStatus.FAILED, "gave up after " + sending.attempts() + " attempts: " + describe(r), true);
                    sleeper.sleep(retry.backoffAfter(sending.attempts()));
                    e = back.get();
                }
            }
        }
    }

    /** SENDING → QUEUED for another attempt, or empty when the attempts are used up (the caller fails it). */
    private Optional<OutboxEntry> retryOrGiveUp(OutboxEntry sending, String why) {
        if (sending.attempts() >= retry.maxAttempts()) return Optional.empty();
        OutboxEntry back = sending.with(OutboxStatus.QUEUED, why, clock.instant());
        if (!outbox.compareAndSet(sending.key(), OutboxStatus.SENDING, back)) {
            throw new IllegalStateException("outbox entry " + sending.key() + " changed while SENDING");
        }
        return Optional.of(back);
    }

    private Optional<String> blockedBy(Profile p, String email, CompiledTemplate t) {
        Optional<Suppression> s = check.blocking(email, t.kind());
        if (s.isPresent()) return Optional.of("suppressed: " + s.get().reason().name().toLowerCase(java.util.Locale.ROOT));
        if (t.kind() == MessageKind.MARKETING) {
            String consent = ConsentState.emailStatus(p);
            if (consent != null && !consent.equals("subscribed")) return Optional.of("consent.email is " + consent);
            if (ConsentState.topicUnsubscribed(p, t.topic())) return Optional.of("unsubscribed from topic " + t.topic());
        }
        return Optional.empty();
    }

    private SendOutcome bounced(OutboxEntry sending, DeliveryResult.Rejected rej, MessageComposer.Composed c) {
        String detail = rej.code() + " " + rej.reply();
        if (rej.hardBounce()) {
            suppressions.put(new Suppression(c.message().to(), SuppressionReason.HARD_BOUNCE, "smtp", detail, clock.instant()));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("message_id", c.message().messageId());
        props.put("email", c.message().to());
        props.put("campaign_id", sending.intent().campaignId());
        props.put("flow_id", sending.intent().flowId());
        props.put("bounce_type", rej.hardBounce() ? "hard" : "soft");
        props.put("smtp_code", rej.code());
        props.put("status", rej.enhancedStatus());
        props.put("reason", rej.reply());
        Event ev = EmailEvents.track("smtp|" + sending.key(), sending.intent().profileId(), EmailEvents.BOUNCED, props,
                Map.of(), clock.instant(), clock.instant());
        SendOutcome o = finish(sending, OutboxStatus.BOUNCED, detail, true);
        return new SendOutcome(o.key(), o.status(), o.detail(), true, false, List.of(ev));
    }

    private SendOutcome finish(OutboxEntry from, OutboxStatus to, String detail, boolean error) {
        if (!outbox.compareAndSet(from.key(), from.status(), from.with(to, detail, clock.instant()))) {
            OutboxEntry now = outbox.get(from.key()).orElseThrow();
            return new SendOutcome(from.key(), now.status(), now.detail(), false, true, List.of());
        }
        return new SendOutcome(from.key(), to, detail, error, false, List.of());
    }

    private static String describe(DeliveryResult r) {
        return switch (r) {
            case DeliveryResult.Rejected x -> x.code() + " " + x.reply();
            case DeliveryResult.Unavailable x -> x.reason();
            case DeliveryResult.Uncertain x -> "uncertain (not found by the probe, or no probe); resending with the same Message-ID: " + x.reason();
            case DeliveryResult.Accepted x -> x.reply();
        };
    }
}
