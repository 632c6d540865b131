package dev.nudge.server.mail;

import dev.nudge.mail.broadcast.BroadcastRunner;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.smtp.ImapJournalProbe;
import dev.nudge.mail.smtp.SmtpConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Mail settings of {@code nudge serve}, read from the environment map (the CLI copies its
 * {@code --smtp-*}, {@code --base-url} and {@code --templates} options into the same names, so tests
 * and containers configure it one way). Without {@code NUDGE_SMTP_HOST} the built-in mail catcher is
 * the transport. The SMTP password is only ever read from {@code NUDGE_SMTP_PASSWORD}.
 *
 * @param smtp null: deliver to the mail catcher
 * @param rate messages per second through the shared token bucket
 * @param sendBatch most messages a broadcast worker hands off per durable batch (default: what the
 *                  workers send in ~50 ms at {@code rate}, 1 to 32; see {@code BroadcastRunner.Settings})
 * @param journal envelope-only copy address of every SMTP message, or null
 * @param journalProbe where recovery reads that journal (exactly-once across crashes), or null
 */
public record MailConfig(String baseUrl, String domain, String defaultFrom, Path templates, SmtpConfig smtp, double rate,
                         int workers, int sendBatch, RecoveryPolicy recovery, String journal, ImapJournalProbe.Config journalProbe, Map<String, String> env) {
    public static final String BASE_URL = "NUDGE_BASE_URL", TEMPLATES = "NUDGE_TEMPLATES", SMTP_HOST = "NUDGE_SMTP_HOST",
            SMTP_PORT = "NUDGE_SMTP_PORT", SMTP_TLS = "NUDGE_SMTP_TLS", SMTP_USER = "NUDGE_SMTP_USER", SMTP_PASSWORD = "NUDGE_SMTP_PASSWORD",
            SMTP_POOL = "NUDGE_SMTP_POOL", RATE = "NUDGE_MAIL_RATE", WORKERS = "NUDGE_MAIL_WORKERS", DOMAIN = "NUDGE_MAIL_DOMAIN",
            FROM = "NUDGE_MAIL_FROM", RECOVERY = "NUDGE_MAIL_RECOVERY", SEND_BATCH = "NUDGE_MAIL_SEND_BATCH", JOURNAL = "NUDGE_SMTP_JOURNAL",
            JOURNAL_IMAP = "NUDGE_SMTP_JOURNAL_IMAP", JOURNAL_PASSWORD = "NUDGE_SMTP_JOURNAL_PASSWORD";

    public static MailConfig from(Map<String, String> env, String host, int port) {
        String baseUrl = env.getOrDefault(BASE_URL, "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port);
        String domain = env.getOrDefault(DOMAIN, hostOf(baseUrl));
        String from = env.getOrDefault(FROM, "Nudge <nudge@" + domain + ">");
        Path templates = env.containsKey(TEMPLATES) ? Path.of(env.get(TEMPLATES)) : null;
        SmtpConfig smtp = null;
        String smtpHost = env.get(SMTP_HOST);
        if (smtpHost != null && !smtpHost.isBlank()) {
            SmtpConfig.Security sec = switch (env.getOrDefault(SMTP_TLS, "none").toLowerCase(Locale.ROOT)) {
                case "none" -> SmtpConfig.Security.NONE;
                case "starttls" -> SmtpConfig.Security.STARTTLS;
                case "tls" -> SmtpConfig.Security.TLS;
                default -> throw new IllegalArgumentException("--smtp-tls must be none, starttls or tls, got '" + env.get(SMTP_TLS) + "'");
            };
            String user = env.get(SMTP_USER), password = env.get(SMTP_PASSWORD);
            if (user != null && password == null) {
                throw new IllegalArgumentException("--smtp-user is set but NUDGE_SMTP_PASSWORD is not; export the password in that variable");
            }
            smtp = new SmtpConfig(smtpHost, integer(env, SMTP_PORT, sec == SmtpConfig.Security.TLS ? 465 : 587), sec, user,
                    user == null ? null : password, integer(env, SMTP_POOL, 4), null, null, null, false);
        }
        double rate = Double.parseDouble(env.getOrDefault(RATE, smtp == null ? "10000" : "100"));
        if (!(rate > 0)) throw new IllegalArgumentException(RATE + " must be a positive number of messages per second");
        RecoveryPolicy recovery = switch (env.getOrDefault(RECOVERY, "at-most-once").toLowerCase(Locale.ROOT)) {
            case "at-most-once" -> RecoveryPolicy.AT_MOST_ONCE;
            case "at-least-once" -> RecoveryPolicy.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException(RECOVERY + " must be at-most-once or at-least-once, got '" + env.get(RECOVERY) + "'");
        };
        String journal = env.get(JOURNAL);
        ImapJournalProbe.Config probe = env.get(JOURNAL_IMAP) == null ? null : ImapJournalProbe.Config.parse(env.get(JOURNAL_IMAP), env.get(JOURNAL_PASSWORD));
        if (probe != null && (journal == null || smtp == null)) {
            throw new IllegalArgumentException("--smtp-journal-imap needs --smtp-host and --smtp-journal (the address whose mailbox it reads)");
        }
        int workers = integer(env, WORKERS, 4);
        if (workers < 1) throw new IllegalArgumentException(WORKERS + " must be at least 1, got " + workers);
        int sendBatch = integer(env, SEND_BATCH, BroadcastRunner.Settings.sendBatchFor(rate, workers));
        if (sendBatch < 1) throw new IllegalArgumentException(SEND_BATCH + " must be at least 1 (1 = one message per durable write), got " + sendBatch);
        return new MailConfig(baseUrl, domain, from, templates, smtp, rate, workers, sendBatch, recovery, journal, probe, env);
    }

    /**
     * What is wrong with this configuration for real mail, to log at start (empty when nothing).
     * The List-Unsubscribe URL is {@code {baseUrl}/u/…}, and RFC 8058 §3.1 requires it to be https
     * for one-click; Gmail and Yahoo require one-click of bulk senders. Without {@code --base-url}
     * the default is this server's own http address, fine for the demo, wrong for anything sent.
     */
    public java.util.List<String> warnings() {
        if (!baseUrl.regionMatches(true, 0, "http://", 0, 7)) return java.util.List.of();
        String why = ", so the List-Unsubscribe URL in every marketing email is plain http, which RFC 8058 one-click unsubscribe does not allow "
                + "(Gmail and Yahoo require one-click from bulk senders); set --base-url (NUDGE_BASE_URL) to the public https address of this server, "
                + "e.g. --base-url https://nudge.example.com";
        return java.util.List.of(env.containsKey(BASE_URL)
                ? "--base-url is " + baseUrl + why
                : "--base-url is not set and tracking and unsubscribe links default to " + baseUrl + why);
    }

    private static String hostOf(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "localhost" : h;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--base-url must be a URL like https://nudge.example.com, got '" + url + "'", e);
        }
    }

    private static int integer(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
