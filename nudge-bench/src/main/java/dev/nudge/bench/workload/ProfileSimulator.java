package dev.nudge.bench.workload;

import static dev.nudge.bench.workload.Calibration.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Simulates one person over the window [start, end): who they are (anonymous visitor, or a registered
 * user who signed up before or during the window), their sessions, purchases (BG/NBD, see
 * {@link Calibration}), identify calls and marketing email. Returns their events in event-time order
 * with strictly increasing timestamps and message ids {@code m<index36>.<n>}.
 *
 * <p>Everything is drawn from the profile's own random stream, so profile {@code i} does not depend
 * on any other profile.
 */
final class ProfileSimulator {

    private static final long MIN = 60_000L, HOUR = 60 * MIN, DAY = 24 * HOUR, WEEK = 7 * DAY;
    private static final String[] FIRST_NAMES = {
        "Ada", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Liam",
        "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yara", "Zoe"};
    private static final String[] DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "example.org"};
    private static final double[] DOMAIN_SHARES = {0.40, 0.15, 0.15, 0.15, 0.15};
    private static final String[] PLANS = {"free", "pro", "business"};

    private final WorkloadSpec spec;
    private final long start, end;

    ProfileSimulator(WorkloadSpec spec) {
        this.spec = spec;
        this.start = spec.start().toEpochMilli();
        this.end = spec.end().toEpochMilli();
    }

    List<BenchEvent> simulate(int index) {
        Draws d = Draws.forProfile(spec.seed(), index);
        Person p = new Person(index, d);
        // mix is a bijection, so distinct indexes give distinct anonymous ids
        p.anonymousId = "a" + Long.toHexString(Draws.mix(spec.seed() ^ index));
        if (d.chance(NEVER_SIGN_UP)) {
            p.profileId = p.anonymousId;
            long first = d.between(start, end);
            int sessions = 1 + (int) d.exponential(1.5);
            for (int s = 0; s < sessions; s++) {
                session(p, first + (long) d.exponential(5 * DAY), false);
            }
        } else {
            registered(p);
        }
        return finish(p);
    }

    private void registered(Person p) {
        Draws d = p.d;
        p.userId = "u" + p.index;
        p.profileId = p.userId;
        long createdAt = d.between(start - 365 * DAY, end);
        String first = FIRST_NAMES[d.below(FIRST_NAMES.length)];
        String email = first.toLowerCase(java.util.Locale.ROOT) + "." + p.index + "@" + DOMAINS[d.categorical(DOMAIN_SHARES)];
        String plan = PLANS[d.categorical(PLAN_SHARES)];
        int age = 18 + d.below(60);
        Long renewal = plan.equals("free") ? null : nextRenewal(createdAt);
        long since;
        if (createdAt >= start) {
            // signed up during the window: a few anonymous visits first, then identify with both ids
            p.userKnownFrom = createdAt;
            int visits = d.below(3);
            for (int v = 0; v < visits; v++) {
                long at = createdAt - (long) d.exponential(3 * DAY);
                if (at >= start) session(p, at, false);
            }
            since = createdAt;
        } else {
            // known before the window: their first identify in the window is a login in its first week
            since = start + (long) d.exponential(2 * DAY);
            p.userKnownFrom = start;
        }
        p.add(identify(p, since, new BenchEvent.Traits(email, first, plan, age, createdAt, renewal, "subscribed")));

        // at most one plan upgrade, one unsubscribe or bounce, each at a uniform instant after `since`
        if (d.chance(PLAN_CHANGE) && !plan.equals("business")) {
            long at = d.between(since, end);
            String to = plan.equals("free") ? "pro" : "business";
            Long r = plan.equals("free") ? nextRenewal(at) : null;
            p.add(identify(p, at, new BenchEvent.Traits(null, null, to, null, null, r, null)));
        }
        long consentChange = Long.MAX_VALUE;
        if (d.chance(UNSUBSCRIBE + BOUNCE)) {
            consentChange = d.between(since, end);
            String state = d.chance(BOUNCE / (UNSUBSCRIBE + BOUNCE)) ? "bounced" : "unsubscribed";
            p.add(identify(p, consentChange, new BenchEvent.Traits(null, null, null, null, null, null, state)));
        }

        double sessionRate = d.gamma(2, SESSIONS_PER_WEEK / 2) / WEEK; // per ms
        for (long t = Math.max(start, createdAt) + (long) d.exponential(1 / sessionRate); t < end;
                t += (long) d.exponential(1 / sessionRate)) {
            session(p, t, false);
        }
        purchases(p, createdAt);
        emails(p, since, consentChange);
    }

    /** BG/NBD: purchases at rate lambda (gamma across people) until a drop-out after some purchase. */
    private void purchases(Person p, long createdAt) {
        Draws d = p.d;
        double lambdaPerWeek = d.gamma(BGNBD_R, 1 / BGNBD_ALPHA);
        double dropout = d.beta(BGNBD_A, BGNBD_B);
        if (lambdaPerWeek <= 0) return;
        double meanGap = WEEK / lambdaPerWeek;
        for (long t = createdAt + (long) d.exponential(meanGap); t < end; t += (long) d.exponential(meanGap)) {
            if (t >= start) session(p, t, true);
            if (d.chance(dropout)) return;
        }
    }

    /** One visit: pages, product views, cart adds; a buying visit ends with checkout and order. */
    private void session(Person p, long at, boolean buys) {
        Draws d = p.d;
        long t = at;
        int pages = 1 + d.categorical(PAGES_PER_SESSION);
        List<BenchEvent.Item> cart = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            boolean productPage = d.chance(PRODUCT_VIEW_PER_PAGE);
            p.add(web(p, t, "page", null).path(productPage ? "/product" : "/").build());
            t += gap(d);
            if (productPage) {
                BenchEvent.Item item = product(d);
                p.add(web(p, t, "track", "Product Viewed").product(item).build());
                t += gap(d);
                if (d.chance(ADD_PER_VIEW)) {
                    p.add(web(p, t, "track", "Product Added").product(item).build());
                    cart.add(item);
                    t += gap(d);
                }
            }
        }
        if (buys) {
            int items = 1 + d.categorical(ITEMS_PER_ORDER);
            while (cart.size() < items) {
                BenchEvent.Item item = product(d);
                p.add(web(p, t, "track", "Product Viewed").product(item).build());
                t += gap(d);
                p.add(web(p, t, "track", "Product Added").product(item).build());
                t += gap(d);
                cart.add(item);
            }
            String checkout = "co" + p.index + "." + p.checkouts++;
            p.add(web(p, t, "track", "Checkout Started").checkout(checkout).build());
            t += gap(d) + 2 * MIN;
            long revenue = cart.stream().mapToLong(i -> i.priceCents() * i.quantity()).sum();
            p.add(web(p, t, "track", "Order Completed").checkout(checkout).order("o" + p.index + "." + p.orders++)
                    .revenue(revenue).products(cart).build());
        } else if (!cart.isEmpty() && d.chance(ABANDONED_CHECKOUT)) {
            p.add(web(p, t, "track", "Checkout Started").checkout("co" + p.index + "." + p.checkouts++).build());
        }
    }

    /** Weekly campaigns to the profile while it is known and subscribed; opens (human or machine), clicks. */
    private void emails(Person p, long knownFrom, long consentChange) {
        Draws d = p.d;
        double openRate = d.beta(2, 2 * (1 - HUMAN_OPEN_RATE) / HUMAN_OPEN_RATE);
        boolean machineOpener = d.chance(MACHINE_OPENER_SHARE);
        long jitter = (p.index % 1800) * 1000L; // the send takes half an hour, profiles in id order
        for (int k = 0; ; k++) {
            long sent = start + k * CAMPAIGN_EVERY_DAYS * DAY + 10 * HOUR + jitter;
            if (sent >= end) break;
            if (sent < knownFrom || sent >= consentChange) continue;
            String campaign = "c" + k;
            p.add(email(p, sent, "Email Delivered", campaign, null));
            if (machineOpener && d.chance(0.9)) {
                p.add(email(p, sent + MIN + (long) d.exponential(5 * MIN), "Email Opened", campaign, true));
            }
            if (d.chance(openRate)) {
                long open = sent + 10 * MIN + (long) d.exponential(5 * HOUR);
                p.add(email(p, open, "Email Opened", campaign, false));
                if (d.chance(CLICK_PER_OPEN)) {
                    p.add(email(p, open + (long) d.exponential(2 * MIN), "Email Link Clicked", campaign, null));
                }
            }
        }
    }

    private BenchEvent.Item product(Draws d) {
        int category = d.categorical(CATEGORY_SHARES);
        // products are numbered so that id mod 8 is the category: the same product always has one category
        int n = d.below(PRODUCTS / CATEGORIES.length) * CATEGORIES.length + category;
        long price = Math.round(priceOf(n) * 100);
        return new BenchEvent.Item("p" + n, CATEGORIES[category], price, 1);
    }

    /** A fixed price per product, drawn once from the calibrated unit-price distribution. */
    private double priceOf(int product) {
        return new Draws(new java.util.SplittableRandom(product * 7919L)).fromQuantiles(UNIT_PRICE_VIGINTILES);
    }

    private static long gap(Draws d) {
        return 1000 + (long) d.exponential(PAGE_GAP_MEAN_SECONDS * 1000);
    }

    private long nextRenewal(long from) {
        long periods = Math.max(1, (end - from) / (30 * DAY) + 1);
        return from + periods * 30 * DAY;
    }

    private EventBuilder web(Person p, long t, String type, String event) {
        boolean known = p.userId != null && t >= p.userKnownFrom;
        return new EventBuilder(p.profileId, known ? p.userId : null, p.anonymousId, type, event, t);
    }

    private BenchEvent identify(Person p, long t, BenchEvent.Traits traits) {
        return new EventBuilder(p.profileId, p.userId, t == p.userKnownFrom ? p.anonymousId : null, "identify", null, t)
                .traits(traits).build();
    }

    private BenchEvent email(Person p, long t, String name, String campaign, Boolean machine) {
        return new EventBuilder(p.profileId, p.userId, null, "track", name, t).campaign(campaign, machine).build();
    }

    /** Sorts by event time, makes timestamps strictly increasing, drops what falls outside the window. */
    private List<BenchEvent> finish(Person p) {
        p.events.sort(Comparator.comparingLong(BenchEvent::ts));
        List<BenchEvent> out = new ArrayList<>(p.events.size());
        long prev = Long.MIN_VALUE;
        String prefix = "m" + Integer.toString(p.index, 36) + ".";
        for (BenchEvent e : p.events) {
            long ts = Math.max(e.ts(), prev + 1);
            if (ts < start || ts >= end) continue;
            out.add(e.withIdentity(prefix + out.size(), ts));
            prev = ts;
        }
        return out;
    }

    /** The mutable state of one simulation. */
    private static final class Person {
        final int index;
        final Draws d;
        final List<BenchEvent> events = new ArrayList<>();
        String profileId, userId, anonymousId;
        long userKnownFrom = Long.MAX_VALUE;
        int checkouts, orders;

        Person(int index, Draws d) {
            this.index = index;
            this.d = d;
        }

        void add(BenchEvent e) {
            events.add(e);
        }
    }
}
