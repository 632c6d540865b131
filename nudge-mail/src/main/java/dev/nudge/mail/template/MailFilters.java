package dev.nudge.mail.template;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Liquid filters for money and dates, localised to the recipient.
 *
 * <p>They read hidden variables the engine sets from the profile: {@code _nudge_tz} (trait
 * {@code timezone}, an IANA id, default UTC), {@code _nudge_locale} (trait {@code locale}, a BCP 47
 * tag, default en-US) and {@code _nudge_currency} (trait {@code currency}, default USD).
 *
 * <ul>
 *   <li>{@code {{ 12.5 | money }}} → {@code $12.50}; {@code {{ x | money: "EUR" }}} overrides the currency.</li>
 *   <li>{@code {{ event.timestamp | local_date }}} → {@code March 3, 2026} in the profile's zone;
 *       {@code local_date: "EEE d MMM HH:mm"} takes a java.time pattern. Input: ISO-8601 instant or
 *       date-time, or epoch seconds.</li>
 * </ul>
 */
final class MailFilters {
    static final String TZ = "_nudge_tz";
    static final String LOCALE = "_nudge_locale";
    static final String CURRENCY = "_nudge_currency";

    private MailFilters() {
    }

    static List<Filter> all() {
        return List.of(new Money(), new LocalDate());
    }

    static final class Money extends Filter {
        Money() {
            super("money");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value == null || "".equals(value)) return "";
            BigDecimal amount;
            try {
                amount = new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("money filter needs a number, got '" + value + "'");
            }
            String code = params.length > 0 && params[0] != null ? params[0].toString() : str(context, CURRENCY, "USD");
            Currency currency;
            try {
                currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("money filter: unknown ISO 4217 currency '" + code + "'");
            }
            NumberFormat f = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(str(context, LOCALE, "en-US")));
            f.setCurrency(currency);
            f.setMaximumFractionDigits(currency.getDefaultFractionDigits());
            f.setMinimumFractionDigits(currency.getDefaultFractionDigits());
            return f.format(amount);
        }
    }

    static final class LocalDate extends Filter {
        LocalDate() {
            super("local_date");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value == null || "".equals(value)) return "";
            Instant at = toInstant(value);
            String pattern = params.length > 0 && params[0] != null ? params[0].toString() : "MMMM d, yyyy";
            ZoneId zone;
            try {
                zone = ZoneId.of(str(context, TZ, "UTC"));
            } catch (RuntimeException e) {
                zone = ZoneId.of("UTC"); // a bad timezone trait must not stop the email; UTC is the documented fallback
            }
            DateTimeFormatter f;
            try {
                f = DateTimeFormatter.ofPattern(pattern, Locale.forLanguageTag(str(context, LOCALE, "en-US")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("local_date filter: bad pattern '" + pattern + "' (java.time pattern letters, e.g. \"MMMM d, yyyy\")");
            }
            return f.format(at.atZone(zone));
        }

        static Instant toInstant(Object v) {
            if (v instanceof Number n) return Instant.ofEpochSecond(n.longValue());
            String s = v.toString().trim();
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    try {
                        return java.time.LocalDate.parse(s).atStartOfDay(ZoneId.of("UTC")).toInstant();
                    } catch (DateTimeParseException e3) {
                        throw new IllegalArgumentException("local_date filter needs an ISO-8601 date or epoch seconds, got '" + s + "'");
                    }
                }
            }
        }
    }

    private static String str(TemplateContext c, String key, String dflt) {
        Object v = c.get(key);
        return v == null || v.toString().isBlank() ? dflt : v.toString();
    }
}
