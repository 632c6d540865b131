package dev.nudge.server.cli.intel;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.OnlineRetail;
import dev.nudge.core.intelligence.Order;
import dev.nudge.core.intelligence.OrderEvents;
import dev.nudge.core.intelligence.clv.CdnowLayout;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Option;

/**
 * How to read an orders file, shared by {@code rfm} and {@code predict} (a picocli mixin).
 * Layouts: {@code csv} (a header row; columns named by the options; a negative revenue is a refund),
 * {@code online-retail} (the UCI file as published) and {@code cdnow} (the whitespace-separated
 * CDNOW logs). Dates are read as UTC.
 */
final class OrderFileOptions {

    enum Format { CSV, ONLINE_RETAIL, CDNOW }

    @Option(names = "--format", defaultValue = "csv", converter = FormatConverter.class,
            description = "Input layout: csv, online-retail or cdnow (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--customer-column", defaultValue = "customer_id", description = "CSV column of the customer id.")
    String customerColumn;

    @Option(names = "--order-column", defaultValue = "order_id",
            description = "CSV column of the order id (optional: each row is an order when absent).")
    String orderColumn;

    @Option(names = "--date-column", defaultValue = "date", description = "CSV column of the order date or instant.")
    String dateColumn;

    @Option(names = "--revenue-column", defaultValue = "revenue", description = "CSV column of the order revenue.")
    String revenueColumn;

    List<Order> read(Path file) throws IOException {
        return switch (format) {
            case CDNOW -> CdnowLayout.parse(InputFiles.lines(file));
            case ONLINE_RETAIL -> onlineRetail(file);
            case CSV -> csv(file);
        };
    }

    private List<Order> onlineRetail(Path file) throws IOException {
        List<OnlineRetail.Line> lines = new ArrayList<>();
        try (Reader r = InputFiles.open(file)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                lines.add(OnlineRetail.parse(rec.toList(), rec.getRecordNumber()));
            }
        }
        List<Order> out = new ArrayList<>();
        for (Event e : OnlineRetail.toEvents(lines)) OrderEvents.toOrder(e.userId(), e).ifPresent(out::add);
        return out;
    }

    private List<Order> csv(Path file) throws IOException {
        List<Order> out = new ArrayList<>();
        try (Reader r = InputFiles.open(file)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(r);
            Map<String, Integer> header = parser.getHeaderMap();
            for (String col : List.of(customerColumn, dateColumn, revenueColumn)) {
                if (!header.containsKey(col)) {
                    throw new IllegalArgumentException(file + " has no column '" + col + "'; its columns are " + header.keySet()
                            + " — name yours with --customer-column, --date-column and --revenue-column");
                }
            }
            boolean hasOrder = header.containsKey(orderColumn);
            for (CSVRecord rec : parser) {
                long row = rec.getRecordNumber() + 1;
                String customer = rec.get(customerColumn);
                if (customer.isEmpty()) continue;
                double revenue;
                try {
                    revenue = Double.parseDouble(rec.get(revenueColumn));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + row + ": revenue '" + rec.get(revenueColumn) + "' is not a number");
                }
                Instant at = parseInstant(rec.get(dateColumn), file, row);
                String orderId = hasOrder ? rec.get(orderColumn) : "row-" + row;
                out.add(revenue < 0 ? Order.refunded(customer, orderId, at, revenue) : Order.completed(customer, orderId, at, revenue));
            }
        }
        return out;
    }

    static Instant parseInstant(String s, Path file, long row) {
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) return OffsetDateTime.parse(s).toInstant();
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + " line " + row + ": date '" + s
                    + "' is not ISO-8601; use 2024-03-31, 2024-03-31 14:05:00 or 2024-03-31T14:05:00Z");
        }
    }

    /** Accepts the format names as written in the help: csv, online-retail, cdnow. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> Format.CSV;
                case "online-retail", "online_retail" -> Format.ONLINE_RETAIL;
                case "cdnow" -> Format.CDNOW;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "unknown format '" + value + "'; use csv, online-retail or cdnow");
            };
        }
    }
}
