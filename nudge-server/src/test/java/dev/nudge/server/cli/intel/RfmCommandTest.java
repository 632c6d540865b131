package dev.nudge.server.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.nudge.server.support.Cli;

class RfmCommandTest {

    @TempDir
    Path dir;

    Path orders() throws Exception {
        StringBuilder sb = new StringBuilder("customer_id,order_id,date,revenue\n");
        for (int c = 0; c < 10; c++) {
            for (int k = 0; k <= c; k++) sb.append("c").append(c).append(",o").append(c).append('-').append(k)
                    .append(",2024-01-").append(10 + c).append(',').append(10 * (c + 1)).append('\n');
        }
        sb.append("c9,r1,2024-01-25,-5\n"); // a refund: negative revenue
        Path f = dir.resolve("orders.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void json_givesGroupSizesAndPerCustomerScores() throws Exception {
        Cli r = Cli.run("rfm", orders().toString(), "--json", "--customers");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("analysis_date").asText()).isEqualTo("2024-01-20");
        assertThat(doc.get("customers").asInt()).isEqualTo(10);
        int sum = 0;
        for (JsonNode n : doc.get("groups")) sum += n.asInt();
        assertThat(sum).isEqualTo(10);
        assertThat(doc.get("groups").get("Champions").asInt()).isEqualTo(2);
        JsonNode c9 = doc.get("scores").get(9);
        assertThat(c9.get("customer_id").asText()).isEqualTo("c9");
        assertThat(c9.get("group").asText()).isEqualTo("Champions");
        assertThat(c9.get("monetary").asDouble()).isEqualTo(995.0); // 10 × 100 − 5 refunded
    }

    @Test
    void onlineRetailLayout_isReadDirectly() throws Exception {
        Path f = dir.resolve("retail.csv");
        Files.writeString(f, """
                "InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"
                "536365","85123A","WHITE HANGING HEART, T-LIGHT HOLDER",6,"2010-12-01 08:26:00",2.55,17850,"United Kingdom"
                "536366","71053","WHITE METAL LANTERN",2,"2010-12-03 08:26:00",3.39,17850,"United Kingdom"
                "C536367","71053","WHITE METAL LANTERN",-1,"2010-12-04 08:26:00",3.39,17850,"United Kingdom"
                "536368","22633","HAND WARMER",6,"2010-12-05 09:00:00",1.85,,"United Kingdom"
                "536369","22632","HAND WARMER RED",10,"2010-12-02 10:00:00",1.00,13047,"United Kingdom"
                """);
        Cli r = Cli.run("rfm", f.toString(), "--format", "online-retail", "--json", "--customers");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("analysis_date").asText()).isEqualTo("2010-12-04"); // the line without a customer is dropped
        assertThat(doc.get("customers").asInt()).isEqualTo(2);
        JsonNode first = doc.get("scores").get(1);
        assertThat(first.get("customer_id").asText()).isEqualTo("17850");
        assertThat(first.get("frequency").asInt()).isEqualTo(2);
        assertThat(first.get("monetary").asDouble()).isEqualTo(18.69); // 6 × 2.55 + 2 × 3.39 − 1 × 3.39 refunded
    }

    @Test
    void missingColumn_namesTheColumnsThatExist() throws Exception {
        Path f = dir.resolve("o.csv");
        Files.writeString(f, "user,when,amount\nu1,2024-01-01,5\n");
        Cli r = Cli.run("rfm", f.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no column 'customer_id'").contains("[user, when, amount]").contains("--customer-column");
        Cli mapped = Cli.run("rfm", f.toString(), "--customer-column", "user", "--date-column", "when", "--revenue-column", "amount");
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();
        assertThat(mapped.out()).contains("RFM of 1 customers at 2024-01-02");
    }
}
