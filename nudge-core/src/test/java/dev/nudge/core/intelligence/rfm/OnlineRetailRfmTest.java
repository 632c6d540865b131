package dev.nudge.core.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.Datasets;
import dev.nudge.testkit.RfmSql;
import dev.nudge.core.intelligence.OnlineRetail;
import dev.nudge.core.intelligence.Order;
import dev.nudge.core.intelligence.OrderEvents;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * RFM on the real Online Retail file, through order events (the import path's shape), against an
 * independent SQL query over the raw CSV in DuckDB that applies the same documented rules.
 */
class OnlineRetailRfmTest {

    @TempDir
    Path tmp;

    @Test
    void groupSizesAndScores_equalAnIndependentDuckDbQueryOverTheRawFile() throws Exception {
        Path xz = Datasets.require("online_retail").resolve("online_retail.csv.xz");
        Path csv = tmp.resolve("online_retail.csv");
        try (InputStream in = new XZInputStream(new BufferedInputStream(Files.newInputStream(xz)))) {
            Files.copy(in, csv);
        }
        List<OnlineRetail.Line> lines = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                lines.add(OnlineRetail.parse(rec.toList(), rec.getRecordNumber()));
            }
        }
        assertThat(lines).hasSize(541_909);
        List<Event> events = OnlineRetail.toEvents(lines);
        List<Order> orders = new ArrayList<>();
        for (Event e : events) OrderEvents.toOrder(e.userId(), e).ifPresent(orders::add);
        LocalDate analysis = Rfm.dayAfterLastOrder(orders, ZoneOffset.UTC);
        assertThat(analysis).isEqualTo(LocalDate.of(2011, 12, 10));
        List<RfmScore> scores = Rfm.analyse(orders, analysis, ZoneOffset.UTC, 5);
        Map<String, Long> ours = new LinkedHashMap<>();
        Rfm.groupSizes(scores).forEach((g, n) -> { if (n > 0) ours.put(g.label(), n); });

        Map<String, Long> sql = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(RfmSql.groupSizes(csv, 5))) {
            while (rs.next()) sql.put(rs.getString(1), rs.getLong(2));
        }
        Map<String, String> ourScores = new java.util.HashMap<>(), sqlScores = new java.util.HashMap<>();
        for (RfmScore s : scores) ourScores.put(s.customerId(), s.r() + "" + s.f() + s.m() + " " + s.group().label());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(RfmSql.scores(csv, 5))) {
            while (rs.next()) sqlScores.put(rs.getString(1), rs.getInt(2) + "" + rs.getInt(3) + rs.getInt(4) + " " + rs.getString(5));
        }
        assertThat(ourScores).isEqualTo(sqlScores); // per customer too, not only in total
        System.out.println("Online Retail RFM groups (" + scores.size() + " customers): " + ours);
        assertThat(scores).hasSize(4339);
        assertThat(ours).isEqualTo(sql);
        assertThat(ours.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4339);
    }
}
