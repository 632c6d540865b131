package dev.nudge.server.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps webhooks from reaching the machine's own services (DESIGN.md §15): loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, unspecified and multicast addresses are
 * refused unless explicitly allowed. Checked when a webhook is registered and again before every
 * delivery, because DNS answers can change after registration.
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Throws with a message that says what to do when {@code url} may not be called. */
    public void check(URI url) {
        if (allowPrivate) return;
        String host = url.getHost();
        if (host == null) throw new IllegalArgumentException("webhook url " + url + " has no host");
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (forbidden(a)) {
                    throw new IllegalArgumentException("webhook host " + host + " resolves to " + a.getHostAddress()
                            + ", a loopback or private address; webhooks may only call public addresses "
                            + "(start the server with NUDGE_WEBHOOKS_ALLOW_PRIVATE=1 to allow internal receivers)");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook host " + host + " does not resolve; check the url", e);
        }
    }

    static boolean forbidden(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xFE) == 0xFC; // IPv6 unique local fc00::/7
    }
}
