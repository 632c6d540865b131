package dev.nudge.server.cli;

import dev.nudge.server.mail.MailConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The mail options of {@code nudge serve}. They are copied into the environment map under the
 * {@link MailConfig} names, so the options and the variables are one configuration (an option wins).
 * There is deliberately no password option: a password on the command line shows up in {@code ps}.
 */
final class MailOptions {
    @Option(names = "--templates", description = "folder of email templates (NAME.liquid or NAME.html; layouts/, partials/)")
    Path templates;

    @Option(names = "--base-url", description = "public URL of this server, used in tracking and unsubscribe links (default: http://HOST:PORT)")
    String baseUrl;

    @Option(names = "--smtp-host", description = "SMTP server; without it, mail goes to the built-in mail catcher (GET /api/v1/outbox)")
    String smtpHost;

    @Option(names = "--smtp-port", description = "SMTP port (default: 587, or 465 with --smtp-tls tls)")
    Integer smtpPort;

    @Option(names = "--smtp-tls", description = "none, starttls or tls (default: none)")
    String smtpTls;

    @Option(names = "--smtp-user", description = "SMTP user name; the password is read from the env var NUDGE_SMTP_PASSWORD")
    String smtpUser;

    @Option(names = "--smtp-journal", description = "address that gets an envelope-only copy of every message (a journal mailbox on the relay)")
    String journal;

    @Option(names = "--smtp-journal-imap", description = "imap[s]://user@host:port/FOLDER of that journal; recovery after a crash asks it "
            + "whether in-flight messages were accepted (exactly-once). Password: env NUDGE_SMTP_JOURNAL_PASSWORD")
    String journalImap;

    @Option(names = "--mail-rate", description = "messages per second, all sends together (default: 100 with SMTP)")
    Double rate;

    Map<String, String> env(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        if (templates != null) env.put(MailConfig.TEMPLATES, templates.toString());
        if (baseUrl != null) env.put(MailConfig.BASE_URL, baseUrl);
        if (smtpHost != null) env.put(MailConfig.SMTP_HOST, smtpHost);
        if (smtpPort != null) env.put(MailConfig.SMTP_PORT, smtpPort.toString());
        if (smtpTls != null) env.put(MailConfig.SMTP_TLS, smtpTls);
        if (smtpUser != null) env.put(MailConfig.SMTP_USER, smtpUser);
        if (journal != null) env.put(MailConfig.JOURNAL, journal);
        if (journalImap != null) env.put(MailConfig.JOURNAL_IMAP, journalImap);
        if (rate != null) env.put(MailConfig.RATE, rate.toString());
        return env;
    }
}
