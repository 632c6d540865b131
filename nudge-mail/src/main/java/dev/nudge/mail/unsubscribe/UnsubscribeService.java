package dev.nudge.mail.unsubscribe;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.TokenSigner;
import dev.nudge.mail.suppression.Suppression;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.suppression.SuppressionStore;
import dev.nudge.mail.tracking.MessageStore;
import dev.nudge.mail.tracking.StoredMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One-click unsubscribe (RFC 8058), mailto unsubscribe and the preference page's changes.
 *
 * <p>Tokens name a sent message, nothing else: {@code base64url(message-id local part) . MAC}. The
 * person and address come from the stored message ({@link MessageStore}, written before the
 * handoff), so the change applies to whoever that message went to and nothing in the request can
 * redirect it; the link is opaque (the Message-ID is a hash of the idempotency key) where the
 * earlier token carried the address in plain base64 — a forwarded email or a link in a proxy log
 * no longer tells who the recipient is. Tokens of that earlier form ({@link #LEGACY_PURPOSE}:
 * profile id, email, message id) are still accepted, because they sit in the List-Unsubscribe
 * headers of mail already delivered and RFC 8058 one-click must keep working for them; they are no
 * longer minted.
 *
 * <p>The https URL is {@code {baseUrl}/u/{token}} — GET shows the preference page, POST with body
 * {@code List-Unsubscribe=One-Click} unsubscribes at once, no login or confirmation. The mailto
 * address {@code unsubscribe+{messageLocalPart}.{mac}@{domain}} is short and case-insensitive
 * (local parts are limited to 64 octets) and names the person through the stored message too.
 *
 * <p>Changes are idempotent: one that would not change anything (an already unsubscribed address
 * unsubscribed again — mail clients and scanners repeat the one-click POST) is
 * {@link ConsentResult.Unchanged} and writes nothing: no suppression, no consent-log entry, no
 * event. Otherwise, order of effects: suppression entry and consent-log entry are written first
 * (the next send is blocked even before the events are processed), then the events are returned
 * for ingest.
 */
public final class UnsubscribeService {
    /** Purpose of the https token: one field, the Message-ID's local part. */
    static final String PURPOSE = "unsub-message";
    /** Purpose of the tokens minted before they were made opaque: profile id, email, message id. */
    static final String LEGACY_PURPOSE = "unsub";
    static final String MAILTO_PURPOSE = "unsub-mailto";

    private final TokenSigner signer;
    private final String baseUrl;
    private final String domain;
    private final MessageStore messages;
    private final ProfileDirectory profiles;
    private final SuppressionStore suppressions;
    private final ConsentLog log;

    /** @param domain the mail domain: Message-IDs and the mailto unsubscribe address live under it */
    public UnsubscribeService(TokenSigner signer, String baseUrl, String domain, MessageStore messages,
                              ProfileDirectory profiles, SuppressionStore suppressions, ConsentLog log) {
        this.signer = signer;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.messages = messages;
        this.profiles = profiles;
        this.suppressions = suppressions;
        this.log = log;
    }

    /** The opaque token for the unsubscribe links of message {@code messageId} (which must be stored before it is sent). */
    public String token(String messageId) {
        return signer.sign(PURPOSE, localPart(messageId));
    }

    public String pageUrl(String token) {
        return baseUrl + "/u/" + token;
    }

    public String mailtoAddress(String messageId) {
        String local = localPart(messageId);
        return "unsubscribe+" + local + "." + signer.shortMac(MAILTO_PURPOSE, local) + "@" + domain;
    }

    /** The two RFC 8058 headers for a marketing message, in order. */
    public Map<String, String> headers(String messageId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("List-Unsubscribe", "<" + pageUrl(token(messageId)) + ">, <mailto:" + mailtoAddress(messageId) + "?subject=unsubscribe>");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return h;
    }

    /** Who a token's change applies to: the recipient of the message it names; empty when forged, tampered or the message is gone. */
    public Optional<UnsubscribeClaim> verify(String token) {
        Optional<List<String>> current = signer.verify(PURPOSE, token).filter(f -> f.size() == 1);
        if (current.isPresent()) return claimOf(current.get().get(0));
        return signer.verify(LEGACY_PURPOSE, token).filter(f -> f.size() == 3)
                .map(f -> new UnsubscribeClaim(f.get(0), f.get(1), f.get(2)));
    }

    private Optional<UnsubscribeClaim> claimOf(String localPart) {
        return messages.find(localPart + "@" + domain).map(m -> new UnsubscribeClaim(m.profileId(), m.email(), m.messageId()));
    }

    private static String localPart(String messageId) {
        int at = messageId.indexOf('@');
        if (at <= 0) throw new IllegalArgumentException("message id must look like local@domain, got '" + messageId + "'");
        return messageId.substring(0, at);
    }

    /** Verifies the recipient address of an inbound unsubscribe mail. */
    public Optional<UnsubscribeClaim> verifyMailto(String recipient) {
        String r = recipient.trim().toLowerCase(Locale.ROOT);
        if (!r.startsWith("unsubscribe+") || !r.endsWith("@" + domain)) return Optional.empty();
        String t = r.substring("unsubscribe+".length(), r.length() - domain.length() - 1);
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || !signer.verifyShortMac(MAILTO_PURPOSE, t.substring(0, dot), t.substring(dot + 1))) return Optional.empty();
        return claimOf(t.substring(0, dot));
    }

    /** The RFC 8058 one-click POST: unsubscribe from everything. */
    public ConsentResult oneClick(String token, String ip, Instant at) {
        return verify(token).map(c -> apply(c, ConsentChange.unsubscribeAll(), "one_click", ip, at))
                .orElseGet(() -> new ConsentResult.Refused("invalid or tampered unsubscribe token"));
    }

    public ConsentResult apply(String token, ConsentChange change, String source, String ip, Instant at) {
        return verify(token).map(c -> apply(c, change, source, ip, at))
                .orElseGet(() -> new ConsentResult.Refused("invalid or tampered unsubscribe token"));
    }

    /** Applies a change for an already-verified claim (token, mailto, or an authenticated API call). */
    public ConsentResult apply(UnsubscribeClaim claim, ConsentChange change, String source, String ip, Instant at) {
        Optional<Profile> p = profiles.find(claim.profileId());
        if (p.isEmpty()) return new ConsentResult.Refused("this person is no longer known (the profile may have been erased)");
        boolean unsub = change.action() == ConsentChange.Action.UNSUBSCRIBE;
        if (alreadyInEffect(claim, p.get(), change)) return new ConsentResult.Unchanged(claim);
        if (change.topic() == null) {
            if (unsub) {
                suppressions.put(new Suppression(claim.email(), SuppressionReason.UNSUBSCRIBED, source, "message " + claim.messageId(), at));
            } else {
                suppressions.remove(claim.email(), SuppressionReason.UNSUBSCRIBED);
            }
        }
        ConsentLogEntry entry = new ConsentLogEntry(claim.profileId(), claim.email(), change, source, ip, claim.messageId(), at);
        log.append(entry);

        Map<String, Object> consent = ConsentState.consent(p.get());
        String state = unsub ? "unsubscribed" : "subscribed";
        if (change.topic() == null) {
            consent.put("email", state);
        } else {
            Map<String, Object> topics = new LinkedHashMap<>();
            if (consent.get("topics") instanceof Map<?, ?> t) t.forEach((k, v) -> topics.put(String.valueOf(k), v));
            topics.put(change.topic(), state);
            consent.put("topics", topics);
        }
        String key = claim.profileId() + "|" + change + "|" + source + "|" + at.toEpochMilli();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("email", claim.email());
        props.put("message_id", claim.messageId());
        props.put("topic", change.topic());
        props.put("source", source);
        campaignOf(claim.messageId()).ifPresent(m -> {
            props.put("campaign_id", m.campaignId());
            props.put("flow_id", m.flowId());
        });
        Event track = EmailEvents.track(key, claim.profileId(), unsub ? EmailEvents.UNSUBSCRIBED : "Resubscribed", props,
                ip == null || ip.isEmpty() ? Map.of() : Map.of("ip", ip), at, at);
        Event identify = EmailEvents.identify(key, claim.profileId(), Map.of("consent", consent), at);
        return new ConsentResult.Applied(List.of(track, identify), entry);
    }

    /**
     * Whether the change is already in effect, in both places it lives: the suppression list and
     * the {@code consent} trait. If only one of them says so (say the identify of an earlier change
     * was never ingested), the change is applied again, which repairs the other.
     */
    private boolean alreadyInEffect(UnsubscribeClaim claim, Profile p, ConsentChange change) {
        boolean unsub = change.action() == ConsentChange.Action.UNSUBSCRIBE;
        if (change.topic() != null) return ConsentState.topicUnsubscribed(p, change.topic()) == unsub;
        boolean suppressed = suppressions.find(claim.email()).stream().anyMatch(x -> x.reason() == SuppressionReason.UNSUBSCRIBED);
        boolean traitOff = "unsubscribed".equals(ConsentState.emailStatus(p));
        return unsub ? suppressed && traitOff : !suppressed && !traitOff;
    }

    private Optional<StoredMessage> campaignOf(String messageId) {
        return messageId == null || messageId.isEmpty() ? Optional.empty() : messages.find(messageId);
    }
}
