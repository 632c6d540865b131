package dev.nudge.core.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UCI "Online Retail" layout ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,
 * UnitPrice,CustomerID,Country}, one invoice line a row) turned into Segment-spec order events, the
 * same shape the import path produces, so RFM and the other models run on it as on live data.
 *
 * <p>Cleaning rules (docs/intelligence.md): lines without a CustomerID are dropped (they cannot be
 * attributed to a profile); an invoice becomes one event — {@code Order Refunded} when its number
 * starts with {@code C} (a cancellation), else {@code Order Completed}; its revenue is the sum of
 * quantity × unit price over its lines, rounded to the cent (negative for cancellations); its time is
 * its earliest line's InvoiceDate (31 invoices straddle a minute), read as UTC. Rows are the CSV
 * fields already split (no I/O here).
 */
public final class OnlineRetail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private OnlineRetail() {}

    /** One invoice line. */
    public record Line(String invoiceNo, String stockCode, String description, double quantity, LocalDateTime invoiceDate,
            double unitPrice, String customerId) {

        public boolean isCancellation() {
            return invoiceNo.startsWith("C");
        }
    }

    /** Parses the 8 fields of a data row (the header row must be skipped by the caller). */
    public static Line parse(List<String> f, long rowNumber) {
        if (f.size() < 7) {
            throw new IllegalArgumentException("Online Retail row " + rowNumber + " has " + f.size() + " fields; expected "
                    + "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        }
        try {
            String customer = f.get(6).strip();
            if (customer.endsWith(".0")) customer = customer.substring(0, customer.length() - 2);
            return new Line(f.get(0).strip(), f.get(1).strip(), f.get(2), Double.parseDouble(f.get(3).strip()),
                    LocalDateTime.parse(f.get(4).strip(), DATE), Double.parseDouble(f.get(5).strip()),
                    customer.isEmpty() || customer.equals("NA") ? null : customer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Online Retail row " + rowNumber + ": " + e.getMessage()
                    + "; Quantity and UnitPrice must be numbers and InvoiceDate 'YYYY-MM-DD HH:MM:SS'", e);
        }
    }

    /** One order event per invoice with a customer, in first-seen invoice order. */
    public static List<Event> toEvents(Iterable<Line> lines) {
        Map<String, List<Line>> invoices = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.customerId() == null) continue;
            invoices.computeIfAbsent(l.invoiceNo(), k -> new ArrayList<>()).add(l);
        }
        List<Event> out = new ArrayList<>(invoices.size());
        for (var e : invoices.entrySet()) out.add(toEvent(e.getKey(), e.getValue()));
        return out;
    }

    private static Event toEvent(String invoice, List<Line> lines) {
        double revenue = 0;
        LocalDateTime at = null;
        List<Object> products = new ArrayList<>();
        for (Line l : lines) {
            revenue += l.quantity() * l.unitPrice();
            if (at == null || l.invoiceDate().isBefore(at)) at = l.invoiceDate();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("product_id", l.stockCode());
            p.put("name", l.description());
            p.put("quantity", l.quantity());
            p.put("price", l.unitPrice());
            products.add(p);
        }
        Line first = lines.get(0);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", invoice);
        props.put("revenue", Math.round(revenue * 100) / 100.0);
        props.put("currency", "GBP");
        props.put("products", products);
        var instant = at.toInstant(ZoneOffset.UTC);
        return new Event("online-retail-" + invoice, EventType.TRACK, first.customerId(), null,
                first.isCancellation() ? OrderEvents.ORDER_REFUNDED : OrderEvents.ORDER_COMPLETED,
                props, Map.of(), Map.of(), instant, instant, null, null);
    }
}
