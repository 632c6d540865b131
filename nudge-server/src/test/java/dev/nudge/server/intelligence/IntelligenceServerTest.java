package dev.nudge.server.intelligence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.MutableClock;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intelligence in the running server on a controlled clock: a refresh stores the computed traits on
 * profiles, segments on those traits follow in the same write, and the API serves sizes, fits and
 * recommendations.
 *
 * <p>The data: ten customers c0..c9; ci places i+1 orders of 10·(i+1) each, ten days apart, the last
 * one at {@code T0 − (9−i)·10 d − 1 d}. So ci's recency, frequency and monetary
 * ranks all equal i, and with 5 bins over 10 customers (docs/intelligence.md: score = 1 + ⌊5 (rank−1)/10⌋)
 * c0,c1 score 111 (Lost), c2,c3 222 (Hibernating), c4,c5 333 (Need Attention), c6,c7 444 (Loyal),
 * c8,c9 555 (Champions). Every order holds soap; even customers' orders add coffee and filter, odd
 * ones' tea and honey — except c0's single order (coffee only) and c1's (tea only).
 */
class IntelligenceServerTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    @TempDir Path dir;
    MutableClock clock = new MutableClock(T0);
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"), clock, null, false);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void order(String user, String orderId, double revenue, Instant at, String... products) {
        StringBuilder p = new StringBuilder("[");
        for (String x : products) p.append(p.length() > 1 ? "," : "").append("{\"product_id\":\"").append(x).append("\"}");
        p.append("]");
        Response r = server.ingest("/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\""
                + orderId + "\",\"revenue\":" + revenue + ",\"products\":" + p + "},\"timestamp\":\"" + at + "\"}");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
    }

    private void loadCustomers() {
        for (int i = 0; i < 10; i++) {
            String c = "c" + i;
            server.ingest("/v1/identify", "{\"userId\":\"" + c + "\",\"traits\":{\"email\":\"" + c + "@x.io\",\"plan\":\"gold\"}}");
            Instant last = T0.minus(Duration.ofDays((9 - i) * 10L + 1));
            for (int k = 0; k <= i; k++) {
                String[] items = i == 0 ? new String[] {"soap", "coffee"} : i == 1 ? new String[] {"soap", "tea"}
                        : i % 2 == 0 ? new String[] {"soap", "coffee", "filter"} : new String[] {"soap", "tea", "honey"};
                order(c, c + "-" + k, 10.0 * (i + 1), last.minus(Duration.ofDays(10L * k)), items);
            }
        }
    }

    /** Defines a segment and waits for its backfill (over an empty store: immediate), as SegmentServerTest does. */
    private void segment(String yaml) throws InterruptedException {
        Response r = server.adminPost("/api/v1/segments", yaml);
        assertThat(r.status()).as("%s", r.json()).isEqualTo(201);
        for (int i = 0; i < 200 && !server.admin("/api/v1/segments/backfill").json().get("finished").asBoolean(); i++) Thread.sleep(50);
    }

    private List<String> members(String segment) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : server.admin("/api/v1/segments/" + segment + "/members").json().get("data")) out.add(m.get("profile_id").asText());
        return out;
    }

    private JsonNode traits(String id) {
        return server.admin("/api/v1/profiles/" + id).json().get("traits");
    }

    @Test
    void refresh_storesRfmTraitsOnProfiles_andARfmGroupSegmentHasExactlyThoseMembers() throws Exception {
        segment("id: champions\nname: Champions\nwhere:\n  trait: rfm.group\n  equals: Champions\n");
        segment("id: lost\nname: Lost\nwhere:\n  trait: rfm.group\n  equals: Lost\n");
        loadCustomers();
        assertThat(members("champions")).isEmpty();
        assertThat(server.admin("/api/v1/intelligence/rfm").status()).as("nothing computed yet").isEqualTo(404);

        Response refresh = server.adminPost("/api/v1/intelligence/refresh", "");
        assertThat(refresh.status()).as("%s", refresh.json()).isEqualTo(200);
        JsonNode rep = refresh.json();
        assertThat(rep.get("as_of").asText()).isEqualTo(T0.toString());
        assertThat(rep.get("profiles_with_orders").asInt()).isEqualTo(10);
        assertThat(rep.get("parts").toString()).contains("rfm", "replenishment", "recommendations").doesNotContain("predicted");
        // ten customers are too few for BG/NBD: the refresh says so instead of storing noise
        assertThat(rep.get("problems").toString()).contains("only 10 customers");

        String[] expected = {"Lost", "Lost", "Hibernating", "Hibernating", "Need Attention", "Need Attention", "Loyal", "Loyal", "Champions", "Champions"};
        for (int i = 0; i < 10; i++) {
            JsonNode t = traits("c" + i);
            int s = i / 2 + 1;
            assertThat(t.at("/rfm/group").asText()).as("c%d", i).isEqualTo(expected[i]);
            assertThat(List.of(t.at("/rfm/r").asInt(), t.at("/rfm/f").asInt(), t.at("/rfm/m").asInt())).as("c%d", i).containsOnly(s);
            assertThat(t.get("plan").asText()).as("customer traits untouched").isEqualTo("gold");
            assertThat(t.has("predicted")).isFalse();
        }
        assertThat(members("champions")).containsExactlyInAnyOrder("c8", "c9");
        assertThat(members("lost")).containsExactlyInAnyOrder("c0", "c1");
        JsonNode entered = server.admin("/api/v1/segments/champions/transitions").json().get("data").get(0);
        assertThat(entered.get("cause").asText()).isEqualTo("traits");

        JsonNode rfm = server.admin("/api/v1/intelligence/rfm").json();
        assertThat(rfm.get("customers").asInt()).isEqualTo(10);
        assertThat(rfm.at("/groups/Champions").asInt()).isEqualTo(2);
        assertThat(rfm.at("/groups/Can't Lose").asInt()).isZero();
        assertThat(rfm.get("as_of").asText()).isEqualTo(T0.toString());

        // c0 comes back big: the next refresh moves it out of Lost, and segments follow at once
        clock.advance(Duration.ofHours(1));
        for (int k = 0; k < 12; k++) order("c0", "c0-back-" + k, 500, clock.instant().minus(Duration.ofMinutes(k)), "soap");
        server.adminPost("/api/v1/intelligence/refresh", "");
        assertThat(traits("c0").at("/rfm/group").asText()).isEqualTo("Champions");
        assertThat(members("champions")).contains("c0");
        assertThat(members("lost")).doesNotContain("c0");
    }

    @Test
    void refreshAgainAtTheSameInstant_rewritesNoProfile() {
        loadCustomers();
        assertThat(server.adminPost("/api/v1/intelligence/refresh", "").json().get("profiles_changed").asInt()).isEqualTo(10);
        JsonNode again = server.adminPost("/api/v1/intelligence/refresh", "").json();
        assertThat(again.get("profiles_with_traits").asInt()).isEqualTo(10);
        assertThat(again.get("profiles_changed").asInt()).as("stored traits compare equal after the JSON round trip").isZero();
    }

    @Test
    void recommendations_excludeWhatTheProfileBought_andProductsGetTheirComplements() {
        loadCustomers();
        server.adminPost("/api/v1/intelligence/refresh", "");
        // c0 bought coffee only; coffee → filter has lift > 1 (filter never goes without coffee)
        JsonNode c0 = server.admin("/api/v1/profiles/c0/recommendations").json();
        assertThat(c0.get("data").get(0).get("item").asText()).isEqualTo("filter");
        assertThat(c0.toString()).doesNotContain("\"item\":\"coffee\"").doesNotContain("\"item\":\"soap\"");
        assertThat(traits("c0").get("recommendations").get(0).asText()).isEqualTo("filter");
        assertThat(traits("c1").get("recommendations").get(0).asText()).isEqualTo("honey");

        JsonNode honey = server.admin("/api/v1/products/honey/recommendations").json();
        assertThat(honey.get("data").get(0).get("item").asText()).isEqualTo("tea");
        assertThat(honey.get("data").get(0).get("lift").asDouble()).isGreaterThan(1);
        assertThat(honey.get("data").get(0).at("/because/antecedent/0").asText()).isEqualTo("honey");
        assertThat(server.admin("/api/v1/profiles/nobody/recommendations").status()).isEqualTo(404);

        JsonNode models = server.admin("/api/v1/intelligence/models").json();
        assertThat(models.at("/models/rules/baskets").asInt()).isEqualTo(55);
        assertThat(models.at("/schedule/every").asText()).isEqualTo("PT24H");
    }

    @Test
    void replenishmentDue_entersAnInNextSegmentWhenTheClockReachesSevenDaysBefore() throws Exception {
        segment("id: due-soon\nname: Due soon\nwhere:\n  trait: replenishment.next_due\n  in_next: 7d\n");
        loadCustomers();
        server.adminPost("/api/v1/intelligence/refresh", "");
        // soap every 10 days: c9 last bought at T0 − 1 d, so it is due at T0 + 9 d and enters at T0 + 2 d
        assertThat(traits("c9").at("/replenishment/next_due").asText()).isEqualTo("2026-03-11T09:00:00Z");
        assertThat(members("due-soon")).doesNotContain("c9");
        clock.advance(Duration.ofDays(2).minusMinutes(1));
        server.server().timers().runOnce();
        assertThat(members("due-soon")).doesNotContain("c9");
        clock.advance(Duration.ofMinutes(1));
        server.server().timers().runOnce();
        assertThat(members("due-soon")).contains("c9");
    }

    @Test
    void schedule_runsWhenTheIntervalHasPassedSinceTheLastRefresh_andTheReportSurvivesARestart() {
        loadCustomers();
        IntelligenceSchedule schedule = server.server().intelligence().schedule().orElseThrow();
        assertThat(schedule.runIfDue()).as("never ran: due at once").isTrue();
        clock.advance(Duration.ofHours(23));
        assertThat(schedule.runIfDue()).isFalse();
        server.restart();
        schedule = server.server().intelligence().schedule().orElseThrow();
        assertThat(schedule.nextDue()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(server.admin("/api/v1/intelligence/rfm").json().at("/groups/Champions").asInt()).isEqualTo(2);
        assertThat(server.admin("/api/v1/products/honey/recommendations").json().get("data").size()).isPositive();
        clock.advance(Duration.ofHours(1));
        assertThat(schedule.runIfDue()).isTrue();
        assertThat(server.admin("/api/v1/intelligence/models").json().get("trigger").asText()).isEqualTo("schedule");
        assertThat(server.admin("/api/v1/intelligence/models").json().get("as_of").asText()).isEqualTo(T0.plus(Duration.ofHours(24)).toString());
    }

    /**
     * 30 customers who each came back after exactly 10 days, and two one-time buyers: one bought 2 days
     * ago, one 100 days ago. Only the second has been away longer than the shop's gaps between orders.
     */
    @Test
    void recencyChurnRisk_putsTheLongAbsentOneTimeBuyerIntoASegment_andNotTheRecentOne() throws Exception {
        segment("""
                id: one-time-lapsing
                name: One-time buyers who stayed away
                where:
                  all:
                    - trait: rfm.frequency
                      equals: 1
                    - trait: recency.churn_risk
                      gte: 0.9
                """);
        for (int i = 0; i < 30; i++) {
            order("r" + i, "r" + i + "-1", 10, T0.minus(Duration.ofDays(15)), "soap");
            order("r" + i, "r" + i + "-2", 10, T0.minus(Duration.ofDays(5)), "soap");
        }
        order("fresh", "f1", 10, T0.minus(Duration.ofDays(2)), "soap");
        order("gone", "g1", 10, T0.minus(Duration.ofDays(100)), "soap");

        JsonNode rep = server.adminPost("/api/v1/intelligence/refresh", "").json();
        assertThat(rep.get("parts").toString()).contains("recency");
        assertThat(rep.at("/models/recency/median_gap_days").asInt()).isEqualTo(10);
        assertThat(rep.at("/models/recency/repeat_buyers").asInt()).isEqualTo(30);
        assertThat(traits("gone").at("/recency/days_since_last_order").asInt()).isEqualTo(100);
        assertThat(traits("gone").at("/recency/churn_risk").asDouble()).isEqualTo(1.0);
        assertThat(traits("fresh").at("/recency/churn_risk").asDouble()).isZero();
        assertThat(traits("r0").at("/recency/churn_risk").asDouble()).isZero();
        assertThat(members("one-time-lapsing")).containsExactly("gone");
    }

    @Test
    void computedTraitsSentByIdentify_lastOnlyUntilTheNextRefresh() {
        loadCustomers();
        server.ingest("/v1/identify", "{\"userId\":\"c0\",\"traits\":{\"rfm\":{\"group\":\"Champions\"},\"predicted\":{\"clv\":1}}}");
        assertThat(traits("c0").at("/rfm/group").asText()).isEqualTo("Champions");
        server.adminPost("/api/v1/intelligence/refresh", "");
        assertThat(traits("c0").at("/rfm/group").asText()).isEqualTo("Lost");
        assertThat(traits("c0").has("predicted")).as("not computed this time, so removed").isFalse();
        assertThat(traits("c0").get("email").asText()).isEqualTo("c0@x.io");
    }

    @Test
    void intervalOption_acceptsHoursDaysAndOff_andExplainsAnythingElse() {
        assertThat(IntelligenceSchedule.parseEvery("24h")).contains(Duration.ofHours(24));
        assertThat(IntelligenceSchedule.parseEvery("7d")).contains(Duration.ofDays(7));
        assertThat(IntelligenceSchedule.parseEvery("PT6H")).contains(Duration.ofHours(6));
        assertThat(IntelligenceSchedule.parseEvery("off")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IntelligenceSchedule.parseEvery("daily"))
                .hasMessageContaining("like 24h");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IntelligenceSchedule.parseEvery("-3h")).hasMessageContaining("like 24h");
    }
}
