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
import dev.nudge.mail.tracking.StoredMessage;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Delivers outbox entries, start to finish — one ({@link #deliver}) or a batch sharing its durable
 * writes ({@link #deliverAll}). The single path every email takes (flows, broadcasts, transactional
 * API), so the rules hold everywhere:
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
        return deliverAll(List.of(key), () -> false).get(0);
    }

    /**
     * Delivers a batch of queued keys; returns their outcomes in order. The rules are those of a
     * single send; what a batch changes is how often it writes durably: once for the entries that end
     * without a send (suppressed, failed), once for their messages and once for marking them SENDING —
     * both before the first handoff — then once for the sent-at stamps and once for SENT after the
     * last: five synced writes per batch, against four per message one at a time.
     *
     * <p>The price is the crash window: after a kill during a batch, every entry of it not yet marked
     * SENT is left SENDING for {@link OutboxRecovery} (the probe settles each exactly; without one, the
     * policy decides for up to a batch per worker instead of one message per worker). Short of a
     * kill — an exception from the transport, an interrupt — the batch still marks what was accepted
     * SENT and puts back what was never handed off; only the entry whose handoff failed stays SENDING.
     *
     * @param halt asked before each handoff (the auto-pause); once true, the rest of the batch goes
     *             back to QUEUED, untouched, and is reported as not done
     */
    public List<SendOutcome> deliverAll(List<String> keys, BooleanSupplier halt) throws InterruptedException {
        SendOutcome[] out = new SendOutcome[keys.size()];
        List<Ready> ready = new ArrayList<>();
        List<Ending> ended = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            OutboxEntry e = outbox.get(key).orElseThrow(() -> new IllegalArgumentException("no outbox entry for key " + key + "; enqueue it first"));
            if (e.status() != OutboxStatus.QUEUED) {
                out[i] = new SendOutcome(key, e.status(), e.detail(), false, true, List.of());
                continue;
            }
            switch (prepare(i, e)) {
                case Ready r -> ready.add(r);
                case Ending x -> ended.add(x);
            }
        }
        end(ended, out);
        if (ready.isEmpty()) return List.of(out);

        messages.putAll(ready.stream().map(r -> r.composed().stored()).toList()); // durable before handoff: a click can come a second later
        List<OutboxEntry> sending = new ArrayList<>(ready.size());
        for (Ready r : ready) sending.add(r.queued().sending(r.composed().message().messageId(), clock.instant()));
        boolean[] taken = outbox.compareAndSetAll(sending.stream().map(s -> new OutboxStore.Change(OutboxStatus.QUEUED, s)).toList());
        List<Taken> mine = new ArrayList<>(ready.size()); // SENDING is ours: hand these off, in order
        for (int i = 0; i < taken.length; i++) {
            Ready r = ready.get(i);
            if (taken[i]) mine.add(new Taken(r, sending.get(i)));
            else out[r.slot()] = current(r.queued().key(), "taken by another worker");
        }

        List<Ending> marks = new ArrayList<>();
        List<StoredMessage> sentMessages = new ArrayList<>();
        List<Handed> troubled = new ArrayList<>();
        int next = 0, inHandoff = -1;
        try {
            for (; next < mine.size() && !halt.getAsBoolean(); next++) {
                Ready r = mine.get(next).ready();
                OutboxEntry s = mine.get(next).sending();
                limiter.acquire();
                inHandoff = next;
                DeliveryResult res = transport.send(r.composed().message());
                inHandoff = -1;
                if (res instanceof DeliveryResult.Accepted a) {
                    sentMessages.add(r.composed().stored().withSentAt(clock.instant()));
                    marks.add(new Ending(r.slot(), OutboxStatus.SENDING, s.with(OutboxStatus.SENT, a.reply(), clock.instant()), false, false));
                } else {
                    troubled.add(new Handed(r.slot(), s, r.composed(), res));
                }
            }
        } finally {
            // however the loop ended, entries never handed off go back as they were; one whose handoff
            // threw is not among them: its fate is unknown, so it stays SENDING for recovery
            for (int i = next; i < mine.size(); i++) {
                if (i == inHandoff) continue;
                Ready r = mine.get(i).ready();
                marks.add(new Ending(r.slot(), OutboxStatus.SENDING, r.queued().with(OutboxStatus.QUEUED, "not handed off; left queued", clock.instant()), false, true));
            }
            messages.putAll(sentMessages);
            end(marks, out);
        }
        for (Handed h : troubled) out[h.slot()] = settle(h.sending(), h.composed(), h.result());
        return List.of(out);
    }

    /** A queued entry ready to hand off, or how it ends without one. */
    private sealed interface Prepared permits Ready, Ending {
    }

    private record Ready(int slot, OutboxEntry queued, MessageComposer.Composed composed) implements Prepared {
    }

    /** A change to write in a batch; {@code leftAsIs}: the outcome reports it as not done by this call. */
    private record Ending(int slot, OutboxStatus expected, OutboxEntry next, boolean error, boolean leftAsIs) implements Prepared {
    }

    /** A ready entry this call marked SENDING. */
    private record Taken(Ready ready, OutboxEntry sending) {
    }

    private record Handed(int slot, OutboxEntry sending, MessageComposer.Composed composed, DeliveryResult result) {
    }

    /** Send-time checks and composition for one QUEUED entry. */
    private Prepared prepare(int slot, OutboxEntry e) {
        Optional<Profile> p = profiles.find(e.intent().profileId());
        if (p.isEmpty()) return ending(slot, e, OutboxStatus.FAILED, "profile " + e.intent().profileId() + " not found", false);
        String email = p.get().email();
        if (email == null) return ending(slot, e, OutboxStatus.FAILED, "profile has no email trait", false);
        CompiledTemplate t;
        try {
            t = template(e.intent().template());
        } catch (TemplateException ex) {
            return ending(slot, e, OutboxStatus.FAILED, ex.getMessage(), true);
        }
        Optional<String> blocked = blockedBy(p.get(), email, t);
        if (blocked.isPresent()) return ending(slot, e, OutboxStatus.SUPPRESSED, blocked.get(), false);
        try {
            return new Ready(slot, e, composer.compose(e.intent(), t, p.get(), email));
        } catch (TemplateException | IllegalArgumentException ex) {
            return ending(slot, e, OutboxStatus.FAILED, "cannot compose: " + ex.getMessage(), true);
        }
    }

    private Ending ending(int slot, OutboxEntry from, OutboxStatus to, String detail, boolean error) {
        return new Ending(slot, from.status(), from.with(to, detail, clock.instant()), error, false);
    }

    /** Writes the changes in one batch and fills their outcomes; a change that no longer applies reports the entry as it is. */
    private void end(List<Ending> changes, SendOutcome[] out) {
        if (changes.isEmpty()) return;
        boolean[] applied = outbox.compareAndSetAll(changes.stream().map(x -> new OutboxStore.Change(x.expected(), x.next())).toList());
        for (int i = 0; i < applied.length; i++) {
            Ending x = changes.get(i);
            out[x.slot()] = applied[i] ? new SendOutcome(x.next().key(), x.next().status(), x.next().detail(), x.error(), x.leftAsIs(), List.of())
                    : current(x.next().key(), null);
        }
    }

    private SendOutcome current(String key, String why) {
        OutboxEntry now = outbox.get(key).orElseThrow();
        return new SendOutcome(key, now.status(), why != null ? why : now.detail(), false, true, List.of());
    }

    /**
     * After a handoff that was not a plain 250: bounce, retry with backoff (one message at a time,
     * each step synced as before), or the probe's word on an uncertain handoff.
     */
    private SendOutcome settle(OutboxEntry sending, MessageComposer.Composed c, DeliveryResult r) throws InterruptedException {
        while (true) {
            OutboxEntry back;
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
                    Optional<OutboxEntry> again = retryOrGiveUp(sending, describe(r));
                    if (again.isEmpty()) return finish(sending, OutboxStatus.FAILED, "gave up after " + sending.attempts() + " attempts: " + describe(r), true);
                    back = again.get();
                }
                default -> {
                    Optional<OutboxEntry> again = retryOrGiveUp(sending, describe(r));
                    if (again.isEmpty()) return finish(sending, OutboxStatus.FAILED, "gave up after " + sending.attempts() + " attempts: " + describe(r), true);
                    sleeper.sleep(retry.backoffAfter(sending.attempts()));
                    back = again.get();
                }
            }
            sending = back.sending(c.message().messageId(), clock.instant());
            if (!outbox.compareAndSet(back.key(), OutboxStatus.QUEUED, sending)) return current(back.key(), "taken by another worker");
            limiter.acquire();
            r = transport.send(c.message());
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
        if (!outbox.compareAndSet(from.key(), from.status(), from.with(to, detail, clock.instant()))) return current(from.key(), null);
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
