package dev.nudge.mail.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One inbound webhook call as the HTTP layer saw it. The body must be the raw bytes: signatures are
 * computed over them, so re-serialised JSON would not verify.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body, String remoteIp, Instant receivedAt) {
    public WebhookRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) h.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body.clone();
    }

    /** Header value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
