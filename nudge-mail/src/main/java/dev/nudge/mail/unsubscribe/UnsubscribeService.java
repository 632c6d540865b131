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
 * <p>Tokens sign (profile id, email, message id) together: the change is applied to the person and
 * address inside the token, never to anything else in the request, so a token cannot be reused to
 * unsubscribe another person. The https token is {@code {baseUrl}/u/{token}} — GET shows the
 * preference page, POST with body {@code List-Unsubscribe=One-Click} unsubscribes at once, no login
 * or confirmation. The mailto address {@code unsubscribe+{messageLocalPart}.{mac}@{domain}} is
 * short and case-insensitive (local parts are limited to 64 octets) and names the person through
 * the stored message.
 *
 * <p>Order of effects: suppression entry and consent-log entry are written first (the next send is
 * blocked even before the events are processed), then the events are returned for ingest.
 */
public final class UnsubscribeService {
    static final String PURPOSE = "unsub";
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

    public String token(String profileId, String email, String messageId) {
        return signer.sign(PURPOSE, profileId, Suppression.normalize(email), messageId);
    }

    public String pageUrl(String token) {
        return baseUrl + "/u/" + token;
    }

    public String mailtoAddress(String messageId) {
        String local = messageId.substring(0, messageId.indexOf('@'));
        return "unsubscribe+" + local + "." + signer.shortMac(MAILTO_PURPOSE, local) + "@" + domain;
    }

    /** The two RFC 8058 headers for a marketing message, in order. */
    public Map<String, String> headers(String profileId, String email, String messageId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("List-Unsubscribe", "<" + pageUrl(token(profileId, email, messageId)) + ">, <mailto:" + mailtoAddress(messageId) + "?subject=unsubscribe>");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return h;
    }

    public Optional<UnsubscribeClaim> verify(String token) {
        return signer.verify(PURPOSE, token).filter(f -> f.size() == 3)
                .map(f -> new UnsubscribeClaim(f.get(0), f.get(1), f.get(2)));
    }

    /** Verifies the recipient address of an inbound unsubscribe mail. */
    public Optional<UnsubscribeClaim> verifyMailto(String recipient) {
        String r = recipient.trim().toLowerCase(Locale.ROOT);
        if (!r.startsWith("unsubscribe+") || !r.endsWith("@" + domain)) return Optional.empty();
        String t = r.substring("unsubscribe+".length(), r.length() - domain.length() - 1);
        int dot = t.lastIndexOf('.');
        if (dot <= 0 || !signer.verifyShortMac(MAILTO_PURPOSE, t.substring(0, dot), t.substring(dot + 1))) return Optional.empty();
        return messages.find(t.substring(0, dot) + "@" + domain)
                .map(m -> new UnsubscribeClaim(m.profileId(), m.email(), m.messageId()));
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

    private Optional<StoredMessage> campaignOf(String messageId) {
        return messageId == null || messageId.isEmpty() ? Optional.empty() : messages.find(messageId);
    }
}
