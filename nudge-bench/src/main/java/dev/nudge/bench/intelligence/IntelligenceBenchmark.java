package dev.nudge.bench.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.IntelligenceRefresh;
import dev.nudge.core.intelligence.Order;
import dev.nudge.core.intelligence.OrderEvents;
import dev.nudge.core.intelligence.RefreshSettings;
import dev.nudge.core.intelligence.clv.BgNbdFit;
import dev.nudge.core.intelligence.clv.CustomerSummary;
import dev.nudge.core.intelligence.clv.DataRequirements;
import dev.nudge.core.intelligence.clv.GammaGamma;
import dev.nudge.core.intelligence.clv.SummaryBuilder;
import dev.nudge.core.intelligence.rules.AssociationRules;
import dev.nudge.core.intelligence.rules.RuleOptions;
import dev.nudge.core.intelligence.rules.RuleSet;
import dev.nudge.server.NudgeRuntime;
import dev.nudge.server.intelligence.IntelligenceService;
import dev.nudge.server.intelligence.RefreshReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The customer-intelligence figures of the issue, on this machine:
 * <ol>
 *   <li>{@code fit}: BG/NBD + Gamma-Gamma maximum-likelihood fits on 1 M synthetic customers drawn
 *       from known parameters ({@link SyntheticShop}), with the recovered parameters printed beside the truth;</li>
 *   <li>{@code refresh}: {@link IntelligenceRefresh#run} — every profile's rfm/predicted/replenishment/
 *       recommendation traits — over the same 1 M customers' order events, in memory;</li>
 *   <li>{@code store}: the same through the running system: order events ingested into a RocksDB
 *       store with the shipped segments, then {@link IntelligenceService#refresh} (scan, compute,
 *       write every profile's traits with segment re-evaluation), phases timed;</li>
 *   <li>{@code rules}: association rules over 1 M baskets resampled (seeded, with replacement) from
 *       the real Groceries baskets.</li>
 * </ol>
 * Each timing is one cold run after one warm-up on a smaller input (these are multi-second jobs, not
 * microbenchmarks). Run:
 * <pre>
 * ./mvnw -q -pl nudge-bench -am package -DskipTests
 * java -Xmx9g -cp "nudge-bench/target/nudge-bench-0.1.0-SNAPSHOT.jar:nudge-bench/target/lib/*" \
 *      dev.nudge.bench.intelligence.IntelligenceBenchmark [fit|refresh|store|rules ...] \
 *      [--customers 1000000] [--store-customers 1000000] [--baskets 1000000] [--data ../shared/data]
 * </pre>
 */
public final class IntelligenceBenchmark {
    private static final long SEED = 20261129L;

    public static void main(String[] args) throws Exception {
        List<String> what = new ArrayList<>();
        int customers = 1_000_000, storeCustomers = 1_000_000, baskets = 1_000_000;
        Path data = Path.of(System.getenv().getOrDefault("NUDGE_DATASETS", "../shared/data"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--store-customers" -> storeCustomers = Integer.parseInt(args[++i]);
                case "--baskets" -> baskets = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> what.add(args[i]);
            }
        }
        if (what.isEmpty()) what = List.of("fit", "refresh", "store", "rules");
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (what.contains("fit")) fit(customers);
        if (what.contains("refresh")) refresh(customers);
        if (what.contains("store")) store(storeCustomers);
        if (what.contains("rules")) rules(data, baskets);
    }

    private static List<CustomerSummary> summaries(Map<String, List<Event>> shop) {
        List<Order> orders = new ArrayList<>();
        shop.forEach((id, events) -> orders.addAll(OrderEvents.orders(id, events)));
        return SummaryBuilder.summarize(orders, LocalDate.ofInstant(SyntheticShop.end(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static void fit(int n) {
        BgNbdFit.fit(summaries(SyntheticShop.orders(20_000, SEED + 1)), DataRequirements.defaults()); // warm-up
        List<CustomerSummary> s = summaries(SyntheticShop.orders(n, SEED));
        long repeat = s.stream().filter(CustomerSummary::isRepeatBuyer).count();
        long t0 = System.nanoTime();
        BgNbdFit bg = BgNbdFit.fit(s, DataRequirements.defaults());
        long t1 = System.nanoTime();
        GammaGamma.GammaGammaFit gg = GammaGamma.fit(s, DataRequirements.defaults().minRepeatBuyers());
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "fit: %,d customers (%,d repeat buyers): BG/NBD %.2f s, Gamma-Gamma %.2f s, both %.2f s%n",
                s.size(), repeat, sec(t1 - t0), sec(t2 - t1), sec(t2 - t0));
        System.out.printf(Locale.ROOT, "  BG/NBD r=%.3f alpha=%.3f a=%.3f b=%.3f (truth 0.243 4.414 0.793 2.426), LL %.1f%n",
                bg.params().r(), bg.params().alpha(), bg.params().a(), bg.params().b(), bg.logLikelihood());
        System.out.printf(Locale.ROOT, "  Gamma-Gamma p=%.3f q=%.3f gamma=%.3f (truth 6.25 3.74 15.44)%n",
                gg.params().p(), gg.params().q(), gg.params().gamma());
    }

    static void refresh(int n) {
        RefreshSettings settings = RefreshSettings.defaults();
        IntelligenceRefresh.run(SyntheticShop.orders(20_000, SEED + 1), SyntheticShop.end(), settings); // warm-up
        Map<String, List<Event>> shop = SyntheticShop.orders(n, SEED);
        long events = shop.values().stream().mapToLong(List::size).sum();
        long t0 = System.nanoTime();
        IntelligenceRefresh.Result r = IntelligenceRefresh.run(shop, SyntheticShop.end(), settings);
        long t1 = System.nanoTime();
        long predicted = r.traits().values().stream().filter(t -> t.containsKey("predicted")).count();
        System.out.printf(Locale.ROOT, "refresh (in memory): %,d profiles, %,d order events → traits for %,d (%,d with predicted.*) in %.2f s; problems %s%n",
                shop.size(), events, r.traits().size(), predicted, sec(t1 - t0), r.problems());
    }

    static void store(int n) throws Exception {
        Path dir = Files.createTempDirectory("nudge-intel-bench");
        Map<String, List<Event>> shop = SyntheticShop.orders(n, SEED);
        InstantSource clock = InstantSource.fixed(SyntheticShop.end());
        try (NudgeRuntime runtime = NudgeRuntime.open(dir, null, clock, 2_000_000)) {
            long t0 = System.nanoTime();
            List<Event> batch = new ArrayList<>(1000);
            List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
            long events = 0;
            for (List<Event> es : shop.values()) {
                for (Event e : es) {
                    batch.add(e);
                    events++;
                    if (batch.size() == 1000) {
                        pending.add(runtime.writer().submit(List.copyOf(batch)));
                        batch.clear();
                        if (pending.size() >= 16) pending.remove(0).get();
                    }
                }
            }
            if (!batch.isEmpty()) pending.add(runtime.writer().submit(batch));
            for (var f : pending) f.get();
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "store: ingested %,d order events of %,d profiles in %.1f s (setup, not the figure)%n", events, shop.size(), sec(t1 - t0));
            shop = null;
            IntelligenceService service = new IntelligenceService(runtime.store(), runtime.writer(), runtime.segments(), clock,
                    RefreshSettings.defaults());
            RefreshReport first = service.refresh("bench");
            System.out.printf(Locale.ROOT, "store refresh #1: %,d profiles with orders, %,d changed, %.1f s, phases (ms) %s, problems %s%n",
                    first.profilesWithOrders(), first.profilesChanged(), first.durationMillis() / 1000.0, first.phaseMillis(), first.problems());
            RefreshReport second = service.refresh("bench");
            System.out.printf(Locale.ROOT, "store refresh #2 (same instant, nothing changes): %,d changed, %.1f s, phases (ms) %s%n",
                    second.profilesChanged(), second.durationMillis() / 1000.0, second.phaseMillis());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void rules(Path data, int n) throws Exception {
        Path file = data.resolve("groceries/groceries_basket.csv");
        if (!Files.isRegularFile(file)) {
            System.out.println("rules: skipped, " + file + " not found (pass --data or set NUDGE_DATASETS)");
            return;
        }
        List<List<String>> real = Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(",")).map(String::trim).distinct().toList()).toList();
        Random rng = new Random(SEED);
        List<List<String>> baskets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) baskets.add(real.get(rng.nextInt(real.size())));
        for (double support : new double[] {0.01, 0.001}) {
            RuleOptions o = RuleOptions.of(support, 0.3);
            AssociationRules.mine(baskets.subList(0, 50_000), o); // warm-up
            long t0 = System.nanoTime();
            RuleSet s = AssociationRules.mine(baskets, o);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "rules: %,d baskets (resampled from %,d Groceries baskets), support %.3f, confidence 0.3: %,d itemsets, %,d rules in %.2f s%n",
                    s.baskets(), real.size(), support, s.itemsets().size(), s.rules().size(), sec(t1 - t0));
        }
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
