package dev.nudge.core.flow.lang;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validator's check of a webhook host: a literal loopback or private address (or
 * {@code localhost}) is refused when the flow is saved. This is a literal check only — no DNS is
 * done here (validation must be pure and offline); a name is resolved and every address checked
 * at call time by the server's {@code AddressGuard}, which also covers DNS rebinding.
 */
final class WebhookAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private WebhookAddresses() {}

    /** Why {@code host} may not be called, or null when the literal check passes. */
    static String refusal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) return "`" + host + "`, the loopback host";
        boolean v6 = h.startsWith("[") && h.endsWith("]");
        if (!v6 && !IPV4.matcher(h).matches()) return null;
        InetAddress a;
        try {
            // A literal: getByName parses it without any lookup.
            a = InetAddress.getByName(v6 ? h.substring(1, h.length() - 1) : h);
        } catch (UnknownHostException e) {
            return null;
        }
        byte[] b = a.getAddress();
        String kind = null;
        if (a.isLoopbackAddress()) kind = "a loopback address";
        else if (a.isAnyLocalAddress()) kind = "the unspecified address";
        else if (a.isLinkLocalAddress()) kind = "a link-local address (cloud metadata lives here)";
        else if (a.isSiteLocalAddress()) kind = "a private address";
        else if (a.isMulticastAddress()) kind = "a multicast address";
        else if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) kind = "a shared (CGN) address";
        else if (b.length == 4 && (b[0] & 0xff) == 0) kind = "a \"this network\" address";
        else if (b.length == 16 && (b[0] & 0xfe) == 0xfc) kind = "a unique-local (private) IPv6 address";
        return kind == null ? null : "`" + host + "`, " + kind;
    }
}
