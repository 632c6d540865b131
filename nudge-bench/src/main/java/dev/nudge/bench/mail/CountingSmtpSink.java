package dev.nudge.bench.mail;

import java.io.BufferedInputStream;
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
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16); OutputStream out = s.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        long n = 0;
                        String l;
                        while ((l = readLine(in)) != null && !l.equals(".")) n += l.length() + 2;
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

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                return b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
