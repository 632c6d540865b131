package dev.nudge.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever asking DNS. {@link InetAddress#getByName} resolves
 * anything that is not a literal, so text from a request header (or a config value) must pass
 * through here first: a header naming a host must not make the server look it up.
 */
public final class IpLiteral {
    private IpLiteral() {}

    /** The address {@code text} spells (dotted-quad IPv4, or IPv6 without brackets or zone), or null when it is not one. */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) return null;
        if (text.indexOf(':') >= 0) return ipv6(text);
        byte[] v4 = ipv4(text);
        if (v4 == null) return null;
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 bytes
        }
    }

    /** Four decimal octets 0..255, no leading zeros (010 is octal to some parsers, decimal to others). */
    private static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0, value = -1, digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3) return null;
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) return null;
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) return null;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /**
     * Only hex digits, colons and dots get here; with a colon in it the JDK parses the text as an
     * IPv6 literal and throws when it is not one, without a lookup.
     */
    private static InetAddress ipv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
