package dev.nudge.mail.outbox;

import java.util.Objects;

/**
 * Workspace mail settings.
 *
 * @param baseUrl public URL of the Nudge server: tracking ({@code /t/...}) and unsubscribe ({@code /u/...}) links start here
 * @param domain the mail domain: Message-IDs and the mailto unsubscribe address
 * @param defaultFrom used when a template's front matter has no {@code from}
 */
public record MailSettings(String baseUrl, String domain, String defaultFrom, boolean trackOpens, boolean trackClicks) {
    public MailSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
            throw new IllegalArgumentException("mail baseUrl must be an http(s) URL people can reach, got '" + baseUrl + "'");
        }
        Objects.requireNonNull(domain, "domain");
    }
}
