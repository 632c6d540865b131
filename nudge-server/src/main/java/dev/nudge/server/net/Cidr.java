package dev.nudge.server.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. A block matches only
 * addresses of its own family; the JDK already turns IPv4-mapped IPv6 text ({@code ::ffff:10.0.0.1})
 * into the IPv4 address, so such a form matches the IPv4 block.
 */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        if (network.length != 4 && network.length != 16) throw new IllegalArgumentException("an address has 4 or 16 bytes, got " + network.length);
        if (prefix < 0 || prefix > network.length * 8) throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + network.length * 8 + " bits");
        network = mask(network.clone(), prefix);
    }

    /** {@code ADDRESS/PREFIX}, or a bare address (one host). */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        InetAddress a = IpLiteral.parse(slash < 0 ? t : t.substring(0, slash));
        if (a == null) throw new IllegalArgumentException("'" + text + "' is not an address block; write it like 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32");
        byte[] bytes = a.getAddress();
        if (bytes.length == 4 && t.indexOf(':') >= 0) bytes = mapped(bytes); // the JDK reads ::ffff:0:0 as 0.0.0.0; keep it IPv6
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("'" + text + "': the prefix length must be 0.." + bits);
        }
        return new Cidr(bytes, prefix);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    /** A comma-separated list; blank gives an empty list. */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text == null) return out;
        for (String part : text.split(",")) if (!part.isBlank()) out.add(parse(part));
        return out;
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address.clone(), prefix), network);
    }

    private static byte[] mask(byte[] b, int prefix) {
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
