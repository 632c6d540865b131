package dev.nudge.server.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.core.segment.ReferenceEvaluator;
import dev.nudge.server.support.MutableClock;
import dev.nudge.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment created through the API after the facts gets the members it would have had from the
 * start, through the whole server (HTTP ingestion on a controlled clock, SegmentDefinitions, the
 * sweep, timers). The randomized version of this is nudge-store's {@code BackfillEqualsLiveTest}.
 */
class SegmentBackfillServerTest {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final String NEW_SIGNUPS = "id: new-signups\nname: Signed up in the last week\nwhere:\n  trait: signup_at\n  within: 7d\n";

    @TempDir Path dir;
    final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    @Test
    void relativeDateTraitSegment_createdAfterTheFacts_hasTheMembersItWouldHaveHadFromTheStart() throws Exception {
        MutableClock liveClock = new MutableClock(NOW.minus(Duration.ofDays(40)));
        MutableClock laterClock = new MutableClock(NOW.minus(Duration.ofDays(40)));
        Path folder = Files.createDirectories(dir.resolve("segments"));
        Files.writeString(folder.resolve("new-signups.yaml"), NEW_SIGNUPS);
        TestServer live = start("live", liveClock, folder);
        TestServer later = start("later", laterClock, null);

        // signup_at 40 days ago on one profile and 3 days ago on another, each set by an identify at that time
        for (TestServer s : servers) identify(s, "old", NOW.minus(Duration.ofDays(40)));
        for (MutableClock c : List.of(liveClock, laterClock)) c.advance(Duration.ofDays(37));
        for (TestServer s : servers) {
            s.server().timers().runOnce();
            identify(s, "recent", NOW.minus(Duration.ofDays(3)));
        }
        for (MutableClock c : List.of(liveClock, laterClock)) c.advance(Duration.ofDays(3));
        for (TestServer s : servers) fireDue(s);

        assertThat(later.adminPost("/api/v1/segments", NEW_SIGNUPS).status()).isEqualTo(201);
        awaitBackfill(later);

        ReferenceEvaluator ref = new ReferenceEvaluator(later.server().runtime().segments().engine().catalog());
        List<String> expected = new ArrayList<>();
        for (String id : List.of("old", "recent")) {
            if (ref.member("new-signups", later.server().store().profile(id), later.server().store().history(id), NOW)) expected.add(id);
        }
        assertThat(expected).as("reference").containsExactly("recent");
        assertThat(members(live)).as("live").containsExactly("recent");
        assertThat(members(later)).as("backfilled").containsExactly("recent");

        // the backfilled timer lets the recent signup leave exactly 7 days after it, as the live one does
        for (MutableClock c : List.of(liveClock, laterClock)) c.advance(Duration.ofDays(4).plusSeconds(2));
        for (TestServer s : servers) {
            fireDue(s);
            assertThat(members(s)).isEmpty();
            JsonNode all = s.admin("/api/v1/segments/new-signups/transitions").json().get("data");
            JsonNode last = all.get(all.size() - 1);
            assertThat(last.get("profile_id").asText()).isEqualTo("recent");
            assertThat(last.get("kind").asText()).isEqualTo("exited");
            assertThat(last.get("at").asText()).isEqualTo(NOW.plus(Duration.ofDays(4)).toString());
        }
    }

    private TestServer start(String name, MutableClock clock, Path segments) {
        TestServer s = new TestServer(dir.resolve(name), clock, segments, false);
        servers.add(s);
        return s;
    }

    private static void identify(TestServer s, String user, Instant at) {
        TestServer.Response r = s.ingest("/v1/identify", "{\"userId\":\"" + user + "\",\"traits\":{\"signup_at\":\"" + at + "\"}}");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
    }

    private static void fireDue(TestServer s) throws Exception {
        while (s.server().timers().runOnce() > 0) {
            // repeat until nothing is due
        }
    }

    private static List<String> members(TestServer s) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : s.admin("/api/v1/segments/new-signups/members").json().get("data")) out.add(m.get("profile_id").asText());
        return out;
    }

    private static void awaitBackfill(TestServer s) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (s.admin("/api/v1/segments/backfill").json().get("finished").asBoolean()) return;
            Thread.sleep(25);
        }
        throw new AssertionError("backfill did not finish in 10 s");
    }
}
