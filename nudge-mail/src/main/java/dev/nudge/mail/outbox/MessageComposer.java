package dev.nudge.mail.outbox;

import dev.nudge.core.profile.Profile;
import dev.nudge.mail.MessageIds;
import dev.nudge.mail.MessageKind;
import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.template.CompiledTemplate;
import dev.nudge.mail.template.HtmlToText;
import dev.nudge.mail.template.RenderContext;
import dev.nudge.mail.template.RenderedEmail;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.tracking.LinkRewriter;
import dev.nudge.mail.tracking.StoredMessage;
import dev.nudge.mail.tracking.TrackedHtml;
import dev.nudge.mail.unsubscribe.UnsubscribeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Render → rewrite links and add the pixel → text part from the tracked HTML (so text-only clicks
 * are tracked too) → headers. Pure given its inputs: composing an intent twice yields the same
 * message, Message-ID included.
 */
public final class MessageComposer {
    /** The message to hand over and what to store for tracking lookups. */
    public record Composed(OutgoingMessage message, StoredMessage stored) {
    }

    private final TemplateEngine engine;
    private final LinkRewriter rewriter;
    private final UnsubscribeService unsubscribe;
    private final MailSettings settings;

    public MessageComposer(TemplateEngine engine, LinkRewriter rewriter, UnsubscribeService unsubscribe, MailSettings settings) {
        this.engine = engine;
        this.rewriter = rewriter;
        this.unsubscribe = unsubscribe;
        this.settings = settings;
    }

    public Composed compose(SendIntent intent, CompiledTemplate template, Profile profile, String email) {
        String messageId = MessageIds.fromIdempotencyKey(intent.idempotencyKey(), settings.domain());
        String pageUrl = unsubscribe.pageUrl(unsubscribe.token(messageId));
        Map<String, Object> links = Map.of("unsubscribe_url", pageUrl, "preferences_url", pageUrl);
        Map<String, Object> flow = new LinkedHashMap<>(intent.flow());
        if (intent.flowId() != null) flow.putIfAbsent("id", intent.flowId());
        if (intent.flowStep() != null) flow.putIfAbsent("step", intent.flowStep());
        if (intent.campaignId() != null) flow.putIfAbsent("campaign_id", intent.campaignId());
        RenderedEmail r = engine.render(template, new RenderContext(profile, intent.trigger(), flow, intent.recommendations(), links), false);

        TrackedHtml tracked = settings.trackClicks() || settings.trackOpens()
                ? rewriter.rewrite(messageId, r.html(), settings.trackOpens())
                : new TrackedHtml(r.html(), List.of());
        List<String> trackedLinks = settings.trackClicks() ? tracked.links() : List.of();
        String html = settings.trackClicks() ? tracked.html() : r.html();
        String text = HtmlToText.convert(html);

        Map<String, String> headers = new LinkedHashMap<>();
        if (template.kind() == MessageKind.MARKETING) headers.putAll(unsubscribe.headers(messageId));
        headers.put("X-Nudge-Message-Id", messageId);
        headers.put("X-PM-Metadata-nudge_message_id", messageId); // Postmark replaces Message-ID; its webhooks echo this metadata
        String from = r.from() != null && !r.from().isBlank() ? r.from() : settings.defaultFrom();
        OutgoingMessage out = new OutgoingMessage(messageId, intent.idempotencyKey(), template.kind(), from, r.replyTo(),
                email, r.subject(), html, text, headers);
        StoredMessage stored = new StoredMessage(messageId, intent.idempotencyKey(), profile.id(), email,
                intent.campaignId(), intent.flowId(), intent.flowStep(), trackedLinks, null);
        return new Composed(out, stored);
    }
}
