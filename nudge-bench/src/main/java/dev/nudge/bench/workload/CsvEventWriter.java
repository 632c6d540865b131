package dev.nudge.bench.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * Writes events as one CSV row each, the table the SQL engines load ({@link #COLUMNS}). Empty means
 * NULL (DuckDB's {@code read_csv} and PostgreSQL's {@code COPY ... CSV} both read it so). Money has
 * two decimals, instants are epoch milliseconds (plus a readable ISO copy of the event time), so no
 * engine applies a time zone. Also digests what it writes, for the determinism check.
 */
final class CsvEventWriter implements AutoCloseable {

    /** Column order of {@code events.csv}; the SQL loaders declare the same names and types. */
    static final List<String> COLUMNS = List.of(
            "message_id", "profile_id", "user_id", "anonymous_id", "type", "event", "ts_iso", "ts",
            "product_id", "category", "price", "checkout_id", "order_id", "revenue", "campaign_id", "machine",
            "email", "first_name", "plan", "age", "created_at", "renewal_at", "consent_email");

    private final MessageDigest digest = Sha256.newDigest();
    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(256);
    private long rows;

    CsvEventWriter(Path file) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(
                new DigestOutputStream(Files.newOutputStream(file), digest), StandardCharsets.UTF_8), 1 << 16);
        out.write(String.join(",", COLUMNS));
        out.write('\n');
    }

    void write(BenchEvent e) throws IOException {
        row.setLength(0);
        BenchEvent.Traits t = e.traits();
        cell(e.messageId()).cell(e.profileId()).cell(e.userId()).cell(e.anonymousId()).cell(e.type())
                .cell(e.conditionName()).cell(Instant.ofEpochMilli(e.ts()).toString()).cell(e.ts())
                .cell(e.productId()).cell(e.category()).money(e.priceCents()).cell(e.checkoutId()).cell(e.orderId())
                .money(e.revenueCents()).cell(e.campaignId()).cell(e.machine())
                .cell(t == null ? null : t.email()).cell(t == null ? null : t.firstName())
                .cell(t == null ? null : t.plan()).cell(t == null ? null : t.age())
                .cell(t == null ? null : t.createdAtMs()).cell(t == null ? null : t.renewalAtMs())
                .cell(t == null ? null : t.consentEmail());
        row.setCharAt(row.length() - 1, '\n');
        out.append(row);
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Hex SHA-256 of everything written; valid after {@link #close()}. */
    String sha256() {
        return Sha256.hex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private CsvEventWriter cell(Object v) {
        if (v != null) {
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                row.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                row.append(s);
            }
        }
        row.append(',');
        return this;
    }

    private CsvEventWriter money(Long cents) {
        return cell(cents == null ? null : BigDecimal.valueOf(cents, 2).toPlainString());
    }
}
