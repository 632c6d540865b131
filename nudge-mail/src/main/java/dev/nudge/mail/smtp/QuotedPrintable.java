package dev.nudge.mail.smtp;

import java.io.ByteArrayOutputStream;

/**
 * RFC 2045 quoted-printable for text bodies, straight into a byte buffer (the stream encoder in
 * jakarta.mail costs a virtual call per byte, a visible share of the send path). Input lines end in
 * CRLF or LF; output lines end in CRLF and are at most 76 characters, soft breaks as "=".
 * Space and tab are literal except before a line end; '=' and every non-printable byte is =XX.
 */
final class QuotedPrintable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX = 76;

    private QuotedPrintable() {
    }

    static void encode(byte[] in, ByteArrayOutputStream out) {
        // into a local array, written once: ByteArrayOutputStream.write(int) is synchronized, a lock per byte
        byte[] buf = new byte[in.length * 3 + (in.length / 20 + 1) * 3]; // every byte as =XX, a soft break per 25 of them
        int len = 0;
        int col = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < n && in[i + 1] == '\n') continue; // the LF writes the CRLF
            if (b == '\n') {
                buf[len++] = '\r';
                buf[len++] = '\n';
                col = 0;
                continue;
            }
            boolean lineEnd = i + 1 == n || in[i + 1] == '\n' || (in[i + 1] == '\r' && i + 2 < n && in[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnd);
            int width = literal ? 1 : 3;
            // keep room for the soft break "=" unless this is the last char of the line
            if (col + width > (lineEnd ? MAX : MAX - 1)) {
                buf[len++] = '=';
                buf[len++] = '\r';
                buf[len++] = '\n';
                col = 0;
            }
            if (literal) {
                buf[len++] = (byte) b;
            } else {
                buf[len++] = '=';
                buf[len++] = HEX[b >> 4];
                buf[len++] = HEX[b & 15];
            }
            col += width;
        }
        out.write(buf, 0, len);
    }
}
