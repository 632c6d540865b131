package dev.nudge.bench.engine;

import dev.nudge.bench.support.Scratch;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.bench.workload.WorkloadGenerator;
import dev.nudge.bench.workload.WorkloadSpec;
import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.ingest.InvalidMessageException;
import dev.nudge.core.ingest.MessageParser;
import dev.nudge.core.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Realistic per-profile histories for the engine benchmarks: the workload generator's Segment batch
 * files for {@code templates} people, parsed with the ingestion parser ({@link MessageParser}) and
 * grouped back into people. Larger populations are made of clones of these templates
 * ({@link #clone}): clone {@code c} of template {@code t} has every id suffixed with {@code ~c}, so it
 * is a different profile with the same behaviour — the per-event cost then depends on the population
 * size only through the size of the state the engine works against, which is what "flat" measures.
 *
 * <p>Grouping: the generator writes each person's events contiguously, so an event whose ids
 * (userId, anonymousId) share none with the current group starts the next person (an anonymous
 * visitor who signs up carries both ids on the identify call, so they stay one person).
 */
public final class SampleWorkload {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One person: their events in time order and their profile after all of them. */
    public record Person(String id, List<Event> events, Profile profile) {
        public Person {
            if (events.isEmpty()) throw new IllegalArgumentException("person " + id + " has no events");
            events = List.copyOf(events);
        }
    }

    private final WorkloadSpec spec;
    private final List<Person> people;

    private SampleWorkload(WorkloadSpec spec, List<Person> people) {
        this.spec = spec;
        this.people = List.copyOf(people);
    }

    /** Generates {@code templates} people (90 days, seed 42) through the workload generator into a temp folder, then deletes it. */
    public static SampleWorkload generate(int templates) {
        WorkloadSpec spec = WorkloadSpec.of(templates);
        Path dir;
        try {
            dir = Files.createTempDirectory("nudge-engbench-workload");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for the workload; set -Djava.io.tmpdir to a writable folder", e);
        }
        try {
            WorkloadGenerator.generate(spec, dir, true);
            List<Event> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("batches"))) {
                for (Path f : files.sorted().toList()) all.addAll(parseBatch(Files.readAllBytes(f), spec.end()));
            }
            return new SampleWorkload(spec, group(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the generated workload in " + dir + ": " + e.getMessage(), e);
        } finally {
            Scratch.delete(dir);
        }
    }

    /** Parses one {@code {"batch":[...]}} file the way ingestion does (items stamped as received at {@code receivedAt}). */
    @SuppressWarnings("unchecked")
    static List<Event> parseBatch(byte[] body, Instant receivedAt) throws IOException {
        Map<String, Object> root = JSON.readValue(body, Map.class);
        List<Object> items = (List<Object>) root.get("batch");
        List<Event> out = new ArrayList<>(items.size());
        for (Object item : items) {
            try {
                out.add(MessageParser.parse(item, null, receivedAt, null, Map.of()));
            } catch (InvalidMessageException e) {
                throw new IllegalStateException("the workload generator wrote an event ingestion refuses: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Splits a stream of contiguous per-person events into people (see the class comment). */
    static List<Person> group(List<Event> events) {
        List<Person> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Event> current = new ArrayList<>();
        for (Event e : events) {
            boolean same = (e.userId() != null && ids.contains(e.userId())) || (e.anonymousId() != null && ids.contains(e.anonymousId()));
            if (!same && !current.isEmpty()) {
                out.add(person(current));
                current = new ArrayList<>();
                ids.clear();
            }
            if (e.userId() != null) ids.add(e.userId());
            if (e.anonymousId() != null) ids.add(e.anonymousId());
            current.add(e);
        }
        if (!current.isEmpty()) out.add(person(current));
        return out;
    }

    private static Person person(List<Event> events) {
        events.sort(Comparator.comparing(Event::timestamp));
        Event first = events.getFirst();
        String id = events.stream().map(Event::userId).filter(u -> u != null).findFirst().orElse(first.anonymousId());
        Profile p = Profile.empty(id, null, null);
        for (Event e : events) p = apply(p, e);
        return new Person(id, events, p);
    }

    /** The profile after {@code e}, as the store's writer computes it. */
    public static Profile apply(Profile p, Event e) {
        Profile after = p.withEventSeen(e.conditionName(), e.timestamp());
        return e.type() == EventType.IDENTIFY ? after.withTraits(e.traits()) : after;
    }

    /** The same event for clone {@code c}: every id suffixed with {@code ~c} (clone 0 is the template itself). */
    public static Event clone(Event e, int c) {
        if (c == 0) return e;
        String s = "~" + c;
        return new Event(e.messageId() + s, e.type(), e.userId() == null ? null : e.userId() + s,
                e.anonymousId() == null ? null : e.anonymousId() + s, e.name(), e.properties(), e.traits(), e.context(),
                e.timestamp(), e.receivedAt(), e.previousId() == null ? null : e.previousId() + s, e.groupId());
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public List<Person> people() {
        return people;
    }

    public long events() {
        return people.stream().mapToLong(p -> p.events().size()).sum();
    }
}
