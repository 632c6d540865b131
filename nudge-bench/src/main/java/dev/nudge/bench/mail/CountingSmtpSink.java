package dev.nudge.bench.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on loopback that accepts every message and only counts it: the receiving
 * side costs next to nothing, so a benchmark measures the sender. It speaks just enough of RFC 5321
 * for a pipelining-free client (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 */
final class CountingSmtpSink implements AutoCloseable {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final ServerSocket server;

    CountingSmtpSink() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("smtp-sink").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            Lines lines = new Lines(in);
            reply(out, "220 sink ESMTP");
            while (lines.next()) {
                String line = lines.text();
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        long n = 0;
                        while (lines.next() && !lines.isDot()) n += lines.length() + 2;
                        bytes.addAndGet(n);
                        accepted.incrementAndGet();
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Lines of a stream, found by scanning a byte buffer (no per-byte call, no string for a body
     * line): the sink must cost far less than the sender it measures.
     */
    private static final class Lines {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos, lim, start, end;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Advances to the next line (without its CRLF or LF); false at the end of the stream. */
        boolean next() throws IOException {
            int scanned = pos;
            while (true) {
                for (int i = scanned; i < lim; i++) {
                    if (buf[i] == '\n') {
                        start = pos;
                        end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                        pos = i + 1;
                        return true;
                    }
                }
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, lim - pos);
                    lim -= pos;
                    pos = 0;
                }
                if (lim == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                scanned = lim;
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) return false;
                lim += n;
            }
        }

        String text() {
            return new String(buf, start, end - start, StandardCharsets.US_ASCII);
        }

        int length() {
            return end - start;
        }

        boolean isDot() {
            return end - start == 1 && buf[start] == '.';
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
