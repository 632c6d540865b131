package dev.nudge.core.intelligence.clv;

import dev.nudge.core.intelligence.Order;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the CDNOW transaction logs (whitespace separated) into orders, dated at midnight UTC.
 * <ul>
 *   <li>master layout, 4 columns: {@code customer_id date(YYYYMMDD) cds dollar_value}, with a header line;</li>
 *   <li>sample layout, 5 columns: {@code master_id sample_id date cds dollar_value}; the customer id is the
 *       sample id without leading zeros, matching the published per-customer summaries.</li>
 * </ul>
 * Lines are taken as given (no I/O here); blank lines and a header line are skipped.
 */
public final class CdnowLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowLayout() {}

    public static List<Order> parse(Iterable<String> lines) {
        List<Order> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("customer_id")) continue;
            String[] f = s.split("\\s+");
            if (f.length != 4 && f.length != 5) {
                throw new IllegalArgumentException("CDNOW line " + lineNo + " has " + f.length + " columns: '" + s
                        + "'; expected 'customer date cds value' (master) or 'master_id sample_id date cds value' (sample)");
            }
            int o = f.length - 4;
            String customer = f.length == 5 ? stripZeros(f[1]) : stripZeros(f[0]);
            try {
                LocalDate day = LocalDate.parse(f[1 + o], DATE);
                double value = Double.parseDouble(f[3 + o]);
                out.add(Order.completed(customer, customer + "-" + lineNo, day.atStartOfDay(ZoneOffset.UTC).toInstant(), value));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("CDNOW line " + lineNo + ": '" + s + "' — " + e.getMessage()
                        + "; dates are YYYYMMDD and values plain numbers");
            }
        }
        return out;
    }

    private static String stripZeros(String id) {
        String t = id.replaceFirst("^0+(?=.)", "");
        return t;
    }
}
