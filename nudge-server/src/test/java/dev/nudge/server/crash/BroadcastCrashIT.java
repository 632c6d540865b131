package dev.nudge.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.server.support.ServerProcess;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast to 20,000 recipients from a real {@code nudge serve} into GreenMail (SMTP + IMAP in this
 * JVM), SIGKILLed at random moments mid-send and restarted each time: every recipient ends with
 * exactly one message. The SMTP-boundary window (250 received, SENT not yet durable) is closed by the
 * production journal feature: each message carries the journal address as an extra envelope
 * recipient, and recovery asks the journal mailbox over IMAP which in-flight Message-IDs arrived.
 *
 * <p>{@code -Dnudge.mailcrash.recipients=N} (default 20000), {@code -Dnudge.mailcrash.kills=K}
 * (default 3), {@code -Dnudge.mailcrash.seed=S}.
 */
class BroadcastCrashIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JOURNAL = "journal@journal.test", JOURNAL_PASSWORD = "journal-secret";
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killNineMidBroadcast_everyRecipientGetsExactlyOneMessage() throws Exception {
        Assumptions.assumeTrue(ServerProcess.available(), "packaged server jar not found (run through `./mvnw verify`)");
        int n = Integer.getInteger("nudge.mailcrash.recipients", 20_000);
        int kills = Integer.getInteger("nudge.mailcrash.kills", 3);
        long seed = Long.getLong("nudge.mailcrash.seed", System.nanoTime());
        Random random = new Random(seed);
        // GreenMail logs every auto-created mailbox at INFO: 20,000 lines that slow the run, not the subject
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen")).setLevel(ch.qos.logback.classic.Level.WARN);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        greenMail.start();
        GreenMailUser journal = greenMail.setUser(JOURNAL, "journal", JOURNAL_PASSWORD);
        IntSupplier journalCount = () -> inbox(greenMail, journal);
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("news.liquid"), """
                ---
                subject: "News for {{ profile.first_name }}"
                from: News <news@example.com>
                ---
                <html><body><p>Hi {{ profile.first_name }}</p><a href="https://example.com/a">Read</a>
                <a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>
                """);
        Path log = dir.resolve("server.log");
        ServerProcess server = new ServerProcess(dir.resolve("data"), log);
        server.extraArgs.addAll(List.of("--templates", templates.toString(), "--base-url", "https://nudge.test",
                "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(greenMail.getSmtp().getPort()), "--smtp-tls", "none",
                "--smtp-journal", JOURNAL, "--smtp-journal-imap", "imap://journal@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX",
                "--mail-rate", "5000"));
        server.extraEnv.put("NUDGE_SMTP_JOURNAL_PASSWORD", JOURNAL_PASSWORD);
        server.extraEnv.put("NUDGE_MAIL_WORKERS", "4");
        server.extraEnv.put("NUDGE_SMTP_POOL", "4");
        String info = "seed " + seed + ", log " + log;
        try {
            server.start();
            assertThat(post(server, "/api/v1/segments", "id: readers\nname: Readers\nwhere:\n  subscribed: email\n", true)).isEqualTo(201);
            for (int from = 0; from < n; from += 1000) {
                StringBuilder b = new StringBuilder("{\"batch\":[");
                for (int i = from; i < Math.min(n, from + 1000); i++) {
                    if (i > from) b.append(',');
                    b.append("{\"type\":\"identify\",\"userId\":\"r").append(i).append("\",\"traits\":{\"email\":\"r").append(i)
                            .append("@example.org\",\"first_name\":\"R").append(i).append("\"}}");
                }
                assertThat(post(server, "/v1/batch", b.append("]}").toString(), false)).isEqualTo(200);
            }
            assertThat(get(server, "/api/v1/segments/readers").get("size").asInt()).isEqualTo(n);
            assertThat(post(server, "/api/v1/broadcasts", "{\"id\":\"big\",\"template\":\"news\",\"segment\":\"readers\"}", true)).isEqualTo(201);

            List<Integer> killedAt = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                // a random moment while messages are flowing: after the next few hundred, plus a random pause
                int target = journalCount.getAsInt() + 200 + random.nextInt(Math.max(1, n / (kills + 2)));
                while (journalCount.getAsInt() < Math.min(target, n - 500)) Thread.sleep(20);
                Thread.sleep(random.nextInt(300));
                server.kill9();
                killedAt.add(journalCount.getAsInt());
                server.start();
            }
            long deadline = System.nanoTime() + 240_000_000_000L;
            JsonNode b;
            while (!"finished".equals((b = get(server, "/api/v1/broadcasts/big")).get("status").asText())) {
                if (System.nanoTime() > deadline) throw new AssertionError("broadcast did not finish: " + b + "; " + info);
                Thread.sleep(200);
            }
            System.out.println("[mail crash] killed at journal counts " + killedAt + "; final " + b + "; " + info);
            String recovery = Files.readAllLines(log).stream().filter(l -> l.contains("mail recovery")).toList().toString();
            System.out.println("[mail crash] recovery: " + recovery);
            assertThat(killedAt).as("every kill happened mid-send; %s", info).allMatch(c -> c > 0 && c < n);

            // each recipient with a wrong count, with its outbox status, so a failure says which path lost or doubled it
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                GreenMailUser u = greenMail.getUserManager().getUserByEmail("r" + i + "@example.org");
                int c = u == null ? 0 : inbox(greenMail, u);
                if (c != 1) wrong.add("r" + i + "=" + c + " " + get(server, "/api/v1/outbox/status?key=broadcast/big/r" + i));
            }
            assertThat(wrong).as("recipients without exactly one message; recovery %s; %s", recovery, info).isEmpty();
            assertThat(b.get("sent").asInt()).as(info).isEqualTo(n);
            assertThat(journalCount.getAsInt()).as(info).isEqualTo(n);
        } finally {
            server.close();
            greenMail.stop();
        }
    }

    private static int inbox(GreenMail g, GreenMailUser u) {
        try {
            return g.getManagers().getImapHostManager().getInbox(u).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int post(ServerProcess s, String path, String body, boolean admin) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", admin ? "Bearer " + TestServer.ADMIN_TOKEN : TestServer.basic(TestServer.WRITE_KEY)).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() >= 300) System.out.println("[mail crash] " + path + " -> " + resp.statusCode() + " " + resp.body());
        return resp.statusCode();
    }

    private JsonNode get(ServerProcess s, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.url() + path)).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build();
        return MAPPER.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }
}
