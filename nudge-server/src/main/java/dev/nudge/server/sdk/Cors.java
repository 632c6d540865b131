package dev.nudge.server.sdk;

import dev.nudge.server.auth.AllowedOrigins;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CORS decisions of {@code /v1} (DESIGN.md §3): which browser pages may send events, and the
 * headers that tell the browser so. Pure: it sees an origin, a write key and the key's allowed
 * origins, never a request, so every rule is unit-tested without HTTP.
 *
 * <p>How browsers and the write key meet. analytics.js posts {@code text/plain} (a "simple" request
 * the browser sends without asking) and, since analytics-next 1.8x, adds {@code Authorization:
 * Basic}, which makes the browser ask first with a preflight {@code OPTIONS}. A preflight carries no
 * body and no Authorization, so it cannot name its key: it is answered for an origin that at least
 * one write key allows. The request itself names its key (Basic user or {@code writeKey} in the body)
 * and is held to that key's list: a page on an origin the key does not allow gets {@code 403} and no
 * CORS headers, so its own script cannot even read the refusal.
 *
 * <p>Invariants: {@code Access-Control-Allow-Credentials} is never sent (no cookies cross to Nudge;
 * the write key is the only credential and it is public); the wildcard {@code *} is sent only on a
 * request whose own key allows any origin, otherwise the request's origin is echoed with {@code Vary:
 * Origin} so caches keep the answers apart.
 */
final class Cors {
    /** How long a browser may reuse a preflight answer; Chromium caps it at 7,200 s. */
    static final int MAX_AGE_SECONDS = 600;

    /** Request headers a preflight may ask for: HTTP tokens, comma-separated, within a sane length. */
    private static final Pattern HEADER_LIST = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*,\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*");
    private static final int MAX_HEADER_LIST = 1_000;

    /** What to do with one request: the headers to add, or a refusal that says why. */
    record Decision(Map<String, String> headers, String refusal) {
        static final Decision NOT_CORS = new Decision(Map.of(), null);

        Decision {
            headers = Map.copyOf(headers);
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /** The write keys' origin lists, as the CORS layer needs them. */
    interface KeyOrigins {
        /** The origins {@code writeKey} allows, or null when it is not a usable write key. */
        AllowedOrigins originsOf(String writeKey);

        /** True when some usable write key allows {@code origin}. */
        boolean someWriteKeyAllows(String origin);
    }

    private final KeyOrigins keys;

    Cors(KeyOrigins keys) {
        this.keys = keys;
    }

    /**
     * A preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}.
     * Allowed when some write key allows the origin; the requested headers are echoed (the client's
     * own extra headers included: with no cookies involved, limiting them protects nothing).
     */
    Decision preflight(String origin, String requestMethod, String requestHeaders) {
        if (origin == null || requestMethod == null) return Decision.NOT_CORS;
        String method = requestMethod.trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("GET")) {
            return new Decision(Map.of(), "/v1 takes POST (events) and GET (settings), not " + requestMethod);
        }
        if (!keys.someWriteKeyAllows(origin)) {
            return new Decision(Map.of(), "no write key allows pages on " + origin + " to send events; allow it with "
                    + "`nudge keys origins KEY --add " + origin + "` (or in NUDGE_WRITE_KEY_ORIGINS for the key from the environment)");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", origin); // which key's list applies is not known yet, so never "*"
        h.put("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
        if (requestHeaders != null && !requestHeaders.isBlank() && requestHeaders.length() <= MAX_HEADER_LIST
                && HEADER_LIST.matcher(requestHeaders.trim()).matches()) {
            h.put("Access-Control-Allow-Headers", requestHeaders.trim());
        }
        h.put("Access-Control-Max-Age", String.valueOf(MAX_AGE_SECONDS));
        h.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        return new Decision(h, null);
    }

    /**
     * A request from a page ({@code Origin} present) that names {@code writeKey} (null when it names
     * none). A known key is held to its own list; an unknown or missing key gets the headers when
     * some key allows the origin, so the page's script can read the 401 that follows and stop
     * retrying, and none otherwise.
     */
    Decision request(String origin, String writeKey) {
        if (origin == null) return Decision.NOT_CORS;
        AllowedOrigins own = keys.originsOf(writeKey);
        if (own != null) {
            if (!own.allows(origin)) {
                return new Decision(Map.of(), "pages on " + origin + " may not send events with this write key (it allows "
                        + own + "); add the origin with `nudge keys origins KEY --add " + origin + "`");
            }
            return new Decision(responseHeaders(own.isAny() ? "*" : origin), null);
        }
        return keys.someWriteKeyAllows(origin) ? new Decision(responseHeaders(origin), null) : Decision.NOT_CORS;
    }

    private static Map<String, String> responseHeaders(String allowOrigin) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Origin", allowOrigin);
        // analytics.js honours Retry-After on 429; a cross-origin script can read it only when exposed
        h.put("Access-Control-Expose-Headers", "Retry-After");
        if (!"*".equals(allowOrigin)) h.put("Vary", "Origin");
        return h;
    }
}
