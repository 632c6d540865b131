package dev.nudge.server.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from reaching the machine's own services and its network (DESIGN.md §15): every
 * special-purpose address ({@link SpecialAddresses}: loopback, private, shared/CGN, link-local,
 * cloud metadata, documentation, benchmarking, multicast, IPv6 transition forms embedding any of
 * them) is refused unless explicitly allowed.
 *
 * <p>Invariant: a host name is resolved once per connection, every address it resolves to is
 * checked, and the connection goes only to those checked addresses ({@link #addresses}, used as the
 * HTTP client's resolver by {@link WebhookDispatcher}). Checking a name and then letting the client
 * resolve it again would let DNS answer differently the second time (rebinding). A webhook is also
 * checked when it is registered, for an immediate 400.
 */
public final class AddressGuard {
    /** Env name: {@code 1} lets webhooks call any address (internal receivers). */
    public static final String ALLOW_PRIVATE = "NUDGE_WEBHOOKS_ALLOW_PRIVATE";

    /** Every address a host name resolves to; injectable so tests can play a rebinding DNS server. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressGuard(boolean allowPrivate) {
        this(allowPrivate, Resolver.SYSTEM);
    }

    public AddressGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Throws with a message that says what to do when {@code url} may not be called. */
    public void check(URI url) {
        String host = url.getHost();
        if (host == null) throw new IllegalArgumentException("webhook url " + url + " has no host");
        addresses(host);
    }

    /**
     * Resolves {@code host} once and returns its addresses, each checked: the only addresses a
     * delivery may connect to. Throws when any of them is refused (a name with one internal address
     * among public ones is refused whole: which one a client picks is not ours to control).
     */
    public List<InetAddress> addresses(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> all;
        try {
            all = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook host " + host + " does not resolve; check the url", e);
        }
        if (all.isEmpty()) throw new IllegalArgumentException("webhook host " + host + " has no addresses; check the url");
        if (allowPrivate) return all;
        for (InetAddress a : all) {
            String why = refusal(a);
            if (why != null) {
                throw new IllegalArgumentException("webhook host " + host + " resolves to " + a.getHostAddress() + ", a loopback or private address: "
                        + why + ". Webhooks may only call public addresses (start the server with " + ALLOW_PRIVATE
                        + "=1 to allow internal receivers)");
            }
        }
        return all;
    }

    /** Why a webhook may not call {@code a}, or null when it may (ignores {@code allowPrivate}). */
    static String refusal(InetAddress a) {
        return SpecialAddresses.refusal(a);
    }
}
