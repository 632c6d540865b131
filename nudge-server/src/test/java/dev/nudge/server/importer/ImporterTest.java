package dev.nudge.server.importer;

import dev.nudge.core.event.Event;
import dev.nudge.server.support.TestServer;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImporterTest {
    @TempDir Path dir;

    private ImportSummary run(Path file, String format, CsvMapping mapping) throws Exception {
        try (NudgeStore store = NudgeStore.open(dir.resolve("data")); IngestWriter writer = new IngestWriter(store, List.of(), 1_000_000)) {
            return new Importer(Importer.Sink.into(writer), null).run(file, format, mapping);
        }
    }

    private <T> T withStore(java.util.function.Function<NudgeStore, T> f) {
        try (NudgeStore store = NudgeStore.open(dir.resolve("data"))) {
            return f.apply(store);
        }
    }

    static CsvMapping orders(String eventIf) {
        return new CsvMapping("track", "Order Completed", eventIf, "customer", null, "time", "yyyy-MM-dd HH:mm", ZoneId.of("Europe/London"),
                null, Map.of("order_id", "invoice"), Map.of("country", "country"), "invoice", "products",
                Map.of("sku", "sku", "quantity", "qty:number"), Map.of("revenue", "qty*price"), true);
    }

    @Test
    void csvGroupedByInvoice_becomesOneOrderWithProducts_andIdentifies() throws Exception {
        Path csv = dir.resolve("orders.csv");
        Files.writeString(csv, """
                invoice,sku,qty,price,customer,time,country
                1001,A,2,1.50,c1,2011-06-01 10:00,UK
                1001,B,1,4.00,c1,2011-06-01 10:00,UK
                1002,A,1,1.50,,2011-06-02 11:00,UK
                C1003,A,-1,1.50,c1,2011-06-03 12:00,UK
                1004,C,3,2.00,c2,2011-06-04 09:30,France
                """);
        ImportSummary s = run(csv, null, orders("invoice^C=Order Refunded"));
        assertThat(s.accepted()).isEqualTo(5); // 3 orders/refunds with a customer + 2 identifies
        assertThat(s.rejected()).containsEntry("missing_id", 1L);
        List<Event> c1 = withStore(st -> st.history("c1"));
        assertThat(c1).extracting(Event::conditionName).containsExactly("identify", "Order Completed", "Order Refunded");
        Event order = c1.get(1);
        assertThat(order.properties()).containsEntry("revenue", 7.0).containsEntry("order_id", "1001");
        assertThat((List<?>) order.properties().get("products")).hasSize(2);
        assertThat(order.timestamp().toString()).isEqualTo("2011-06-01T09:00:00Z"); // BST = UTC+1
        assertThat(c1.get(0).traits()).containsEntry("country", "UK");

        ImportSummary again = run(csv, null, orders("invoice^C=Order Refunded"));
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(5);
    }

    @Test
    void ndjsonAndBatchFiles_goThroughValidation() throws Exception {
        Path nd = dir.resolve("events.ndjson");
        Files.writeString(nd, """
                {"type":"track","userId":"n1","event":"Signed Up","timestamp":"2024-01-01T00:00:00Z"}
                {"type":"track","userId":"n1"}
                not json
                {"type":"identify","userId":"n1","traits":{"email":"n1@x.io"}}
                """);
        ImportSummary s = run(nd, null, null);
        assertThat(s.read()).isEqualTo(4);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).containsEntry("missing_event", 1L).containsEntry("malformed_json", 1L);

        Path batch = dir.resolve("batch.json");
        Files.writeString(batch, "{\"sentAt\":\"2024-01-01T00:00:00Z\",\"batch\":[{\"type\":\"page\",\"anonymousId\":\"b1\",\"name\":\"Home\"},{\"type\":\"alias\",\"userId\":\"n1\",\"previousId\":\"b1\"}]}");
        assertThat(run(batch, null, null).accepted()).isEqualTo(2);
        String resolved = withStore(st -> st.resolve("b1"));
        assertThat(resolved).isEqualTo("n1");
    }

    /** Through a running server, a record the server refuses (over 32 KB) is counted like the import's own, and the rest goes in. */
    @Test
    void httpImport_countsTheRecordsTheServerRejects_andStoresTheRest() throws Exception {
        Path nd = dir.resolve("mixed.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) { // more than one slice of the sink
            lines.append("{\"type\":\"track\",\"userId\":\"h1\",\"event\":\"Fine\",\"messageId\":\"h-").append(i).append("\"}\n");
        }
        lines.append("{\"type\":\"track\",\"userId\":\"h1\",\"event\":\"Huge\",\"properties\":{\"p\":\"").append("z".repeat(40_000)).append("\"}}\n");
        lines.append("{\"type\":\"track\",\"userId\":\"h1\"}\n");
        Files.writeString(nd, lines);
        try (TestServer server = new TestServer(dir.resolve("server"))) {
            ImportSummary s = new Importer(new HttpSink(server.url(), TestServer.WRITE_KEY), null).run(nd, null, null);
            assertThat(s.read()).isEqualTo(302);
            assertThat(s.accepted()).isEqualTo(300);
            assertThat(s.rejected()).containsOnly(Map.entry("too_large", 1L), Map.entry("missing_event", 1L));
            assertThat(server.admin("/api/v1/profiles/h1").json().get("totalEvents").asInt()).isEqualTo(300);
            // the server logged the one it refused; the import's own refusal stays in the summary
            assertThat(server.admin("/api/v1/ingest/rejected").json().get("data")).hasSize(1);
        }
    }

    /** Spreadsheets save "CSV UTF-8" with a byte order mark; the first header must still be found by its name. */
    @Test
    void csvAndNdjsonWithAUtf8Bom_readAsWithout() throws Exception {
        Path csv = dir.resolve("bom.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(csv))) {
            out.write(("\uFEFFcustomer,invoice,sku,qty,price,time,country\n" + "c1,1001,A,2,1.50,2011-06-01 10:00,UK\n").getBytes(StandardCharsets.UTF_8));
        }
        ImportSummary s = run(csv, null, orders(null));
        assertThat(s.rejected()).isEmpty();
        assertThat(s.accepted()).isEqualTo(2); // the order and the identify
        List<Event> c1 = withStore(st -> st.history("c1"));
        assertThat(c1).extracting(Event::conditionName).containsExactly("identify", "Order Completed");

        Path nd = dir.resolve("bom.ndjson");
        Files.writeString(nd, "\uFEFF{\"type\":\"track\",\"userId\":\"n1\",\"event\":\"Signed Up\"}\n");
        assertThat(run(nd, null, null).accepted()).isEqualTo(1);
        Path plain = dir.resolve("short.ndjson"); // shorter than a BOM: nothing is lost
        Files.writeString(plain, "{}");
        ImportSummary tiny = run(plain, null, null);
        assertThat(tiny.read()).isEqualTo(1);
        assertThat(tiny.rejected()).hasSize(1).doesNotContainKey("malformed_json");
    }

    @Test
    void csvMappingNamingAMissingColumn_failsBeforeImportingAnything() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertThatThrownBy(() -> run(csv, null, orders(null))).hasMessageContaining("column \"customer\" is not in the header");
    }

    /** The worked example of docs/import.md, on the real Online Retail file. */
    @Test
    void onlineRetail_importsOneEventPerInvoiceWithACustomer() throws Exception {
        Path file = datasets().resolve("online_retail/online_retail.csv.xz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "dataset not found: " + file + " (set NUDGE_DATASETS to the shared data folder)");
        CsvMapping m = new CsvMapping("track", "Order Completed", "InvoiceNo^C=Order Refunded", "CustomerID", null, "InvoiceDate",
                "yyyy-MM-dd HH:mm:ss", ZoneId.of("Europe/London"), null, Map.of("order_id", "InvoiceNo", "country", "Country"),
                Map.of("country", "Country"), "InvoiceNo", "products",
                Map.of("product_id", "StockCode", "quantity", "Quantity:number", "price", "UnitPrice:number"),
                Map.of("revenue", "Quantity*UnitPrice"), true);
        ImportSummary s = run(file, null, m);
        System.out.print(s.render());

        // an independent count straight from the file: invoice groups (consecutive rows) with and without a customer
        Set<String> customers = new HashSet<>();
        long withCustomer = 0, without = 0;
        String prev = null;
        try (var r = new InputStreamReader(new XZInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String inv = rec.get("InvoiceNo");
                if (!inv.equals(prev)) {
                    if (rec.get("CustomerID").isEmpty()) without++; else { withCustomer++; customers.add(rec.get("CustomerID")); }
                }
                prev = inv;
            }
        }
        assertThat(s.accepted()).isEqualTo(withCustomer + customers.size());
        assertThat(s.rejected()).containsOnlyKeys("missing_id").containsEntry("missing_id", without);
        assertThat(s.duplicates()).isZero();
    }

    static Path datasets() {
        String p = System.getProperty("nudge.datasets", System.getenv("NUDGE_DATASETS"));
        return Path.of(p != null ? p : "../../shared/data");
    }
}
