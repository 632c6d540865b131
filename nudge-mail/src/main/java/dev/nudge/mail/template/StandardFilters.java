package dev.nudge.mail.template;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liqp.LValue;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Standard Liquid filters (Shopify Liquid 5) that Liqp 0.9.1 lacks or gets wrong, so a template
 * written for Shopify, Klaviyo or Braze renders the same here.
 *
 * <p>Missing in Liqp, added: {@code sum}, {@code remove_last}, {@code replace_last},
 * {@code base64_encode}, {@code base64_decode}, {@code base64_url_safe_encode},
 * {@code base64_url_safe_decode}, {@code reject}, {@code find}, {@code find_index}, {@code has}.
 * Replaced because Liqp differs from Liquid: {@code capitalize} (Liquid lower-cases the rest:
 * "my GREAT title" → "My great title"), {@code default} (Liquid's {@code allow_false: true} keeps
 * a {@code false}), {@code escape} and {@code escape_once} (Liquid also escapes {@code '} as
 * {@code &#39;}, which matters inside single-quoted attributes), {@code map} (Liquid keeps a nil
 * for an item without the property, so {@code size} and {@code compact} count right).
 * {@code date} is {@link LiquidDate}.
 *
 * <p>Bad input fails the render (an {@link IllegalArgumentException} naming the filter), as
 * Liquid's "Liquid error" does, rather than silently sending a wrong email.
 */
final class StandardFilters {
    private StandardFilters() {
    }

    static List<Filter> all() {
        return List.of(new Sum(), new RemoveLast(), new ReplaceLast(), new Base64Filter("base64_encode", false, true),
                new Base64Filter("base64_decode", false, false), new Base64Filter("base64_url_safe_encode", true, true),
                new Base64Filter("base64_url_safe_decode", true, false), new Reject(), new Find(false), new Find(true),
                new Has(), new Capitalize(), new Default(), new Escape(false), new Escape(true), new MapFilter());
    }

    /** {@code {{ items | sum }}}, {@code {{ items | sum: 'price' }}}: values that are not numbers count as 0. */
    static final class Sum extends Filter {
        Sum() {
            super("sum");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String property = params.length > 0 && params[0] != null ? asString(params[0], context) : null;
            BigDecimal total = BigDecimal.ZERO;
            boolean integral = true;
            for (Object item : items(this, value, context)) {
                Object v = property == null ? item : property(item, property);
                if (v == null || !canBeNumber(v)) continue;
                BigDecimal d = new BigDecimal(asNumber(v).toString());
                integral &= isInteger(v) || (v instanceof String s && !s.contains(".") && !s.contains("e") && !s.contains("E"));
                total = total.add(d);
            }
            return integral ? total.longValue() : LValue.asFormattedNumber(total);
        }
    }

    static final class RemoveLast extends Filter {
        RemoveLast() {
            super("remove_last");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return replaceLast(asString(value, context), param(this, params, 0, context), "");
        }
    }

    static final class ReplaceLast extends Filter {
        ReplaceLast() {
            super("replace_last");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            return replaceLast(asString(value, context), param(this, params, 0, context), param(this, params, 1, context));
        }
    }

    private static String replaceLast(String s, String what, String with) {
        int at = what.isEmpty() ? -1 : s.lastIndexOf(what);
        return at < 0 ? s : s.substring(0, at) + with + s.substring(at + what.length());
    }

    static final class Base64Filter extends Filter {
        private final boolean urlSafe;
        private final boolean encode;

        Base64Filter(String name, boolean urlSafe, boolean encode) {
            super(name);
            this.urlSafe = urlSafe;
            this.encode = encode;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String s = asString(value, context);
            if (encode) {
                return (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).encodeToString(s.getBytes(StandardCharsets.UTF_8));
            }
            try {
                return new String((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid base64 provided to " + name + ": '" + abbreviate(s) + "'");
            }
        }
    }

    /** {@code reject: 'prop'} drops items whose property is truthy; {@code reject: 'prop', value} those equal to value. */
    static final class Reject extends Filter {
        Reject() {
            super("reject");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String property = param(this, params, 0, context);
            List<Object> kept = new ArrayList<>();
            for (Object item : items(this, value, context)) {
                if (!matches(this, item, property, params, context)) kept.add(item);
            }
            return kept;
        }
    }

    /** {@code find: 'prop', value} → the first matching item (nil if none); {@code find_index} → its 0-based index. */
    static final class Find extends Filter {
        private final boolean index;

        Find(boolean index) {
            super(index ? "find_index" : "find");
            this.index = index;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String property = param(this, params, 0, context);
            List<Object> list = items(this, value, context);
            for (int i = 0; i < list.size(); i++) {
                if (matches(this, list.get(i), property, params, context)) return index ? (Object) (long) i : list.get(i);
            }
            return null;
        }
    }

    /** {@code has: 'prop', value} → true when some item matches. */
    static final class Has extends Filter {
        Has() {
            super("has");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String property = param(this, params, 0, context);
            for (Object item : items(this, value, context)) if (matches(this, item, property, params, context)) return true;
            return false;
        }
    }

    static final class Capitalize extends Filter {
        Capitalize() {
            super("capitalize");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String s = asString(value, context);
            if (s.isEmpty()) return s;
            int first = s.codePointAt(0);
            return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                    .append(s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT)).toString();
        }
    }

    /**
     * {@code x | default: 'y'}: y when x is nil, false or empty (an empty string, list or map);
     * with {@code allow_false: true} a false x is kept.
     */
    static final class Default extends Filter {
        Default() {
            super("default");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            Object fallback = params.length > 0 ? params[0] : null;
            boolean allowFalse = false;
            for (Object p : params) {
                if (p instanceof Map<?, ?> kw && kw.containsKey("allow_false")) allowFalse = isTruthy(kw.get("allow_false"), context);
            }
            if (fallback instanceof Map<?, ?> kw && kw.containsKey("allow_false")) fallback = null;
            if (value == null) return fallback;
            if (Boolean.FALSE.equals(value)) return allowFalse ? value : fallback;
            if (value instanceof String s && s.isEmpty()) return fallback;
            if (isArray(value) && asArray(value, context).length == 0) return fallback;
            if (value instanceof Map<?, ?> m && m.isEmpty()) return fallback;
            return value;
        }
    }

    /** {@code escape}: &amp; &lt; &gt; &quot; &#39;; {@code escape_once}: the same, but an existing entity is kept. */
    static final class Escape extends Filter {
        private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]*|#\\d+|#[xX][0-9a-fA-F]+);");
        private final boolean once;

        Escape(boolean once) {
            super(once ? "escape_once" : "escape");
            this.once = once;
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            if (value == null) return null;
            String s = asString(value, context);
            StringBuilder out = new StringBuilder(s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> {
                        java.util.regex.Matcher m = once ? ENTITY.matcher(s).region(i, s.length()) : null;
                        if (m != null && m.lookingAt()) {
                            out.append(m.group());
                            i = m.end() - 1;
                        } else {
                            out.append("&amp;");
                        }
                    }
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** {@code items | map: 'name'}: each item's property, nil where an item has none. */
    static final class MapFilter extends Filter {
        MapFilter() {
            super("map");
        }

        @Override
        public Object apply(Object value, TemplateContext context, Object... params) {
            String property = param(this, params, 0, context);
            List<Object> out = new ArrayList<>();
            for (Object item : items(this, value, context)) out.add(property(item, property));
            return out;
        }
    }

    /** Whether {@code item}'s property equals params[1], or, with no value given, is truthy. */
    private static boolean matches(Filter f, Object item, String property, Object[] params, TemplateContext context) {
        Object v = property(item, property);
        return params.length > 1 ? LValue.areEqual(v, params[1]) : f.isTruthy(v, context);
    }

    private static Object property(Object item, String property) {
        return item instanceof Map<?, ?> m ? m.get(property) : null;
    }

    private static List<Object> items(Filter f, Object value, TemplateContext context) {
        if (value == null) return List.of();
        if (value instanceof Map<?, ?>) return List.of(value); // Liquid treats a single hash as a list of one
        return new ArrayList<>(List.of(f.asArray(value, context)));
    }

    private static String param(Filter f, Object[] params, int i, TemplateContext context) {
        if (params.length <= i || params[i] == null) {
            throw new IllegalArgumentException(f.name + " needs " + (i + 1) + " argument" + (i == 0 ? "" : "s")
                    + " (e.g. {{ x | " + f.name + ": 'a'" + (i == 0 ? "" : ", 'b'") + " }})");
        }
        return f.asString(params[i], context);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
