package dev.nudge.server.cli.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the baskets of {@code nudge rules} from either shape a shop exports:
 * <ul>
 *   <li><b>wide</b>: one basket a line, items comma-separated, no header
 *       ({@code groceries_basket.csv});</li>
 *   <li><b>long</b>: a CSV with a header and one row per item, the basket id in one column and the
 *       item in another ({@code groceries_long.csv}: {@code transaction,item}; an order-lines export
 *       like Online Retail: {@code --basket InvoiceNo --item StockCode}). Rows of one basket need not
 *       be adjacent.</li>
 * </ul>
 * {@link Format#AUTO} picks long when a column is named, or when the lines after the first all have
 * the same number of fields and most repeat the previous line's first field (a basket id spread over
 * rows). Wide baskets almost never look like that, and the choice is announced on stderr, so a
 * wrong guess is visible and {@code --format wide} overrides it.
 */
final class BasketFile {
    enum Format { AUTO, WIDE, LONG }

    /** Lines read to guess the format. */
    static final int SNIFF_LINES = 1000;

    private BasketFile() {}

    record Baskets(List<List<String>> baskets, Format format, String basketColumn, String itemColumn) {}

    static Format parseFormat(String s) {
        try {
            return Format.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be auto, wide (one basket a line) or long (one row per item), got \"" + s + "\"");
        }
    }

    static Baskets read(Path file, Format format, String basketColumn, String itemColumn) throws IOException {
        Format f = format;
        if (f == Format.AUTO) f = basketColumn != null || itemColumn != null || looksLong(InputFiles.head(file, SNIFF_LINES)) ? Format.LONG : Format.WIDE;
        if (f == Format.WIDE) {
            if (basketColumn != null || itemColumn != null) throw new IllegalArgumentException("--basket and --item name columns of the long format; drop them or pass --format long");
            return new Baskets(wide(InputFiles.lines(file)), f, null, null);
        }
        return longFormat(file, basketColumn, itemColumn);
    }

    static List<List<String>> wide(List<String> lines) {
        List<List<String>> baskets = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            baskets.add(Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        return baskets;
    }

    /** Whether the lines after a header look like basket,item rows: one field count (≥ 2) and mostly repeated first fields. */
    static boolean looksLong(List<String> lines) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) continue;
            rows.add(fields(line));
        }
        if (rows.size() < 2) return false;
        int width = rows.get(0).size(), repeats = 0;
        if (width < 2) return false;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != width) return false;
            if (i > 0 && rows.get(i).get(0).equals(rows.get(i - 1).get(0))) repeats++;
        }
        return repeats * 2 >= rows.size() - 1;
    }

    private static List<String> fields(String line) {
        try (CSVParser p = CSVFormat.DEFAULT.parse(new java.io.StringReader(line))) {
            List<CSVRecord> r = p.getRecords();
            return r.isEmpty() ? List.of() : r.get(0).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // an unbalanced quote in a sniffed line: not a clean long file
        }
    }

    private static Baskets longFormat(Path file, String basketColumn, String itemColumn) throws IOException {
        try (BufferedReader in = InputFiles.open(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in)) {
            List<String> header = csv.getHeaderNames();
            if (header.size() < 2) {
                throw new IllegalArgumentException(file + ": the long format needs a header with a basket and an item column (e.g. basket,item); "
                        + "for one basket a line, pass --format wide");
            }
            String basket = column(header, basketColumn, 0, "--basket"), item = column(header, itemColumn, 1, "--item");
            Map<String, Set<String>> byBasket = new LinkedHashMap<>();
            for (CSVRecord r : csv) {
                String b = r.get(basket), i = r.get(item);
                if (b == null || i == null || b.isEmpty() || i.isEmpty()) continue;
                byBasket.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(i);
            }
            List<List<String>> baskets = new ArrayList<>(byBasket.size());
            for (Set<String> items : byBasket.values()) baskets.add(List.copyOf(items));
            return new Baskets(baskets, Format.LONG, basket, item);
        }
    }

    private static String column(List<String> header, String named, int dflt, String option) {
        if (named == null) return header.get(dflt);
        if (header.contains(named)) return named;
        throw new IllegalArgumentException(option + " " + named + " is not a column of the file; its header is " + header);
    }
}
