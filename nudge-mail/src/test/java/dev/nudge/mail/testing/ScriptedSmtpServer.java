package dev.nudge.mail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A tiny SMTP server on a loopback socket whose replies a test scripts — for what GreenMail cannot
 * do: 4xx/5xx replies and dropping the connection after DATA. {@code dataReply.apply(n)} answers the
 * n-th message's final "." (0-based); returning null closes the connection without a reply.
 * {@code rcptReply} likewise answers RCPT TO. Accepted messages are kept in {@link #accepted}.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final IntFunction<String> rcptReply;
    private final IntFunction<String> dataReply;
    private final AtomicInteger rcpts = new AtomicInteger();
    private final AtomicInteger datas = new AtomicInteger();

    /** How many messages were handed over (end of DATA reached), whatever the reply. */
    public int datas() {
        return datas.get();
    }
    public final AtomicInteger connections = new AtomicInteger();
    public final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private final boolean keep;
    /** Messages accepted (counted even when not kept). */
    public final AtomicInteger acceptedCount = new AtomicInteger();

    public ScriptedSmtpServer(IntFunction<String> rcptReply, IntFunction<String> dataReply) throws IOException {
        this(rcptReply, dataReply, true);
    }

    /** @param keep false for benchmarks: count accepted messages without keeping their text */
    public ScriptedSmtpServer(IntFunction<String> rcptReply, IntFunction<String> dataReply, boolean keep) throws IOException {
        this.keep = keep;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.dataReply = dataReply;
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "scripted-smtp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = s.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO", "HELO" -> reply(out, "250-scripted\r\n250 8BITMIME");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> reply(out, rcptReply.apply(rcpts.getAndIncrement()));
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder msg = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) if (keep) msg.append(line).append("\n");
                        String r = dataReply.apply(datas.getAndIncrement());
                        if (r == null) return; // drop the connection: the client cannot know what happened
                        if (r.startsWith("250")) {
                            acceptedCount.incrementAndGet();
                            if (keep) accepted.add(msg.toString());
                        }
                        reply(out, r);
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 unknown command");
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static void reply(OutputStream out, String r) throws IOException {
        out.write((r + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
