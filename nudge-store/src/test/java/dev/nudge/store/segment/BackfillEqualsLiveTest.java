package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.CompiledSegment;
import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.ReferenceEvaluator;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.lang.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill = live = reference: a segment created after the facts must get the members it would
 * have had had it existed all along, and those the reference evaluator gives at now.
 *
 * <p>Each case draws a catalog ({@link DayScaleSegments}, sometimes beside the shipped defaults) and
 * 20–40 people's histories over the last 60 days ({@link DayScaleHistories}; now and then a crowd of
 * hundreds, more than one run of the sweep), then runs two real stores side by side:
 * <ul>
 *   <li><b>live</b> has the catalog from the start and receives every event when it arrives, with
 *       the clock at that instant and its timers fired as the clock moves — the data as it happened
 *       (some events arrive late in a third of the cases without {@code for:});</li>
 *   <li><b>backfill</b> holds the same history under another catalog (the shipped defaults, another
 *       random catalog reusing the same ids, or none), received either as it happened or as one
 *       import at now; then the catalog is installed and the sweep ({@link Backfill}) runs. In some
 *       cases time passes first (timers of the old catalog fire, live events reach some profiles:
 *       the writer's rebuild-on-touch paths), the store restarts under the new catalog, or live
 *       events race the sweep.</li>
 * </ul>
 * Anonymous first contacts identified later are merged by the identify (a rebuild too). Right after
 * the sweep, and at four later instants (timers fired, a few new events), every profile's
 * membership of every segment must be the same in both stores and equal the
 * {@link ReferenceEvaluator} over its full history at that instant; the later checks hold the
 * rebuilt timers to the live ones. A disagreement prints the seed, the segment, the profile's
 * history, the three answers and the reference's trace.
 *
 * <p>Runs {@value #DEFAULT_CASES} cases from a fixed seed (about 15 s); more with
 * {@code -Dbackfill.cases=N}, another range with {@code -Dbackfill.seed=S}, one case with
 * {@code -Dbackfill.seed=S -Dbackfill.cases=1}.
 */
class BackfillEqualsLiveTest {
    static final int DEFAULT_CASES = 30;
    static final long BASE_SEED = Long.getLong("backfill.seed", 20_260_305L);
    static final int CASES = Integer.getInteger("backfill.cases", DEFAULT_CASES);
    static final Instant NOW = Instant.parse("2026-03-05T09:30:00Z");

    @TempDir Path dir;

    @Test
    void relativeDateTraitSegment_createdAfterTheFacts_hasTheRecentSignupAndNotTheOldOne() throws IOException {
        // the case of the issue: signup_at 3 days ago on one profile and 40 days ago on another, each
        // set by an identify at that time; the segment `signup_at within 7d` is created afterwards
        DayScaleHistories h = new DayScaleHistories(new Random(1), false, false, "m");
        Map<String, List<Event>> histories = new LinkedHashMap<>();
        for (var p : Map.of("recent", 3, "old", 40).entrySet()) {
            Instant at = NOW.minus(Duration.ofDays(p.getValue()));
            histories.put(p.getKey(), List.of(h.identify(p.getKey(), at, Map.of("signup_at", at.toString(), "email", p.getKey() + "@example.com"))));
        }
        Map<String, String> files = Map.of("new-signups.yaml", """
                id: new-signups
                name: Signed up in the last week
                where:
                  trait: signup_at
                  within: 7d
                """);
        Case c = new Case(0, histories, SegmentCatalog.parse(files), files, DefaultSegments.catalog(), true, false);
        Map<String, Set<String>> members = c.run(dir); // fails by itself unless live, backfill and reference agree

        assertThat(members.get("live")).as("live").containsExactly("recent");
        assertThat(members.get("backfill")).as("backfill").containsExactly("recent");
    }

    @Test
    void backfilledMembers_equalLiveMembersAndTheReference_onRandomCatalogsAndHistories() throws IOException {
        Map<String, Integer> stats = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Case c = Case.random(seed, stats);
            try {
                c.run(dir.resolve("case-" + seed));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dbackfill.seed=" + seed + " -Dbackfill.cases=1): " + e, e);
            }
        }
        System.out.println("backfill = live = reference: " + CASES + " cases from seed " + BASE_SEED + ", " + stats);
        // the cases must reach what they are about: members and non-members, backfilled entries and exits, timers
        assertThat(stats.getOrDefault("answers.member", 0)).as("%s", stats).isGreaterThan(CASES * 5);
        assertThat(stats.getOrDefault("answers.nonMember", 0)).as("%s", stats).isGreaterThan(CASES * 5);
        assertThat(stats.getOrDefault("members.relativeDateTrait", 0)).as("%s", stats).isGreaterThan(CASES / 3);
        assertThat(stats.getOrDefault("backfill.rebuilt", 0)).as("%s", stats).isGreaterThan(CASES * 10);
    }

    /** One scenario: a catalog, per-profile histories, the backfill store's old catalog and how it got its data. */
    static final class Case {
        final long seed;
        final Map<String, List<Event>> histories;
        final SegmentCatalog catalog;
        final Map<String, String> files;
        final SegmentCatalog oldCatalog;
        final boolean asItHappened;
        /** Whether time passes and live events arrive between the catalog change and the sweep. */
        final boolean touchBeforeSweep;
        /** Whether some events reach the stores late; never with `for:`, which counts from the recorded entry. */
        boolean lateArrivals;
        /** Whether live events reach the backfill store while the sweep runs. */
        boolean raceTheSweep;
        /** Whether the backfill store is closed and reopened under the new catalog before the sweep (a restart mid-change). */
        boolean restartBeforeSweep;
        final Random r;
        Map<String, Integer> stats = new TreeMap<>();
        /** Events that arrive after the catalog change, appended to {@link #histories} as they are ingested. */
        final DayScaleHistories later;

        Case(long seed, Map<String, List<Event>> histories, SegmentCatalog catalog, Map<String, String> files, SegmentCatalog oldCatalog,
             boolean asItHappened, boolean touchBeforeSweep) {
            this.seed = seed;
            this.histories = new LinkedHashMap<>();
            histories.forEach((id, h) -> this.histories.put(id, new ArrayList<>(h)));
            this.catalog = catalog;
            this.files = files;
            this.oldCatalog = oldCatalog;
            this.asItHappened = asItHappened;
            this.touchBeforeSweep = touchBeforeSweep;
            this.r = new Random(seed ^ 0x5DEECE66DL);
            this.later = new DayScaleHistories(new Random(seed + 17), false, true, "later-");
        }

        static Case random(long seed, Map<String, Integer> stats) {
            Random r = new Random(seed);
            boolean grid = r.nextBoolean();
            DayScaleSegments g = new DayScaleSegments(r, NOW, grid);
            g.forOnTraits = r.nextInt(3) == 0;
            Map<String, String> files = g.catalog();
            DayScaleHistories h = new DayScaleHistories(r, grid, g.usedFor, "m");
            h.traitsFixedAtFirstContact = g.usedForOnTraits;
            if (g.usedForOnTraits) stats.merge("cases.forOnTraitSegments", 1, Integer::sum);
            Map<String, List<Event>> histories = new LinkedHashMap<>();
            // now and then a crowd of short histories: more profiles than one run of the sweep (Backfill.CHUNK),
            // so several runs are read on several threads and interleave in the writer
            boolean crowd = r.nextInt(8) == 0;
            h.shortHistories = crowd;
            int n = crowd ? Backfill.CHUNK + 20 + r.nextInt(300) : 20 + r.nextInt(21);
            if (crowd) stats.merge("cases.moreProfilesThanOneRun", 1, Integer::sum);
            for (int p = 0; p < n; p++) {
                // ids of different lengths, so the sweep's runs (ordered by [length][id]) interleave with id order
                String user = List.of("u", "user-", "p").get(p % 3) + (p * 7919 % 1000);
                List<Event> events = h.profile(user, NOW);
                histories.put(DayScaleHistories.canonicalId(events), events);
            }
            SegmentCatalog old = switch (r.nextInt(3)) {
                case 0 -> DefaultSegments.catalog();
                case 1 -> SegmentCatalog.parse(new DayScaleSegments(r, NOW, grid).catalog());
                default -> SegmentCatalog.of(List.of());
            };
            // as in the server, the new segments often sit beside the shipped defaults in one catalog
            Map<String, String> texts = new LinkedHashMap<>();
            if (r.nextInt(3) == 0) texts.putAll(DefaultSegments.texts());
            texts.putAll(files);
            Case c = new Case(seed, histories, SegmentCatalog.parse(texts), files, old, r.nextBoolean(), r.nextBoolean());
            c.restartBeforeSweep = r.nextInt(4) == 0;
            c.lateArrivals = !g.usedFor && r.nextInt(3) == 0;
            c.raceTheSweep = r.nextInt(3) == 0;
            c.stats = stats;
            return c;
        }

        /** Runs the scenario, failing on any disagreement; returns the members of each store at now, by profile. */
        Map<String, Set<String>> run(Path root) throws IOException {
            Files.createDirectories(root);
            Instant start = NOW.minus(DayScaleHistories.SPAN).minus(Duration.ofDays(1)); // before any event, grid or not
            StoreNode back = new StoreNode(root.resolve("backfill"), start, oldCatalog);
            try (StoreNode live = new StoreNode(root.resolve("live"), start, catalog)) {
                List<Arrival> all = arrivals();
                for (Arrival a : all) {
                    live.at(a.at());
                    live.ingest(List.of(a.event()));
                    if (asItHappened) {
                        back.at(a.at());
                        back.ingest(List.of(a.event()));
                    }
                }
                live.at(NOW);
                back.at(NOW);
                if (!asItHappened) for (List<Event> h : histories.values()) back.ingest(h); // an import after the facts

                back.install(catalog);
                Instant t = NOW;
                if (touchBeforeSweep) {
                    // before the sweep reaches them: timers armed under the old catalog fire, and live events touch some profiles
                    t = t.plus(Duration.ofMinutes(r.nextInt(36 * 60)));
                    live.at(t);
                    back.at(t);
                    newEvents(live, back, t, 1 + r.nextInt(5));
                    count("cases.touchedBeforeTheSweep");
                }
                if (restartBeforeSweep) {
                    back.close();
                    back = new StoreNode(root.resolve("backfill"), t, catalog);
                    count("cases.restartedBeforeTheSweep");
                }
                int readers = 1 + r.nextInt(3);
                Backfill.Progress p;
                if (raceTheSweep) {
                    // live events race the sweep, as requests do while a server backfills
                    StoreNode sweeping = back;
                    var sweep = java.util.concurrent.CompletableFuture.supplyAsync(() -> sweeping.backfill(readers));
                    newEvents(live, back, t, 5 + r.nextInt(20));
                    p = sweep.join();
                    count("cases.liveEventsRacedTheSweep");
                } else {
                    p = back.backfill(readers);
                }
                count("backfill.rebuilt", (int) p.rebuilt());
                count(asItHappened ? "cases.storedAsItHappened" : "cases.importedAtNow");
                if (lateArrivals) count("cases.lateArrivals");
                Map<String, Set<String>> atNow = check(live, back, t);

                // afterwards both stores run on: the rebuilt timers must fire as the live ones do
                for (int step = 0; step < 4; step++) {
                    t = t.plus(Duration.ofMinutes(30 + r.nextInt(10 * 24 * 60)));
                    live.at(t);
                    back.at(t);
                    if (r.nextBoolean()) newEvents(live, back, t, 1 + r.nextInt(3));
                    check(live, back, t);
                }
                return atNow;
            } finally {
                back.close();
            }
        }

        record Arrival(Instant at, Event event) {}

        /** Arrival instants of the events that arrived late, by messageId (for the failure report). */
        private final Map<String, Instant> arrivedAt = new java.util.HashMap<>();

        /**
         * When each event reaches the store: at its event time, or — with {@link #lateArrivals} — a
         * quarter of them up to 3 days later (a phone that was offline). Each profile's history is
         * put in arrival order, the order the store merges its traits in.
         */
        private List<Arrival> arrivals() {
            List<Arrival> all = new ArrayList<>();
            Map<String, String> profileOf = new java.util.HashMap<>(); // messageId → canonical profile id
            histories.forEach((id, h) -> {
                for (Event e : h) {
                    Instant at = e.timestamp();
                    if (lateArrivals && r.nextInt(4) == 0) at = at.plus(Duration.ofMinutes(1 + r.nextInt(3 * 24 * 60)));
                    all.add(new Arrival(at.isAfter(NOW) ? NOW : at, e));
                    profileOf.put(e.messageId(), id);
                }
            });
            all.sort(Comparator.comparing(Arrival::at)); // stable: a profile's events at one instant keep their order
            histories.values().forEach(List::clear);
            for (Arrival a : all) {
                histories.get(profileOf.get(a.event().messageId())).add(a.event());
                if (!a.at().equals(a.event().timestamp())) arrivedAt.put(a.event().messageId(), a.at());
            }
            return all;
        }

        /** The same new events, at t, to random profiles of both stores. */
        private void newEvents(StoreNode live, StoreNode back, Instant t, int n) {
            List<String> ids = new ArrayList<>(histories.keySet());
            for (int i = 0; i < n; i++) {
                String id = ids.get(r.nextInt(ids.size()));
                List<Event> h = histories.get(id);
                if (h.stream().anyMatch(x -> !x.timestamp().isBefore(t))) continue; // one event per instant per profile
                Event last = h.get(h.size() - 1);
                Event e = later.track(id, t).withIds(last.userId(), last.userId() == null ? last.anonymousId() : null);
                h.add(e);
                live.ingest(List.of(e));
                back.ingest(List.of(e));
            }
        }

        /** Every profile × segment: live, backfill and reference agree at t. Returns members by store. */
        private Map<String, Set<String>> check(StoreNode live, StoreNode back, Instant t) {
            ReferenceEvaluator ref = new ReferenceEvaluator(catalog);
            List<String> problems = new ArrayList<>();
            Map<String, Set<String>> members = new LinkedHashMap<>();
            members.put("live", new java.util.TreeSet<>());
            members.put("backfill", new java.util.TreeSet<>());
            for (var entry : histories.entrySet()) {
                String id = entry.getKey();
                List<Event> history = entry.getValue();
                Profile profile = profileOf(id, history);
                Set<String> inLive = live.members(id), inBack = back.members(id);
                String anonymousId = history.get(0).anonymousId();
                if (anonymousId != null && !anonymousId.equals(id)) {
                    // merged into the known profile: the anonymous one is gone, and with it every membership
                    if (!live.members(anonymousId).isEmpty() || !back.members(anonymousId).isEmpty()) {
                        problems.add("merged profile " + anonymousId + " keeps memberships: live " + live.members(anonymousId)
                                + ", backfill " + back.members(anonymousId));
                    }
                    count("profiles.merged");
                }
                for (String stale : inBack) {
                    if (catalog.get(stale) == null) problems.add("profile " + id + " is still a member of `" + stale + "`, which the catalog no longer has");
                }
                for (CompiledSegment s : catalog.segments()) {
                    boolean expected = ref.member(s, profile, history, t);
                    boolean l = inLive.contains(s.id()), b = inBack.contains(s.id());
                    if (l) members.get("live").add(id);
                    if (b) members.get("backfill").add(id);
                    count(expected ? "answers.member" : "answers.nonMember");
                    if (expected && hasRelativeDateTrait(s.definition().where())) count("members.relativeDateTrait");
                    if (l != expected || b != expected) {
                        problems.add(describe(s, id, profile, history, t, ref, l, b, expected));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("seed " + seed + " (rerun with -Dbackfill.seed=" + seed + " -Dbackfill.cases=1): "
                        + problems.size() + " disagreement(s) at " + t + "; backfill store held the history "
                        + (asItHappened ? "as it happened" : "from an import at now") + " under a catalog of " + oldCatalog.size()
                        + " segment(s)" + (restartBeforeSweep ? ", restarted before the sweep" : "")
                        + (touchBeforeSweep ? ", touched before the sweep" : "") + (lateArrivals ? ", some events arrived late" : "") + "\n\ncatalog (" + catalog.size() + " segments; random ones):\n" + String.join("---\n", files.values()) + "\n"
                        + String.join("\n", problems.subList(0, Math.min(3, problems.size()))));
            }
            count("checks");
            return members;
        }

        private String describe(CompiledSegment s, String id, Profile profile, List<Event> history, Instant t, ReferenceEvaluator ref,
                                boolean live, boolean back, boolean expected) {
            StringBuilder b = new StringBuilder();
            b.append("segment ").append(s.id()).append(", profile ").append(id).append(" at ").append(t)
                    .append(": live=").append(live).append(" backfill=").append(back).append(" reference=").append(expected).append('\n');
            b.append("definition:\n").append(s.definition().text().strip()).append('\n');
            b.append("traits now: ").append(profile.traits()).append("\nhistory (arrival order):\n");
            for (Event e : history) {
                b.append("  ").append(e.timestamp()).append(' ').append(e.conditionName());
                if (arrivedAt.containsKey(e.messageId())) b.append(" (arrived ").append(arrivedAt.get(e.messageId())).append(')');
                if (!e.properties().isEmpty()) b.append(' ').append(e.properties());
                if (!e.traits().isEmpty()) b.append(" traits ").append(e.traits());
                b.append('\n');
            }
            b.append("reference trace:\n").append(ref.trace(s.id(), profile, history, t));
            return b.toString();
        }

        /** The profile as of the history's end, folded here rather than read back from the store. */
        static Profile profileOf(String id, List<Event> history) {
            Profile p = Profile.empty(id, id, null);
            for (Event e : history) if (e.type() == EventType.IDENTIFY) p = p.withTraits(e.traits());
            return p;
        }

        private void count(String key) {
            count(key, 1);
        }

        private void count(String key, int n) {
            stats.merge(key, n, Integer::sum);
        }
    }

    /** Whether the condition has a trait test relative to now (within, older_than, in_next) at any depth. */
    static boolean hasRelativeDateTrait(Condition c) {
        return switch (c) {
            case Condition.All a -> a.of().stream().anyMatch(BackfillEqualsLiveTest::hasRelativeDateTrait);
            case Condition.Any a -> a.of().stream().anyMatch(BackfillEqualsLiveTest::hasRelativeDateTrait);
            case Condition.Not n -> hasRelativeDateTrait(n.condition());
            case Condition.TraitCond t -> t.predicates().stream().anyMatch(p -> p.op().relative());
            default -> false;
        };
    }
}
