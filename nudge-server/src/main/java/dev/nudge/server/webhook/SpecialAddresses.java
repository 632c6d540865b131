package dev.nudge.server.webhook;

import dev.nudge.server.net.Cidr;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The address blocks a webhook may never reach: every block of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and later assignments, checked against the
 * registries as updated in 2025), plus multicast, plus — for IPv6 — everything outside global
 * unicast 2000::/3. Blocks marked globally reachable in the registry (AS112, PCP/TURN anycast) are
 * refused too: they serve infrastructure, never a webhook receiver.
 *
 * <p>IPv6 forms that carry an IPv4 address are judged by that address where the form is a live way
 * to reach it: IPv4-mapped {@code ::ffff:a.b.c.d} (the JDK already hands those over as IPv4) and
 * the NAT64 well-known prefix {@code 64:ff9b::/96} (RFC 6052), so a server on an IPv6-only network
 * with DNS64 can still call public receivers while {@code 64:ff9b::7f00:1} (loopback through the
 * translator) is refused. The other embedding forms — IPv4-compatible {@code ::/96}, local-use
 * NAT64 {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32} — are refused
 * whole whatever they embed: they are deprecated or site-local, and a relay that decapsulates them
 * would deliver to an IPv4 address this check never saw.
 *
 * <p>Order matters only for the name in the message: the first block that matches is reported.
 */
final class SpecialAddresses {
    record Block(Cidr cidr, String name) {}

    private static final Cidr NAT64_WELL_KNOWN = Cidr.parse("64:ff9b::/96");
    private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    static final List<Block> IPV4 = blocks(
            "0.0.0.0/8", "\"this network\"",
            "10.0.0.0/8", "private-use",
            "100.64.0.0/10", "shared address space (carrier-grade NAT; cloud metadata at 100.100.100.200)",
            "127.0.0.0/8", "loopback",
            "169.254.0.0/16", "link-local (cloud metadata at 169.254.169.254)",
            "172.16.0.0/12", "private-use",
            "192.0.0.0/24", "IETF protocol assignments",
            "192.0.2.0/24", "documentation (TEST-NET-1)",
            "192.31.196.0/24", "AS112",
            "192.52.193.0/24", "AMT",
            "192.88.99.0/24", "deprecated 6to4 relay anycast",
            "192.168.0.0/16", "private-use",
            "192.175.48.0/24", "AS112 direct delegation",
            "198.18.0.0/15", "benchmarking",
            "198.51.100.0/24", "documentation (TEST-NET-2)",
            "203.0.113.0/24", "documentation (TEST-NET-3)",
            "224.0.0.0/4", "multicast",
            "255.255.255.255/32", "limited broadcast",
            "240.0.0.0/4", "reserved");

    static final List<Block> IPV6 = blocks(
            "::/128", "unspecified",
            "::1/128", "loopback",
            "::/96", "IPv4-compatible (deprecated)",
            "64:ff9b:1::/48", "local-use IPv4/IPv6 translation",
            "100::/64", "discard-only",
            "100:0:0:1::/64", "dummy prefix",
            "2001::/32", "Teredo",
            "2001:2::/48", "benchmarking",
            "2001:20::/28", "ORCHIDv2",
            "2001::/23", "IETF protocol assignments",
            "2001:db8::/32", "documentation",
            "2002::/16", "6to4",
            "2620:4f:8000::/48", "AS112 direct delegation",
            "3fff::/20", "documentation",
            "5f00::/16", "SRv6 segment identifiers",
            "fc00::/7", "unique local",
            "fe80::/10", "link-local",
            "fec0::/10", "site-local (deprecated)",
            "ff00::/8", "multicast");

    private SpecialAddresses() {}

    /** Why {@code a} may not be called (e.g. "127.0.0.0/8 loopback"), or null when it is a public address. */
    static String refusal(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) return match(IPV4, b);
        if (IPV4_MAPPED.contains(b) || NAT64_WELL_KNOWN.contains(b)) {
            String inner = match(IPV4, Arrays.copyOfRange(b, 12, 16));
            return inner == null ? null : inner + ", embedded in " + (IPV4_MAPPED.contains(b) ? "an IPv4-mapped" : "a NAT64") + " address";
        }
        String named = match(IPV6, b);
        if (named != null) return named;
        return GLOBAL_UNICAST.contains(b) ? null : "not global unicast (outside 2000::/3)";
    }

    private static String match(List<Block> blocks, byte[] address) {
        for (Block k : blocks) if (k.cidr().contains(address)) return k.cidr() + " " + k.name();
        return null;
    }

    private static List<Block> blocks(String... pairs) {
        Block[] out = new Block[pairs.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = new Block(Cidr.parse(pairs[2 * i]), pairs[2 * i + 1]);
        return List.of(out);
    }
}
