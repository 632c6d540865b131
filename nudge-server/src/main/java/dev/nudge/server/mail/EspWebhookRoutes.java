package dev.nudge.server.mail;

import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.webhook.CertificateFetcher;
import dev.nudge.mail.webhook.DeliveryFeedback;
import dev.nudge.mail.webhook.EspWebhook;
import dev.nudge.mail.webhook.LoggingWebhook;
import dev.nudge.mail.webhook.MailgunWebhook;
import dev.nudge.mail.webhook.PostmarkWebhook;
import dev.nudge.mail.webhook.ProfileByEmail;
import dev.nudge.mail.webhook.SendGridWebhook;
import dev.nudge.mail.webhook.SesSnsWebhook;
import dev.nudge.mail.webhook.WebhookRequest;
import dev.nudge.mail.webhook.WebhookResult;
import dev.nudge.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/sendgrid|mailgun|ses|postmark}: the raw body bytes and headers go to the ESP's
 * verifier (signatures are over the exact bytes), then {@link DeliveryFeedback} (suppression, outbox
 * status) and ingest. An ESP whose secret is not configured answers 404 with the variable to set.
 * Secrets come from the environment only: {@code NUDGE_SENDGRID_PUBLIC_KEY}, {@code NUDGE_MAILGUN_SIGNING_KEY},
 * {@code NUDGE_SES_TOPIC_ARNS} (comma-separated), {@code NUDGE_POSTMARK_USER}/{@code NUDGE_POSTMARK_PASSWORD}.
 */
final class EspWebhookRoutes {
    private static final Logger log = LoggerFactory.getLogger(EspWebhookRoutes.class);
    private final MailModule mail;
    private final DeliveryFeedback feedback;
    private final Map<String, EspWebhook> hooks = new HashMap<>();
    private final Map<String, String> missing = Map.of("sendgrid", "NUDGE_SENDGRID_PUBLIC_KEY", "mailgun", "NUDGE_MAILGUN_SIGNING_KEY",
            "ses", "NUDGE_SES_TOPIC_ARNS", "postmark", "NUDGE_POSTMARK_USER and NUDGE_POSTMARK_PASSWORD");

    EspWebhookRoutes(MailModule mail) {
        this.mail = mail;
        this.feedback = new DeliveryFeedback(mail.suppressions, mail.outbox, mail.messages, mail.clock);
        Map<String, String> env = mail.config.env();
        ProfileByEmail byEmail = email -> mail.db.store.profilesByEmail(email).stream().findFirst();
        MachineDetector detector = MachineDetector.defaults();
        Duration tolerance = Duration.ofMinutes(10);
        if (set(env, "NUDGE_SENDGRID_PUBLIC_KEY")) {
            hooks.put("sendgrid", new SendGridWebhook(env.get("NUDGE_SENDGRID_PUBLIC_KEY"), mail.messages, byEmail, detector, mail.clock, tolerance));
        }
        if (set(env, "NUDGE_MAILGUN_SIGNING_KEY")) {
            hooks.put("mailgun", new MailgunWebhook(env.get("NUDGE_MAILGUN_SIGNING_KEY"), mail.messages, byEmail, detector, mail.clock, tolerance));
        }
        if (set(env, "NUDGE_SES_TOPIC_ARNS")) {
            Set<String> arns = Arrays.stream(env.get("NUDGE_SES_TOPIC_ARNS").split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            hooks.put("ses", new SesSnsWebhook(CertificateFetcher.https(), arns, mail.messages, byEmail, detector));
        }
        if (set(env, "NUDGE_POSTMARK_USER") && set(env, "NUDGE_POSTMARK_PASSWORD")) {
            hooks.put("postmark", new PostmarkWebhook(env.get("NUDGE_POSTMARK_USER"), env.get("NUDGE_POSTMARK_PASSWORD"), mail.messages, byEmail, detector));
        }
        hooks.replaceAll(LoggingWebhook::new);
    }

    void register(RoutesConfig app) {
        app.post("/webhooks/{esp}", this::handle);
    }

    private void handle(Context ctx) {
        String esp = ctx.pathParam("esp");
        EspWebhook hook = hooks.get(esp);
        if (hook == null) {
            String var = missing.get(esp);
            Json.send(ctx, 404, Map.of("error", var == null ? "unknown ESP \"" + esp + "\"; use sendgrid, mailgun, ses or postmark"
                    : "the " + esp + " webhook is not configured; set " + var + " and restart"));
            return;
        }
        Map<String, String> headers = new HashMap<>(ctx.headerMap());
        WebhookResult r = hook.handle(new WebhookRequest(headers, ctx.bodyAsBytes(), ctx.ip(), mail.clock.instant()));
        switch (r) {
            case WebhookResult.Refused x -> Json.send(ctx, x.status(), Map.of("error", x.reason()));
            case WebhookResult.Accepted a -> {
                a.events().forEach(feedback::apply);
                if (!a.events().isEmpty()) mail.ingestNow(a.events());
                Json.send(ctx, 200, Map.of("accepted", a.events().size(), "unmatched", a.unmatched()));
            }
            case WebhookResult.ConfirmSubscription c -> {
                confirm(c.subscribeUrl());
                Json.send(ctx, 200, Map.of("confirming", Optional.ofNullable(c.topicArn()).orElse("")));
            }
        }
    }

    /** SNS subscription confirmation: a GET of the (already verified) SubscribeURL, off the request thread. */
    private static void confirm(String url) {
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((resp, ex) -> {
                    if (ex != null || resp.statusCode() != 200) log.warn("SNS subscription confirmation failed: {}", ex != null ? ex.toString() : resp.statusCode());
                    else log.info("SNS subscription confirmed");
                });
    }

    private static boolean set(Map<String, String> env, String k) {
        return env.get(k) != null && !env.get(k).isBlank();
    }
}
