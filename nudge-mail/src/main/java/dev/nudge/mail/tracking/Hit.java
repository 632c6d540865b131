package dev.nudge.mail.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to a tracking URL.
 *
 * @param method the HTTP method ({@code GET}, {@code HEAD}); scanners often probe with HEAD
 * @param at when the request arrived (server time)
 */
public record Hit(String token, String method, String userAgent, String ip, Instant at) {
    public Hit {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(at, "at");
        method = method == null ? "GET" : method;
        userAgent = userAgent == null ? "" : userAgent;
        ip = ip == null ? "" : ip;
    }
}
