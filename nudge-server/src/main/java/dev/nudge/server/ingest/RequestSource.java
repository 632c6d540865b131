package dev.nudge.server.ingest;

import java.util.Objects;

/**
 * Where a request came from, as the rejected-messages log records it. Never the write key itself:
 * {@code writeKeyId} is its public fingerprint ({@code Credentials.publicId}), which `nudge keys
 * list` shows next to each key.
 *
 * @param path      the endpoint called ({@code /v1/batch})
 * @param userAgent the User-Agent header, or null
 * @param ip        the client address as the server sees it, or null
 */
public record RequestSource(String path, String writeKeyId, String userAgent, String ip) {
    static final int MAX_PATH = 200, MAX_USER_AGENT = 256, MAX_IP = 64;

    public RequestSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(writeKeyId, "writeKeyId");
        path = Text.cut(path, MAX_PATH);
        userAgent = userAgent == null ? null : Text.cut(userAgent, MAX_USER_AGENT);
        ip = ip == null ? null : Text.cut(ip, MAX_IP);
    }
}
