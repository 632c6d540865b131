/**
 * Nudge mail: everything between a send intent and an SMTP server, and everything that comes back.
 *
 * <h2>Feature packages</h2>
 * <ul>
 *   <li>{@code template} — Liquid templates (front matter, layouts, partials, money/date filters),
 *       text part, render preview: {@code TemplateEngine}, {@code TemplateRenderer}.</li>
 *   <li>{@code tracking} — signed click/open URLs and hits → events: {@code LinkRewriter},
 *       {@code TrackingService}, {@code MachineDetector}; store seam {@code MessageStore}.</li>
 *   <li>{@code unsubscribe} — RFC 8058 one-click, mailto, preference page, consent log:
 *       {@code UnsubscribeService}, {@code PreferencePage}; seams {@code ConsentLog},
 *       {@code ProfileDirectory}.</li>
 *   <li>{@code suppression} — the list, the send-time check, CSV import: {@code SuppressionStore},
 *       {@code SuppressionCheck}, {@code SuppressionCsv}.</li>
 *   <li>{@code outbox} — idempotent send path and its state machine: {@code Sender},
 *       {@code OutboxStore}, {@code OutboxWorker}, {@code OutboxRecovery}, {@code ErrorRateBreaker}.</li>
 *   <li>{@code smtp} — Angus Mail transport with a connection pool, MIME, bounce classification,
 *       {@code TokenBucket}.</li>
 *   <li>{@code catcher} — {@code MailCatcher}, the default transport without SMTP config.</li>
 *   <li>{@code webhook} — SendGrid, Mailgun, SES/SNS, Postmark → events; {@code DeliveryFeedback}.</li>
 *   <li>{@code broadcast} — {@code BroadcastRunner}: resumable, throttled batch sends.</li>
 * </ul>
 *
 * <h2>For the integrator (nudge-server)</h2>
 * <ol>
 *   <li><b>Stores.</b> Implement over RocksDB: {@code OutboxStore} (put-if-absent and
 *       compare-and-set, entry + status index in one synced WriteBatch), {@code MessageStore},
 *       {@code SuppressionStore}, {@code ConsentLog}, {@code BroadcastStore} (single-key writes).
 *       The {@code InMemory*} classes are the reference behaviour; their tests are the contract.</li>
 *   <li><b>Wiring.</b> One {@code TokenSigner} (≥ 32-byte secret from config), {@code TemplateEngine}
 *       over {@code TemplateLoader.directory(templatesDir)}, {@code LinkRewriter},
 *       {@code UnsubscribeService}, {@code MessageComposer}, the transport ({@code SmtpTransport}
 *       when SMTP is configured, else {@code MailCatcher}), one shared {@code TokenBucket}, and a
 *       {@code Sender}. At startup call {@code OutboxRecovery.recover} (pass the catcher as probe
 *       when it is the transport, or an {@code smtp.ImapJournalProbe} when SMTP has a journal
 *       address) before starting {@code OutboxWorker}s. Done in nudge-server's
 *       {@code dev.nudge.server.mail.MailModule}.</li>
 *   <li><b>Endpoints.</b> {@code GET|HEAD /t/c/{token}} → {@code TrackingService.click} (302 to
 *       the returned URL, 404 on refusal); {@code GET /t/o/{token}} → {@code open} (always the
 *       pixel); ingest the event asynchronously. {@code GET /u/{token}} → {@code PreferencePage};
 *       {@code POST /u/{token}} with body {@code List-Unsubscribe=One-Click} →
 *       {@code UnsubscribeService.oneClick}, with form fields {@code action/topic} →
 *       {@code apply}; no login, no confirmation; ingest the returned events. Webhooks: raw body
 *       and headers into {@code WebhookRequest}, {@code EspWebhook.handle} (wrap each in
 *       {@code LoggingWebhook} so refusals are logged), then
 *       {@code DeliveryFeedback.apply} and ingest each event; answer {@code Refused} with its
 *       status. Suppressions: {@code SuppressionStore.page/put/remove}, {@code SuppressionCsv}.
 *       {@code /api/v1/outbox}: {@code MailCatcher.list}. Preview: {@code TemplateRenderer}.</li>
 *   <li><b>Flows</b> call {@code Sender.send(SendIntent)} (or enqueue the intent in the same atomic
 *       batch as the flow step and let an {@code OutboxWorker} deliver it) with idempotency key
 *       {@code flow/{flowId}/{runId}/{stepId}}.</li>
 * </ol>
 * Design notes, machine-detection rules and the crash semantics: {@code docs/email.md}.
 */
package dev.nudge.mail;
