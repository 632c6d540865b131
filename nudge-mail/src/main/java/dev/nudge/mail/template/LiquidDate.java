package dev.nudge.mail.template;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import liqp.LValue;
import liqp.TemplateContext;
import liqp.filters.Filter;
import ua.co.k.strftime.StrftimeFormatter;

/**
 * The standard Liquid {@code date} filter: {@code {{ event.timestamp | date: "%b %-d, %Y" }}},
 * Ruby strftime directives, formatted by strftime4j (as Liqp's own filter does).
 *
 * <p>Differences from Liqp's filter, all towards Shopify Liquid: {@code 'now'} and {@code 'today'}
 * read the engine's injected clock (a flow on a simulated clock dates its email by that clock, and
 * tests can pin it), not the JVM's; {@code %e} is blank-padded ({@code " 5"}), {@code %c} is Ruby's
 * {@code "Tue Mar  5 04:07:09 2024"} and {@code %Z} is the zone abbreviation ({@code UTC}), where
 * strftime4j prints {@code "5"} and {@code "Coordinated Universal Time"}.
 *
 * <p>Input: {@code 'now'}/{@code 'today'}, epoch seconds, a date/time value, or a string Liqp's
 * date parser reads (ISO-8601, "2024-03-05 14:07", "March 5, 2024", …). Strings without an offset
 * and 'now' are in the engine's zone (UTC); use {@code local_date} for the recipient's zone. As in
 * Liquid, input that is not a date, or no format, returns the input unchanged.
 */
final class LiquidDate extends Filter {
    private final InstantSource clock;

    LiquidDate(InstantSource clock) {
        super("date");
        this.clock = clock;
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        if (value == null) return null;
        String format = params.length > 0 && params[0] != null ? asString(params[0], context) : "";
        if (format.isBlank()) return value;
        ZoneId zone = context.getParser().defaultTimeZone;
        Locale locale = context.getParser().locale;
        ZonedDateTime at = toDate(value, context, zone, locale);
        if (at == null) return value;
        return StrftimeFormatter.ofSafePattern(rubyCompatible(format, at, locale), locale).format(at);
    }

    private ZonedDateTime toDate(Object value, TemplateContext context, ZoneId zone, Locale locale) {
        String s = value instanceof String str ? str.strip() : null;
        if ("now".equals(s) || "today".equals(s)) return ZonedDateTime.ofInstant(clock.instant(), zone);
        if (LValue.isTemporal(value)) return LValue.asRubyDate(value, context);
        if (isNumber(value)) return ZonedDateTime.ofInstant(Instant.ofEpochSecond(asNumber(value).longValue()), zone);
        if (s == null || s.isEmpty()) return null;
        if (s.matches("-?\\d+")) return ZonedDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(s)), zone);
        return context.getDateParser().parse(s, locale, zone);
    }

    /**
     * Rewrites the directives strftime4j renders differently from Ruby into literal text for this
     * date ({@code %e}, {@code %c}, {@code %Z}); every other directive, flags and {@code %%} included,
     * is left for strftime4j.
     */
    static String rubyCompatible(String format, ZonedDateTime at, Locale locale) {
        if (format.indexOf('%') < 0) return format;
        StringBuilder out = new StringBuilder(format.length() + 16);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(i + 1);
            switch (d) {
                case '%' -> out.append("%%");
                case 'e' -> out.append(day(at));
                case 'c' -> out.append("%a %b ").append(day(at)).append(" %H:%M:%S %Y");
                case 'Z' -> out.append(zoneAbbreviation(at, locale));
                default -> {
                    out.append(c).append(d);
                }
            }
            i++;
        }
        return out.toString();
    }

    private static String day(ZonedDateTime at) {
        int d = at.getDayOfMonth();
        return d < 10 ? " " + d : Integer.toString(d);
    }

    private static String zoneAbbreviation(ZonedDateTime at, Locale locale) {
        if (at.getZone() instanceof ZoneOffset o) return o.getTotalSeconds() == 0 ? "UTC" : o.getId();
        if (at.getZone().getId().equals("UTC") || at.getZone().getId().equals("Etc/UTC")) return "UTC";
        return DateTimeFormatter.ofPattern("zzz", locale).format(at).replace("%", "%%");
    }
}
