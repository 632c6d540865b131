package dev.nudge.server.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The web origins whose pages may send events with one write key (DESIGN.md §3: origins allowed
 * per write key, default any). Stored with the key; checked by the CORS layer of {@code /v1}.
 *
 * <p>Each entry is an origin as a browser sends it in {@code Origin}: {@code scheme://host[:port]},
 * http or https, no path. {@code https://*.shop.example} allows every subdomain of shop.example
 * (not shop.example itself: list that too). An empty list allows any origin.
 *
 * <p>Invariant: entries are normalized (lower case, default port dropped, no trailing slash) and
 * distinct, so two lists that allow the same origins compare equal and print the same.
 */
public record AllowedOrigins(List<String> entries) {
    /** Any origin may send events: the default for a key, as with Segment. */
    public static final AllowedOrigins ANY = new AllowedOrigins(List.of());

    public AllowedOrigins {
        LinkedHashSet<String> normalized = new LinkedHashSet<>();
        for (String e : entries) normalized.add(normalizeEntry(e));
        entries = List.copyOf(normalized);
    }

    /** Parses a comma- or space-separated list, as {@code NUDGE_WRITE_KEY_ORIGINS} holds it; blank means any. */
    public static AllowedOrigins parse(String list) {
        if (list == null || list.isBlank()) return ANY;
        List<String> out = new ArrayList<>();
        for (String s : list.split("[,\\s]+")) if (!s.isBlank()) out.add(s);
        return new AllowedOrigins(out);
    }

    public boolean isAny() {
        return entries.isEmpty();
    }

    /** True when a page on {@code origin} (the request's {@code Origin} header) may send events. */
    public boolean allows(String origin) {
        if (isAny()) return true;
        Origin o = Origin.parse(origin);
        if (o == null) return false; // "null" (sandboxed frames, file:// pages) or garbage: only an any-origin key takes it
        for (String entry : entries) {
            Origin pattern = Origin.parse(entry.replace("://*.", "://"));
            boolean wildcard = entry.contains("://*.");
            if (!pattern.scheme.equals(o.scheme) || pattern.port != o.port) continue;
            if (wildcard ? o.host.endsWith("." + pattern.host) : o.host.equals(pattern.host)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return isAny() ? "any origin" : String.join(", ", entries);
    }

    private static String normalizeEntry(String raw) {
        String e = raw == null ? "" : raw.trim();
        if (e.endsWith("/")) e = e.substring(0, e.length() - 1);
        boolean wildcard = e.contains("://*.");
        Origin o = Origin.parse(wildcard ? e.replace("://*.", "://") : e);
        if (o == null) {
            throw new IllegalArgumentException("\"" + raw + "\" is not an origin; write it as the browser sends it, "
                    + "scheme://host[:port] with no path, e.g. https://shop.example.com or https://*.shop.example.com");
        }
        return o.scheme + "://" + (wildcard ? "*." : "") + o.host + (o.port == defaultPort(o.scheme) ? "" : ":" + o.port);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** A parsed http(s) origin; the port is always explicit (the scheme's default when absent). */
    private record Origin(String scheme, String host, int port) {
        static Origin parse(String s) {
            if (s == null || !s.contains("://")) return null;
            try {
                URI u = new URI(s);
                String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
                if (!"http".equals(scheme) && !"https".equals(scheme)) return null;
                if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) return null;
                String path = u.getRawPath();
                if (path != null && !path.isEmpty()) return null;
                int port = u.getPort() < 0 ? defaultPort(scheme) : u.getPort();
                return new Origin(scheme, u.getHost().toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
