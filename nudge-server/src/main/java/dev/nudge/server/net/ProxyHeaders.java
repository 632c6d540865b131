package dev.nudge.server.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the forwarding headers into hops, first (the original client, as the first proxy saw it)
 * to last (what the proxy next to us saw), and reads one hop's node as an address. Lenient about
 * whitespace and case, strict about what counts as an address: anything else (RFC 7239's
 * {@code unknown} and {@code _obfuscated} identifiers, host names, garbage) reads as null.
 */
final class ProxyHeaders {
    /** Most hops read from one request; a longer chain is cut from the left (the hops nearest to us are kept). */
    static final int MAX_HOPS = 64;

    private ProxyHeaders() {}

    /** {@code X-Forwarded-For: client, proxy1, proxy2}; several header lines count as one list, in order. */
    static List<String> xForwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines) for (String part : line.split(",")) hops.add(part.strip());
        return last(hops);
    }

    /**
     * RFC 7239 {@code Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"}: the
     * {@code for} parameter of each element (null for an element without one). Commas and
     * semicolons inside quoted strings do not split.
     */
    static List<String> forwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines) {
            for (String element : split(line, ',')) {
                String node = null;
                for (String pair : split(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) node = unquote(pair.substring(eq + 1).strip());
                }
                hops.add(node);
            }
        }
        return last(hops);
    }

    /**
     * A hop's node as an IP literal: {@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code [2001:db8::1]},
     * {@code [2001:db8::1]:443}, or (as some proxies write X-Forwarded-For) a bare {@code 2001:db8::1}.
     */
    static String address(String node) {
        if (node == null || node.isEmpty()) return null;
        String host;
        if (node.charAt(0) == '[') {
            int close = node.indexOf(']');
            if (close < 0 || !port(node.substring(close + 1))) return null;
            host = node.substring(1, close);
        } else {
            int colon = node.indexOf(':');
            boolean v4WithPort = colon >= 0 && node.indexOf(':', colon + 1) < 0;
            if (v4WithPort && !port(node.substring(colon))) return null;
            host = v4WithPort ? node.substring(0, colon) : node;
        }
        return IpLiteral.parse(host) == null ? null : host;
    }

    private static boolean port(String rest) {
        if (rest.isEmpty()) return true;
        if (rest.charAt(0) != ':' || rest.length() < 2 || rest.length() > 6) return false;
        for (int i = 1; i < rest.length(); i++) if (!Character.isDigit(rest.charAt(i))) return false;
        return true;
    }

    private static List<String> last(List<String> hops) {
        return hops.size() <= MAX_HOPS ? hops : new ArrayList<>(hops.subList(hops.size() - MAX_HOPS, hops.size()));
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (c == sep && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) c = v.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }
}
