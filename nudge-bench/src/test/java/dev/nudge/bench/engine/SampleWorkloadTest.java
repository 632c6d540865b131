package dev.nudge.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bench.engine.SampleWorkload.Person;
import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleWorkloadTest {
    private static final Instant T = Instant.parse("2025-12-01T00:00:00Z");

    private static Event call(String id, EventType type, String user, String anon, int sec) {
        return new Event(id, type, user, anon, type == EventType.TRACK ? "Product Viewed" : null, Map.of(),
                Map.of(), Map.of(), T.plusSeconds(sec), T.plusSeconds(sec), null, null);
    }

    @Test
    void group_anonymousVisitorWhoSignsUp_staysOnePerson() {
        List<Person> people = SampleWorkload.group(List.of(
                call("1", EventType.PAGE, null, "a1", 1),
                call("2", EventType.IDENTIFY, "u1", "a1", 2),
                call("3", EventType.TRACK, "u1", null, 3),
                call("4", EventType.TRACK, "u2", null, 4)));
        assertThat(people).extracting(Person::id).containsExactly("u1", "u2");
        assertThat(people.get(0).events()).extracting(Event::messageId).containsExactly("1", "2", "3");
    }

    @Test
    void generate_partitionsTheWorkloadIntoPeopleWithDisjointIdsAndOrderedEvents() {
        SampleWorkload w = SampleWorkload.generate(40);
        Set<String> seen = new HashSet<>();
        for (Person p : w.people()) {
            Set<String> mine = new HashSet<>();
            Instant last = Instant.MIN;
            for (Event e : p.events()) {
                assertThat(e.timestamp()).as("events of %s in time order", p.id()).isAfterOrEqualTo(last);
                last = e.timestamp();
                if (e.userId() != null) mine.add(e.userId());
                if (e.anonymousId() != null) mine.add(e.anonymousId());
            }
            assertThat(java.util.Collections.disjoint(mine, seen)).as("ids %s of %s belong to no one else", mine, p.id()).isTrue();
            seen.addAll(mine);
            assertThat(p.profile().totalEvents()).isEqualTo(p.events().size());
        }
        assertThat(w.people().size()).isBetween(30, 40);
        assertThat(w.events()).isGreaterThan(w.people().size());
    }

    @Test
    void clone_isAnotherProfileWithTheSameBehaviour() {
        Event e = call("m", EventType.IDENTIFY, "u1", "a1", 5);
        Event c = SampleWorkload.clone(e, 3);
        assertThat(c.userId()).isEqualTo("u1~3");
        assertThat(c.anonymousId()).isEqualTo("a1~3");
        assertThat(c.messageId()).isEqualTo("m~3");
        assertThat(c.timestamp()).isEqualTo(e.timestamp());
        assertThat(c.properties()).isEqualTo(e.properties());
        assertThat(SampleWorkload.clone(e, 0)).isSameAs(e);
    }
}
