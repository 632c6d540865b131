package dev.nudge.bench.workload;

import dev.nudge.bench.workload.SegmentReferenceTest.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The 20 benchmark segments as Java predicates over one profile (see SegmentReferenceTest). */
final class Reference {

    private Reference() {
    }

    static final long H = Duration.ofHours(1).toMillis(), D = Duration.ofDays(1).toMillis();

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static boolean s16(Profile p) {
        return p.within("Email Opened", Duration.ofDays(7)).stream().anyMatch(e -> Boolean.FALSE.equals(e.machine()))
                || !p.within("Email Link Clicked", Duration.ofDays(7)).isEmpty();
    }

    static boolean s19(Profile p) {
        List<BenchEvent> orders = p.events("Order Completed");
        boolean abandoned = p.events("Checkout Started").stream()
                .filter(c -> c.ts() > p.now() - 7 * D && c.ts() + H <= p.now())
                .anyMatch(c -> orders.stream().noneMatch(o -> Objects.equals(o.checkoutId(), c.checkoutId())
                        && o.ts() > c.ts() && o.ts() <= c.ts() + H));
        return abandoned && p.subscribed();
    }

    static Long firstOrder(Profile p) {
        return p.events("Order Completed").stream().mapToLong(BenchEvent::ts).boxed().min(Long::compare).orElse(null);
    }

    static final Map<String, Predicate<Profile>> RULES = Map.ofEntries(
            Map.entry("s01-pro-subscribers", p -> "pro".equals(p.trait(BenchEvent.Traits::plan)) && p.subscribed()),
            Map.entry("s02-paid-gmail", p -> {
                String plan = p.trait(BenchEvent.Traits::plan), email = p.trait(BenchEvent.Traits::email);
                Integer age = p.trait(BenchEvent.Traits::age);
                return plan != null && Set.of("pro", "business").contains(plan) && email != null && email.contains("@gmail.")
                        && age != null && age > 25;
            }),
            Map.entry("s03-midlife-not-business", p -> {
                Integer age = p.trait(BenchEvent.Traits::age);
                String plan = p.trait(BenchEvent.Traits::plan);
                return age != null && age >= 35 && age <= 54 && p.trait(BenchEvent.Traits::firstName) != null
                        && plan != null && !plan.equals("business");
            }),
            Map.entry("s04-recent-signups", p -> {
                Long c = p.trait(BenchEvent.Traits::createdAtMs);
                return c != null && ((c > p.now() - 14 * D && c <= p.now())
                        || (c > at("2025-11-01T00:00:00Z") && c < at("2025-11-08T00:00:00Z")));
            }),
            Map.entry("s05-renewal-due", p -> {
                Long r = p.trait(BenchEvent.Traits::renewalAtMs), c = p.trait(BenchEvent.Traits::createdAtMs);
                String plan = p.trait(BenchEvent.Traits::plan);
                Integer age = p.trait(BenchEvent.Traits::age);
                return r != null && r > p.now() && r <= p.now() + 14 * D && plan != null && !plan.equals("free")
                        && c != null && c < p.now() - 180 * D && age != null && age >= 21 && age < 70;
            }),
            Map.entry("s06-window-shoppers", p -> p.within("Product Viewed", Duration.ofDays(7)).size() >= 3
                    && p.within("Order Completed", Duration.ofDays(30)).isEmpty()),
            Map.entry("s07-shoe-cart-adders", p -> p.within("Product Added", Duration.ofDays(30)).stream()
                    .anyMatch(e -> "shoes".equals(e.category()))),
            Map.entry("s08-black-friday-browsers", p -> p.events("page").stream()
                    .filter(e -> e.ts() >= at("2025-11-28T00:00:00Z") && e.ts() <= at("2025-12-01T00:00:00Z")).count() >= 2),
            Map.entry("s09-december-clickers", p -> p.events("Email Link Clicked").stream()
                    .anyMatch(e -> e.ts() >= at("2025-12-01T00:00:00Z"))),
            Map.entry("s10-big-spenders-90d", p -> p.within("Order Completed", Duration.ofDays(90)).stream()
                    .mapToLong(BenchEvent::revenueCents).sum() >= 100_00),
            Map.entry("s11-high-average-order", p -> p.events("Order Completed").stream()
                    .mapToLong(BenchEvent::revenueCents).average().orElse(0) > 60_00),
            Map.entry("s12-bargain-readers", p -> p.within("Product Viewed", Duration.ofDays(30)).stream()
                    .filter(e -> Set.of("books", "music").contains(e.category()))
                    .mapToLong(BenchEvent::priceCents).min().orElse(Long.MAX_VALUE) <= 10_00),
            Map.entry("s13-big-basket-under-60", p -> {
                Integer age = p.trait(BenchEvent.Traits::age);
                return p.events("Order Completed").stream().anyMatch(e -> e.revenueCents() >= 150_00)
                        && age != null && age <= 60;
            }),
            Map.entry("s14-category-explorers", p -> p.within("Product Viewed", Duration.ofDays(30)).stream()
                    .map(BenchEvent::category).distinct().count() >= 4),
            Map.entry("s15-lapsed-buyers", p -> {
                List<BenchEvent> o = p.events("Order Completed");
                return !o.isEmpty() && o.get(o.size() - 1).ts() < p.now() - 45 * D && p.subscribed();
            }),
            Map.entry("s16-human-engaged", Reference::s16),
            Map.entry("s17-new-customers", p -> {
                Long f = firstOrder(p);
                return f != null && f > p.now() - 30 * D;
            }),
            Map.entry("s18-view-add-checkout", p -> {
                List<BenchEvent> adds = p.events("Product Added"), checkouts = p.events("Checkout Started");
                return p.within("Product Viewed", Duration.ofDays(14)).stream().anyMatch(v -> adds.stream()
                        .filter(a -> Objects.equals(a.productId(), v.productId()) && a.ts() > v.ts() && a.ts() <= v.ts() + 10 * 60_000)
                        .anyMatch(a -> checkouts.stream().anyMatch(c -> c.ts() > a.ts() && c.ts() <= a.ts() + H)));
            }),
            Map.entry("s19-abandoned-checkout", Reference::s19),
            Map.entry("s20-settled-new-customers", p -> {
                Long f = firstOrder(p);
                return f != null && f > p.now() - 30 * D && f <= p.now() - 14 * D && s16(p) && !s19(p);
            }));
}
