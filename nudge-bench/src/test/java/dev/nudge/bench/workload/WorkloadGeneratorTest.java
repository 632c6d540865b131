package dev.nudge.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {

    static final WorkloadSpec SMALL = new WorkloadSpec(400, 90, 7L, WorkloadSpec.DEFAULT_END);

    @Test
    void generate_sameSeed_sameBytes(@TempDir Path a, @TempDir Path b) throws IOException {
        Workload first = WorkloadGenerator.generate(SMALL, a, true);
        Workload second = WorkloadGenerator.generate(SMALL, b, true);
        assertThat(second.csvSha256()).isEqualTo(first.csvSha256());
        assertThat(second.batchSha256()).isEqualTo(first.batchSha256());
        assertThat(Files.readAllBytes(second.csv())).isEqualTo(Files.readAllBytes(first.csv()));
        assertThat(Files.readAllBytes(b.resolve("batches/batch-000001.json")))
                .isEqualTo(Files.readAllBytes(a.resolve("batches/batch-000001.json")));
    }

    @Test
    void generate_otherSeed_otherBytes(@TempDir Path a, @TempDir Path b) {
        Workload first = WorkloadGenerator.generate(SMALL, a, false);
        Workload other = WorkloadGenerator.generate(new WorkloadSpec(400, 90, 8L, WorkloadSpec.DEFAULT_END), b, false);
        assertThat(other.csvSha256()).isNotEqualTo(first.csvSha256());
    }

    @Test
    void profile_doesNotDependOnHowManyProfilesThereAre() {
        WorkloadSpec big = new WorkloadSpec(5_000, 90, 7L, WorkloadSpec.DEFAULT_END);
        for (int i : new int[] {0, 17, 399}) {
            assertThat(WorkloadGenerator.profile(big, i)).isEqualTo(WorkloadGenerator.profile(SMALL, i));
        }
    }

    @Test
    void profileEvents_areStrictlyIncreasingInsideTheWindow() {
        long start = SMALL.start().toEpochMilli(), end = SMALL.end().toEpochMilli();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < SMALL.profiles(); i++) {
            long prev = Long.MIN_VALUE;
            for (BenchEvent e : WorkloadGenerator.profile(SMALL, i)) {
                assertThat(e.ts()).as("profile %d event %s", i, e.messageId()).isGreaterThan(prev).isBetween(start, end - 1);
                assertThat(ids.add(e.messageId())).as("unique message id %s", e.messageId()).isTrue();
                prev = e.ts();
            }
        }
    }

    @Test
    void anonymousVisitorsWhoSignUp_areIdentifiedWithBothIds() {
        int merged = 0;
        for (int i = 0; i < SMALL.profiles(); i++) {
            List<BenchEvent> events = WorkloadGenerator.profile(SMALL, i);
            boolean anonymousFirst = !events.isEmpty() && events.get(0).userId() == null && events.get(0).profileId().startsWith("u");
            boolean identifyBoth = events.stream().anyMatch(e -> e.type().equals("identify") && e.userId() != null && e.anonymousId() != null);
            if (anonymousFirst) {
                assertThat(identifyBoth).as("profile %d browsed anonymously then signed up", i).isTrue();
                merged++;
            }
        }
        assertThat(merged).as("some visitors sign up during the window").isGreaterThan(5);
    }

    @Test
    void orders_carryProductsWhoseRevenueAddsUp() {
        int orders = 0;
        for (int i = 0; i < SMALL.profiles(); i++) {
            for (BenchEvent e : WorkloadGenerator.profile(SMALL, i)) {
                if (!"Order Completed".equals(e.event())) continue;
                orders++;
                assertThat(e.orderId()).isNotNull();
                assertThat(e.checkoutId()).isNotNull();
                assertThat(e.products()).isNotEmpty();
                assertThat(e.revenueCents()).isEqualTo(e.products().stream().mapToLong(p -> p.priceCents() * p.quantity()).sum());
            }
        }
        assertThat(orders).isGreaterThan(10);
    }

    @Test
    void batchFiles_respectTheSegmentLimits_andHoldEveryEventOnce(@TempDir Path dir) throws IOException {
        Workload w = WorkloadGenerator.generate(SMALL, dir, true);
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(w.batchDir())) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(w.batchFiles()).hasSizeGreaterThan(1);
        for (Path f : files) {
            assertThat(Files.size(f)).as("%s size", f).isLessThanOrEqualTo(BatchFileWriter.MAX_BYTES);
            JsonNode batch = json.readTree(f.toFile()).get("batch");
            assertThat(batch.size()).isBetween(1, BatchFileWriter.MAX_EVENTS);
            for (JsonNode e : batch) {
                assertThat(e.hasNonNull("timestamp") && e.hasNonNull("type")).isTrue();
                assertThat(e.has("userId") || e.has("anonymousId")).isTrue();
                assertThat(ids.add(e.get("messageId").asText())).isTrue();
            }
        }
        assertThat((long) ids.size()).isEqualTo(w.events());
    }

    @Test
    void spec_rejectsNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkloadSpec(0, 90, 1, WorkloadSpec.DEFAULT_END))
                .hasMessageContaining("profiles must be at least 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkloadSpec(10, 2, 1, WorkloadSpec.DEFAULT_END))
                .hasMessageContaining("days must be between");
    }
}
