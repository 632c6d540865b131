package dev.nudge.store.identity;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.Txn;
import dev.nudge.store.ingest.IngestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityMergeTest {
    @TempDir Path dir;
    NudgeStore store;
    IngestWriter writer;
    final List<String> merges = new ArrayList<>();
    int seq;

    @BeforeEach
    void open() {
        store = NudgeStore.open(dir);
        writer = new IngestWriter(store, List.of(new StoreHook() {
            @Override public void onEvent(Txn txn, Profile profile, Event event) {}
            @Override public void onMerge(Txn txn, String fromId, Profile merged) { merges.add(fromId + "->" + merged.id()); }
        }), 10_000);
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
    }

    private Event event(EventType type, String userId, String anonymousId, String name, Map<String, Object> traits, String previousId, int minute) {
        Instant at = Instant.parse("2024-03-01T10:00:00Z").plusSeconds(60L * minute);
        return new Event("m" + (seq++), type, userId, anonymousId, name, Map.of(), traits, Map.of(), at, at, previousId, null);
    }

    private void ingest(Event... events) throws Exception {
        writer.submit(List.of(events)).get();
    }

    @Test
    void identifyWithBothIds_mergesAnonymousHistoryIntoKnownProfile() throws Exception {
        ingest(event(EventType.PAGE, null, "anon-1", null, Map.of(), null, 0),
                event(EventType.TRACK, null, "anon-1", "Product Viewed", Map.of(), null, 1),
                event(EventType.IDENTIFY, null, "anon-1", null, Map.of("email", "a@x.io", "plan", "free"), null, 2));
        ingest(event(EventType.IDENTIFY, "user-1", null, null, Map.of("plan", "pro"), null, 3),
                event(EventType.TRACK, "user-1", null, "Order Completed", Map.of(), null, 4));
        assertThat(store.resolve("anon-1")).isEqualTo("anon-1");

        ingest(event(EventType.IDENTIFY, "user-1", "anon-1", null, Map.of(), null, 5));

        assertThat(store.resolve("anon-1")).isEqualTo("user-1");
        assertThat(store.profile("anon-1")).isNull();
        Profile p = store.profile("user-1");
        assertThat(p.traits()).containsEntry("plan", "pro").containsEntry("email", "a@x.io"); // known profile wins conflicts
        assertThat(p.firstSeen()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(p.lastSeen()).isEqualTo(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(p.totalEvents()).isEqualTo(6);
        assertThat(store.history("user-1")).hasSize(6).extracting(Event::messageId).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
        assertThat(store.history("anon-1")).isEmpty();
        assertThat(store.profilesByEmail("A@X.io")).containsExactly("user-1");
        assertThat(merges).containsExactly("anon-1->user-1");
    }

    @Test
    void firstIdentify_adoptsTheAnonymousProfileUnderTheUserId() throws Exception {
        ingest(event(EventType.TRACK, null, "anon-2", "Cart Viewed", Map.of(), null, 0),
                event(EventType.IDENTIFY, "user-2", "anon-2", null, Map.of("email", "b@x.io"), null, 1));
        assertThat(store.profile("anon-2")).isNull();
        assertThat(store.profile("user-2").anonymousIds()).containsExactly("anon-2");
        assertThat(store.history("user-2")).hasSize(2);
        assertThat(store.resolve("anon-2")).isEqualTo("user-2");
    }

    @Test
    void alias_mergesPreviousIdIntoUserId() throws Exception {
        ingest(event(EventType.TRACK, "old-3", null, "Signed Up", Map.of(), null, 0),
                event(EventType.TRACK, "new-3", null, "Logged In", Map.of(), null, 1),
                event(EventType.ALIAS, "new-3", null, null, Map.of(), "old-3", 2));
        assertThat(store.resolve("old-3")).isEqualTo("new-3");
        assertThat(store.profile("old-3")).isNull();
        assertThat(store.profile("new-3").userIds()).containsExactlyInAnyOrder("new-3", "old-3");
        assertThat(store.history("new-3")).hasSize(3);
        // later events sent under the old id land on the merged profile
        ingest(event(EventType.TRACK, "old-3", null, "Order Completed", Map.of(), null, 3));
        assertThat(store.history("new-3")).hasSize(4);
    }

    @Test
    void identifyOnSharedDevice_doesNotMergeTwoKnownUsers() throws Exception {
        ingest(event(EventType.IDENTIFY, "alice", "device-1", null, Map.of(), null, 0));
        ingest(event(EventType.IDENTIFY, "bob", "device-1", null, Map.of(), null, 1));
        assertThat(store.profile("alice")).isNotNull();
        assertThat(store.profile("bob")).isNotNull();
        assertThat(store.history("alice")).hasSize(1);
        assertThat(store.history("bob")).hasSize(1);
    }

    @Test
    void mergeAndItsEvents_inOneBatch_seeEachOther() throws Exception {
        ingest(event(EventType.TRACK, null, "anon-4", "Product Added", Map.of(), null, 0),
                event(EventType.IDENTIFY, "user-4", "anon-4", null, Map.of(), null, 1),
                event(EventType.TRACK, null, "anon-4", "Checkout Started", Map.of(), null, 2));
        assertThat(store.history("user-4")).extracting(Event::name).containsExactly("Product Added", null, "Checkout Started");
    }

    @Test
    void duplicateMessageIds_areStoredOnce_acrossRequestsAndRestarts() throws Exception {
        Event e = event(EventType.TRACK, "user-5", null, "Clicked", Map.of(), null, 0);
        assertThat(writer.submit(List.of(e, e)).get().duplicates()).isEqualTo(1);
        close();
        open();
        assertThat(writer.submit(List.of(e)).get().duplicates()).isEqualTo(1);
        assertThat(store.history("user-5")).hasSize(1);
        assertThat(store.profile("user-5").totalEvents()).isEqualTo(1);
    }
}
