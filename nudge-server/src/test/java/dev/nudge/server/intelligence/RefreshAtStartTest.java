package dev.nudge.server.intelligence;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.cli.Main;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first refresh on a data folder where none ever ran starts with the server (docs/intelligence.md,
 * Schedule). It used not to: the schedule compared one reading of the clock with a second one taken
 * as "due now", and a real clock has moved on between the two, so the refresh always looked a few
 * microseconds early — tests on a frozen clock passed, {@code nudge serve} never refreshed.
 */
class RefreshAtStartTest {
    @TempDir Path dir;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger serviceLog = (Logger) LoggerFactory.getLogger(IntelligenceService.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        serviceLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        serviceLog.detachAppender(logged);
    }

    /** A controlled clock that moves 1 ms at every reading, as a real one does between two calls. */
    static final class TickingClock implements InstantSource {
        private final AtomicLong millis;

        TickingClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndIncrement());
        }
    }

    @Test
    void runIfDue_neverRan_runsOnAClockThatMovesBetweenReadings() {
        try (TestServer server = new TestServer(dir.resolve("data"), new TickingClock(Instant.parse("2026-03-02T09:00:00Z")), null, false)) {
            server.ingest("/v1/track", "{\"userId\":\"u1\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"o1\",\"revenue\":5},"
                    + "\"timestamp\":\"2026-02-01T10:00:00Z\"}");
            IntelligenceSchedule schedule = server.server().intelligence().schedule().orElseThrow();
            assertThat(schedule.runIfDue()).as("no refresh ever ran, so one is due at once").isTrue();
            assertThat(server.admin("/api/v1/intelligence/models").json().get("trigger").asText()).isEqualTo("start");
            assertThat(schedule.runIfDue()).as("and the next one only after the interval").isFalse();
        }
    }

    @Test
    void serve_overAStoreFilledByImport_refreshesAsItStarts_andLogsStartAndEndWithCounts() throws Exception {
        Path data = dir.resolve("data");
        Path csv = dir.resolve("orders.csv");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder rows = new StringBuilder("order,customer,day,total\n");
        for (int c = 0; c < 12; c++) {
            for (int k = 0; k <= c % 3; k++) rows.append("o").append(c).append('-').append(k).append(",c").append(c).append(',')
                    .append(today.minusDays(5L + 20L * k + c)).append("T10:00:00Z,").append(10 + c).append('\n');
        }
        Files.writeString(csv, rows);
        int code = Main.commandLine().execute("import", csv.toString(), "--data", data.toString(), "--event", "Order Completed",
                "--user-id", "customer", "--timestamp", "day", "--property", "order_id=order", "--property", "revenue=total:number");
        assertThat(code).as("the import itself").isZero();
        assertThat(logged.list).as("an import runs no refresh").isEmpty();

        try (TestServer server = new TestServer(data)) { // the real clock and the background schedule, as `nudge serve`
            JsonNode models = awaitModels(server, Duration.ofSeconds(30));
            assertThat(models.get("trigger").asText()).isEqualTo("start");
            assertThat(models.get("parts").toString()).contains("rfm");
            assertThat(server.admin("/api/v1/intelligence/rfm").json().get("customers").asInt()).isEqualTo(12);
            assertThat(server.admin("/api/v1/profiles/c0").json().at("/traits/rfm/group").isTextual()).isTrue();
        }
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("intelligence refresh started (trigger start"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("intelligence refresh finished in ")
                .contains(" ms (read ").contains("24 order events").contains("12 profiles with orders").contains("12 changed"));
    }

    /** Polls the models endpoint (404 until the first refresh completes) until it answers or the deadline passes. */
    private static JsonNode awaitModels(TestServer server, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response r = server.admin("/api/v1/intelligence/models");
        while (r.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = server.admin("/api/v1/intelligence/models");
        }
        assertThat(r.status()).as("no refresh within %s of the start: %s", timeout, r.json()).isEqualTo(200);
        return r.json();
    }
}
