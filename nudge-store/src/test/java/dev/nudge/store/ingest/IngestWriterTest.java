package dev.nudge.store.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestWriterTest {
    @TempDir Path dir;

    private static Event track(String id, String user, String name) {
        return Event.track(id, user, name, Map.of(), Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void failingRequest_isRolledBackAlone_whileItsGroupCommits() throws Exception {
        StoreHook poison = (txn, profile, event) -> {
            if (event.name().equals("Poison")) throw new IllegalStateException("hook refused");
        };
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(poison), 100_000)) {
            List<CompletableFuture<IngestOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String user = "u" + (i % 5);
                futures.add(writer.submit(i == 25
                        ? List.of(track("ok-before-poison", user, "Fine"), track("poison", user, "Poison"))
                        : List.of(track("e" + i, user, "Fine"))));
            }
            for (int i = 0; i < futures.size(); i++) {
                if (i == 25) assertThatThrownBy(futures.get(i)::get).isInstanceOf(ExecutionException.class).hasMessageContaining("hook refused");
                else assertThat(futures.get(i).get().accepted()).isEqualTo(1);
            }
            long total = 0;
            for (int u = 0; u < 5; u++) total += store.profile("u" + u).totalEvents();
            assertThat(total).isEqualTo(49);
            assertThat(store.history("u0")).extracting(Event::messageId).doesNotContain("ok-before-poison", "poison");
            // the refused request's messageIds were rolled back too: a corrected retry is accepted
            assertThat(writer.submit(List.of(track("ok-before-poison", "u0", "Fine"))).get().accepted()).isEqualTo(1);
        }
    }

    @Test
    void groupsBuiltWhileTheWriteBeforeIsOnItsWay_seeItsWrites() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        // small requests from many threads make many small groups, each built while the one before is written
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 1_000_000)) {
            List<CompletableFuture<IngestOutcome>> futures = new ArrayList<>();
            Map<String, Set<String>> distinct = new HashMap<>();
            int sent = 0;
            for (int i = 0; i < 3_000; i++) {
                List<Event> request = new ArrayList<>();
                for (int j = 0, n = 1 + rnd.nextInt(3); j < n; j++) {
                    String user = "u" + rnd.nextInt(7);
                    String id = "m" + rnd.nextInt(4_000); // resent ids: duplicates across groups and within one
                    request.add(track(id, user, "Fine"));
                }
                sent += request.size();
                for (Event e : request) distinct.computeIfAbsent(e.messageId(), k -> new HashSet<>()).add(e.userId());
                futures.add(writer.submit(request));
            }
            long accepted = 0, duplicates = 0;
            for (CompletableFuture<IngestOutcome> f : futures) {
                accepted += f.get().accepted();
                duplicates += f.get().duplicates();
            }
            assertThat(accepted).as("seed %d", seed).isEqualTo(distinct.size());
            assertThat(accepted + duplicates).as("seed %d", seed).isEqualTo(sent);
            assertThat(writer.groupCommits()).as("several groups, seed %d", seed).isGreaterThan(1);
            long total = 0;
            for (int u = 0; u < 7; u++) {
                Profile p = store.profile("u" + u);
                if (p != null) {
                    total += p.totalEvents();
                    assertThat(store.history("u" + u)).as("seed %d", seed).hasSize((int) p.totalEvents());
                }
            }
            assertThat(total).as("each id stored once, seed %d", seed).isEqualTo(distinct.size());
        }
    }

    @Test
    void acknowledgedWrites_surviveReopen() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            for (int i = 0; i < 20; i++) writer.submit(List.of(track("r" + i, "u", "Fine"))).get();
        }
        try (NudgeStore store = NudgeStore.open(dir)) {
            Profile p = store.profile("u");
            assertThat(p.totalEvents()).isEqualTo(20);
            assertThat(store.history("u")).hasSize(20);
        }
    }

    @Test
    void fullQueue_refusesAtOnce_insteadOfBuffering() throws Exception {
        StoreHook slow = (txn, profile, event) -> {
            try { Thread.sleep(200); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        };
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(slow), 3)) {
            writer.submit(List.of(track("a", "u", "X")));
            writer.submit(List.of(track("b", "u", "X"), track("c", "u", "X")));
            assertThatThrownBy(() -> writer.submit(List.of(track("d", "u", "X"), track("e", "u", "X"))))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("retry");
        }
    }

    @Test
    void secondOpenOfTheSameFolder_saysWhatToDo() {
        try (NudgeStore store = NudgeStore.open(dir)) {
            assertThatThrownBy(() -> NudgeStore.open(dir)).hasMessageContaining("in use by another Nudge process");
        }
    }
}
