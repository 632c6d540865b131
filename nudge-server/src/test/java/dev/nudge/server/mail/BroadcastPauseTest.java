package dev.nudge.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin pause stops a broadcast mid-way, survives a restart (it is not auto-resumed), and resume sends the rest. */
class BroadcastPauseTest {
    @TempDir
    Path dir;

    @Test
    void pause_survivesRestart_andResumeSendsTheRest() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("t"));
        Files.writeString(templates.resolve("hi.liquid"), "---\nsubject: Hi\nfrom: a@example.com\n---\n<p>Hi</p>\n");
        // 4 messages per second: slow enough that the pause lands mid-way through 40 recipients
        try (TestServer server = new TestServer(dir.resolve("data"), InstantSource.system(), null, true,
                Map.of(MailConfig.TEMPLATES, templates.toString(), MailConfig.RATE, "4", MailConfig.WORKERS, "1"))) {
            server.adminPost("/api/v1/segments", "id: s\nname: S\nwhere:\n  subscribed: email\n");
            for (int i = 0; i < 40; i++) server.ingest("/v1/identify", "{\"userId\":\"p" + i + "\",\"traits\":{\"email\":\"p" + i + "@example.org\"}}");
            assertThat(server.adminPost("/api/v1/broadcasts", "{\"id\":\"slow\",\"template\":\"hi\",\"segment\":\"s\"}").status()).isEqualTo(201);
            while (server.server().mail().catcher.size() < 2) Thread.sleep(20);
            JsonNode paused = server.adminPost("/api/v1/broadcasts/slow/pause", "").json();
            assertThat(paused.get("status").asText()).isEqualTo("paused");
            assertThat(paused.get("running").asBoolean()).isFalse();
            int atPause = server.server().mail().catcher.size();
            assertThat(atPause).isLessThan(40);

            server.restart();
            assertThat(server.admin("/api/v1/broadcasts/slow").json().get("status").asText()).as("an admin pause is kept across restarts").isEqualTo("paused");
            assertThat(server.adminPost("/api/v1/broadcasts/slow/resume", "").status()).isEqualTo(202);
            JsonNode b;
            while (!"finished".equals((b = server.admin("/api/v1/broadcasts/slow").json()).get("status").asText())) Thread.sleep(50);
            assertThat(b.get("sent").asInt()).as("%s", b).isEqualTo(40);
            for (int i = 0; i < 40; i++) {
                assertThat(server.admin("/api/v1/outbox/status?key=broadcast/slow/p" + i).json().get("status").asText()).isEqualTo("sent");
            }
        }
    }
}
