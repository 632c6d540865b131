package dev.nudge.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bench.macro.DuckDbBackend;
import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.segments.BenchSegments;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the SQL of every benchmark segment to a second, independent formulation: plain Java over each
 * profile's generated events (the rules of {@code bench-segments/_semantics.md}, written per profile
 * instead of per table), evaluated at the end of the stream and at an earlier instant. DuckDB running
 * the SQL over the CSV must return exactly the members the Java finds; PostgreSQL is held to DuckDB by
 * the smoke test. This is what makes the SQL baselines trustworthy before the Nudge engine exists.
 */
class SegmentReferenceTest {

    static final WorkloadSpec SPEC = new WorkloadSpec(800, 90, 11L, WorkloadSpec.DEFAULT_END);

    @Test
    void sqlOnDuckDb_equalsJavaReference_atTwoInstants(@TempDir Path dir) throws Exception {
        Workload w = WorkloadGenerator.generate(SPEC, dir, false);
        Map<String, List<BenchEvent>> byProfile = new HashMap<>();
        for (int i = 0; i < SPEC.profiles(); i++) {
            for (BenchEvent e : WorkloadGenerator.profile(SPEC, i)) {
                byProfile.computeIfAbsent(e.profileId(), k -> new java.util.ArrayList<>()).add(e);
            }
        }
        try (DuckDbBackend duck = new DuckDbBackend(2, "1GB")) {
            duck.load(w);
            for (Instant now : List.of(w.now(), w.now().minus(Duration.ofDays(9)).plusMillis(123_456))) {
                for (BenchSegment s : BenchSegments.all()) {
                    Set<String> expected = new HashSet<>();
                    Predicate<Profile> rule = Reference.RULES.get(s.id());
                    assertThat(rule).as("a Java rule for %s", s.id()).isNotNull();
                    byProfile.forEach((id, events) -> {
                        Profile p = new Profile(events, now.toEpochMilli());
                        if (p.exists() && rule.test(p)) expected.add(id);
                    });
                    assertThat(duck.members(s, now)).as("%s at %s", s.id(), now).isEqualTo(expected);
                }
            }
        }
    }

    /** One profile's events as of {@code now} (later events are invisible), with query helpers. */
    record Profile(List<BenchEvent> all, long now) {
        boolean exists() {
            return all.stream().anyMatch(e -> e.ts() <= now);
        }

        List<BenchEvent> events(String name) {
            return all.stream().filter(e -> e.ts() <= now && e.conditionName().equals(name)).toList();
        }

        List<BenchEvent> within(String name, Duration d) {
            return events(name).stream().filter(e -> e.ts() > now - d.toMillis()).toList();
        }

        /** The latest non-null value of a trait among identify calls up to now. */
        <T> T trait(java.util.function.Function<BenchEvent.Traits, T> get) {
            T value = null;
            for (BenchEvent e : events("identify")) {
                T v = get.apply(e.traits());
                if (v != null) value = v;
            }
            return value;
        }

        boolean subscribed() {
            String consent = trait(BenchEvent.Traits::consentEmail);
            return trait(BenchEvent.Traits::email) != null && (consent == null || consent.equals("subscribed"));
        }
    }
}
