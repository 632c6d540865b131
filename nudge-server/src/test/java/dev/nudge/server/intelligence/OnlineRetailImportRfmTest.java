package dev.nudge.server.intelligence;

import dev.nudge.testkit.RfmSql;
import dev.nudge.core.intelligence.RefreshSettings;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.server.importer.CsvMapping;
import dev.nudge.server.importer.ImportSummary;
import dev.nudge.server.importer.Importer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "RFM on the Online Retail data imported through the normal path": the raw file goes
 * through the real importer (the mapping of docs/import.md, as {@code nudge import} runs it) into a
 * store with the segment hooks, a refresh computes RFM from the store's events, and every customer's
 * stored {@code rfm.*} traits must equal an independent DuckDB query over the raw file.
 *
 * <p>Cleaning rules of the import path, against the file path of docs/intelligence.md: the same.
 * Lines without CustomerID are rejected (missing_id); consecutive lines of an invoice become one
 * event whose revenue is Σ quantity × price rounded to cents; a C-invoice becomes Order Refunded.
 * The one difference is the zone: the importer reads InvoiceDate as Europe/London (the file's UK
 * local time) and stores UTC, so the refresh runs with zone Europe/London and its calendar days are
 * the days written in the file — exactly what the SQL uses.
 */
class OnlineRetailImportRfmTest {
    @TempDir Path dir;

    static Path datasets() {
        String p = System.getProperty("nudge.datasets", System.getenv("NUDGE_DATASETS"));
        return Path.of(p != null ? p : "../../shared/data");
    }

    @Test
    void rfmFromTheImportedStore_equalsAnIndependentDuckDbQueryOverTheRawFile() throws Exception {
        Path xz = datasets().resolve("online_retail/online_retail.csv.xz");
        Assumptions.assumeTrue(Files.isRegularFile(xz), "dataset not found: " + xz + " (set NUDGE_DATASETS to the shared data folder)");
        ZoneId london = ZoneId.of("Europe/London");
        // the analysis day is the day after the last invoice (2011-12-09), as in docs/intelligence.md
        Instant asOf = Instant.parse("2011-12-10T00:00:00Z");
        CsvMapping m = new CsvMapping("track", "Order Completed", "InvoiceNo^C=Order Refunded", "CustomerID", null, "InvoiceDate",
                "yyyy-MM-dd HH:mm:ss", london, null, Map.of("order_id", "InvoiceNo", "country", "Country"),
                Map.of("country", "Country"), "InvoiceNo", "products",
                Map.of("product_id", "StockCode", "quantity", "Quantity:number", "price", "UnitPrice:number"),
                Map.of("revenue", "Quantity*UnitPrice"), true);

        Map<String, String> stored = new HashMap<>();
        Map<String, Long> storedSizes = new LinkedHashMap<>();
        RefreshReport report;
        try (NudgeRuntime runtime = NudgeRuntime.open(dir.resolve("data"), null, InstantSource.fixed(asOf), 1_000_000)) {
            ImportSummary s = new Importer(Importer.Sink.into(runtime.writer()), null).run(xz, null, m);
            assertThat(s.accepted()).isEqualTo(22_191 + 4_372); // the counts of docs/import.md
            IntelligenceService service = new IntelligenceService(runtime.store(), runtime.writer(), runtime.segments(),
                    InstantSource.fixed(asOf), RefreshSettings.defaults().withZone(london));
            report = service.refresh("test");
            runtime.store().forEachProfile(p -> {
                if (p.traits().get("rfm") instanceof Map<?, ?> rfm) {
                    stored.put(p.id(), rfm.get("r") + "" + rfm.get("f") + rfm.get("m") + " " + rfm.get("group"));
                    storedSizes.merge((String) rfm.get("group"), 1L, Long::sum);
                }
            });
        }
        System.out.println("Online Retail through import → store → refresh: " + report.toMap());

        Path csv = dir.resolve("online_retail.csv");
        try (InputStream in = new XZInputStream(new BufferedInputStream(Files.newInputStream(xz)))) {
            Files.copy(in, csv);
        }
        Map<String, String> sql = new HashMap<>();
        Map<String, Long> sqlSizes = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(RfmSql.scores(csv, 5))) {
            while (rs.next()) {
                sql.put(rs.getString(1), rs.getInt(2) + "" + rs.getInt(3) + rs.getInt(4) + " " + rs.getString(5));
                sqlSizes.merge(rs.getString(5), 1L, Long::sum);
            }
        }
        assertThat(stored).hasSize(4339);
        assertThat(stored).isEqualTo(sql); // every customer's r, f, m and group
        assertThat(storedSizes).isEqualTo(sqlSizes);
        Map<String, Long> reported = new HashMap<>(report.rfmGroupSizes());
        reported.values().removeIf(n -> n == 0);
        assertThat(reported).as("the API's group sizes").isEqualTo(sqlSizes);
        assertThat(report.parts()).contains("rfm", "predicted", "replenishment", "recommendations");
    }
}
