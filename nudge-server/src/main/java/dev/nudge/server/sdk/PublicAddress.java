package dev.nudge.server.sdk;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where clients reach this server, as the Segment libraries write it: a protocol and a host without
 * scheme ({@code nudge.shop.example}, {@code 127.0.0.1:8080}, or {@code shop.example/nudge} behind a
 * path prefix). The settings document gives clients {@code apiHost = host + "/v1"}.
 *
 * <p>Taken from {@code NUDGE_BASE_URL} when set (the address behind a TLS proxy, which the request
 * cannot tell), else from the request itself: the {@code Host} the client used and the scheme it
 * arrived on.
 */
record PublicAddress(String protocol, String host) {
    /** A Host header as clients send it: a name or an IP literal, with an optional port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    PublicAddress {
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw new IllegalArgumentException("the protocol must be http or https, got " + protocol);
        }
    }

    /** The api host the clients post to: this host followed by {@code /v1}. */
    String apiHost() {
        return host + "/v1";
    }

    /** The base URL, e.g. {@code https://nudge.shop.example}. */
    String url() {
        return protocol + "://" + host;
    }

    /** Parses {@code NUDGE_BASE_URL}; null when unset. */
    static PublicAddress fromBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) return null;
        URI u = URI.create(baseUrl.trim());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getRawAuthority() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("NUDGE_BASE_URL must be an http(s) URL like https://nudge.shop.example, got " + baseUrl);
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        return new PublicAddress(scheme, u.getRawAuthority() + path);
    }

    /** From the request: its Host header when well formed, else {@code fallbackHost} (the bound address). */
    static PublicAddress fromRequest(String scheme, String hostHeader, String fallbackHost) {
        String host = hostHeader != null && HOST.matcher(hostHeader).matches() ? hostHeader : fallbackHost;
        return new PublicAddress("https".equalsIgnoreCase(scheme) ? "https" : "http", host);
    }
}
