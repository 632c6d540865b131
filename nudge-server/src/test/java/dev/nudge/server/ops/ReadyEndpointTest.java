package dev.nudge.server.ops;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.nudge.server.mail.MailConfig;
import dev.nudge.server.support.TestServer;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyEndpointTest {
    @TempDir Path dir;

    @Test
    void ready_withTheMailCatcher_listsEveryPartAsOk() {
        try (TestServer s = new TestServer(dir)) {
            TestServer.Response r = s.get("/ready", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("ready");
            assertThat(r.json().get("checks").toString()).isEqualTo("{\"store\":\"ok\",\"writer\":\"ok\",\"mail\":\"ok\"}");
        }
    }

    @Test
    void unreachableSmtpRelay_makesTheNodeNotReady_andSaysWhichPart() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TestServer s = new TestServer(dir, InstantSource.system(), null, true,
                Map.of(MailConfig.SMTP_HOST, "127.0.0.1", MailConfig.SMTP_PORT, Integer.toString(closed)))) {
            TestServer.Response r = s.get("/ready", null);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("status").asText()).isEqualTo("not ready");
            assertThat(r.json().at("/checks/store").asText()).isEqualTo("ok");
            assertThat(r.json().at("/checks/mail").asText()).contains("127.0.0.1:" + closed).contains("unreachable").contains("--smtp-host");
            assertThat(r.json().get("error").asText()).startsWith("not ready: mail: SMTP relay");
        }
    }

    @Test
    void smtpRelayThatGreets_isReady() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer s = new TestServer(dir, InstantSource.system(), null, true,
                Map.of(MailConfig.SMTP_HOST, "127.0.0.1", MailConfig.SMTP_PORT, Integer.toString(smtp.getSmtp().getPort())))) {
            TestServer.Response r = s.get("/ready", null);
            assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
            assertThat(r.json().at("/checks/mail").asText()).isEqualTo("ok");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void closedStore_andStoppedWriter_areReportedByName() {
        NudgeStore store = NudgeStore.open(dir);
        IngestWriter writer = new IngestWriter(store, List.of(), 100);
        Readiness readiness = new Readiness(List.of(
                Readiness.Check.of("store", store::problem),
                Readiness.Check.of("writer", () -> writer.alive() ? null : "the store's writer is not running")));
        assertThat(readiness.report().ready()).isTrue();
        writer.close();
        Readiness.Report stopped = readiness.report();
        assertThat(stopped.ready()).isFalse();
        assertThat(stopped.checks()).containsEntry("store", "ok").containsEntry("writer", "the store's writer is not running");
        store.close();
        assertThat(readiness.report().checks().get("store")).isEqualTo("the store is closed");
    }
}
