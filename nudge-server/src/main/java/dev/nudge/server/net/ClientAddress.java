package dev.nudge.server.net;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The address of the client behind a request, for the consent log, the machine-open rules and
 * anything else that records "who asked".
 *
 * <p>Invariant: a forwarding header is believed only as far as the proxies that wrote it are
 * trusted. When the TCP peer is not in {@code trusted}, the headers are ignored entirely (anyone can
 * send them). When it is, the hops of the one configured header are walked from the right (the
 * entry our own proxy appended) to the left, skipping hops that are themselves trusted proxies;
 * the first untrusted hop is the client. A hop that is not an address (RFC 7239 {@code unknown},
 * an obfuscated identifier, garbage) stops the walk at the trusted proxy that reported it, since
 * everything to its left is unverifiable. If every hop is trusted, the leftmost is the client.
 *
 * <p>Only one header is read, chosen by configuration: a proxy that appends to X-Forwarded-For
 * usually passes a client's own {@code Forwarded} header through untouched (and the other way
 * round), so reading both would let a client choose its address.
 */
public final class ClientAddress {
    /** Env names (and {@code nudge serve --trusted-proxies / --forwarded-header}). */
    public static final String TRUSTED_PROXIES = "NUDGE_TRUSTED_PROXIES", FORWARDED_HEADER = "NUDGE_FORWARDED_HEADER";

    /** Which header the trusted proxies write. */
    public enum Header {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        final String name;

        Header(String name) {
            this.name = name;
        }

        static Header parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "x-forwarded-for", "xff" -> X_FORWARDED_FOR;
                case "forwarded" -> FORWARDED;
                default -> throw new IllegalArgumentException("--forwarded-header must be x-forwarded-for or forwarded, got '" + s + "'");
            };
        }
    }

    private final List<Cidr> trusted;
    private final Header header;

    public ClientAddress(List<Cidr> trusted, Header header) {
        this.trusted = List.copyOf(trusted);
        this.header = header;
    }

    /** From {@link #TRUSTED_PROXIES} (comma-separated blocks; none: headers are never read) and {@link #FORWARDED_HEADER}. */
    public static ClientAddress from(Map<String, String> env) {
        List<Cidr> trusted;
        try {
            trusted = Cidr.parseList(env.get(TRUSTED_PROXIES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trusted-proxies: " + e.getMessage(), e);
        }
        String h = env.get(FORWARDED_HEADER);
        return new ClientAddress(trusted, h == null || h.isBlank() ? Header.X_FORWARDED_FOR : Header.parse(h));
    }

    public List<Cidr> trusted() {
        return trusted;
    }

    /** For Javalin's {@code contextResolver.ip}: every {@code ctx.ip()} goes through here. */
    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (trusted.isEmpty()) return peer;
        return resolve(peer, Collections.list(ctx.req().getHeaders(header.name)));
    }

    /** The client address given the TCP peer and the configured header's lines, in order. */
    public String resolve(String peer, List<String> headerLines) {
        if (!isTrusted(peer) || headerLines.isEmpty()) return peer;
        List<String> hops = header == Header.FORWARDED ? ProxyHeaders.forwardedFor(headerLines) : ProxyHeaders.xForwardedFor(headerLines);
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = ProxyHeaders.address(hops.get(i));
            if (hop == null) return nearest;
            if (!isTrusted(hop)) return hop;
            nearest = hop;
        }
        return nearest;
    }

    private boolean isTrusted(String address) {
        String a = address != null && address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        InetAddress ip = IpLiteral.parse(a);
        if (ip == null) return false;
        for (Cidr c : trusted) if (c.contains(ip)) return true;
        return false;
    }
}
