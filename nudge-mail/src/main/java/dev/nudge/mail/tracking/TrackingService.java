package dev.nudge.mail.tracking;

import dev.nudge.core.event.Event;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.TokenSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers tracking hits: {@code GET /t/c/{token}} (click) and {@code GET /t/o/{token}} (open).
 *
 * <p>Security: the token is verified before anything is looked up; a forged or tampered token, an
 * unknown message, or a link index the message does not have is refused — and the redirect target
 * always comes from the stored message, so there is no open redirect. The HTTP layer should answer
 * at once and hand the event to ingest asynchronously (the event is complete here).
 */
public final class TrackingService {
    /** The 1x1 transparent GIF to answer open-pixel requests with (Content-Type image/gif, no-store). */
    public static final byte[] PIXEL_GIF = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TokenSigner signer;
    private final MessageStore messages;
    private final MachineDetector detector;

    public TrackingService(TokenSigner signer, MessageStore messages, MachineDetector detector) {
        this.signer = signer;
        this.messages = messages;
        this.detector = detector;
    }

    public TrackingOutcome click(Hit hit) {
        Optional<TrackingTokens.Click> c = TrackingTokens.parseClick(signer, hit.token());
        if (c.isEmpty()) return new TrackingOutcome.Refused("invalid or tampered click token");
        Optional<StoredMessage> m = messages.find(c.get().messageId());
        if (m.isEmpty()) return new TrackingOutcome.Refused("message not found (it may have been erased)");
        int index = c.get().index();
        if (index < 0 || index >= m.get().links().size()) return new TrackingOutcome.Refused("link not in this message");
        String url = m.get().links().get(index);
        MachineDetector.Verdict v = detector.classifyClick(hit, m.get(), index);
        Map<String, Object> props = baseProps(m.get(), v);
        props.put("url", url);
        props.put("link_index", index);
        return new TrackingOutcome.Redirect(url, event(EmailEvents.CLICKED, hit, m.get(), props));
    }

    public TrackingOutcome open(Hit hit) {
        Optional<String> id = TrackingTokens.parseOpen(signer, hit.token());
        if (id.isEmpty()) return new TrackingOutcome.Refused("invalid or tampered open token");
        Optional<StoredMessage> m = messages.find(id.get());
        if (m.isEmpty()) return new TrackingOutcome.Refused("message not found (it may have been erased)");
        MachineDetector.Verdict v = detector.classifyOpen(hit, m.get());
        return new TrackingOutcome.Pixel(event(EmailEvents.OPENED, hit, m.get(), baseProps(m.get(), v)));
    }

    private static Map<String, Object> baseProps(StoredMessage m, MachineDetector.Verdict v) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message_id", m.messageId());
        p.put("email", m.email());
        p.put("campaign_id", m.campaignId());
        p.put("flow_id", m.flowId());
        p.put("flow_step", m.flowStep());
        p.put("machine", v.machine());
        p.put("machine_reason", v.reason());
        return p;
    }

    private static Event event(String name, Hit hit, StoredMessage m, Map<String, Object> props) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        if (!hit.ip().isEmpty()) ctx.put("ip", hit.ip());
        if (!hit.userAgent().isEmpty()) ctx.put("userAgent", hit.userAgent());
        String key = hit.token() + "|" + hit.at().toEpochMilli() + "|" + hit.ip() + "|" + hit.userAgent() + "|" + hit.method();
        return EmailEvents.track(key, m.profileId(), name, props, ctx, hit.at(), hit.at());
    }
}
