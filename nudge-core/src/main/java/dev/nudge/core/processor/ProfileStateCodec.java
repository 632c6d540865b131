package dev.nudge.core.processor;

import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.ProfileSegmentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one byte form of a {@link ProfileState}, for storing it as one value (a later slice: one
 * row per profile; the Kafka runtime's state store).
 *
 * <p>Layout, version {@value #VERSION} (varints are LEB128, signed ones zigzag; strings and byte
 * strings are a varint length then the bytes, UTF-8 for strings; an instant is zigzag epoch
 * seconds then varint nanoseconds, exact):
 * <pre>
 * version u8
 * id string, userIds (count, strings), anonymousIds (count, strings)
 * traits bytes (the JSON object, kept as it is: decoding the state does not decode them)
 * segments varint 0 = none, else 1 then bytes ({@link ProfileSegmentState#encode()})
 * memberships count, then (segment id string, since instant) in order
 * flowRuns count, then (key string, value bytes) in key order
 * sendCaps count, then instants oldest first
 * nextDue u8 0 = none, else 1 then instant
 * </pre>
 * A reader refuses another version and trailing bytes, with a message that says to rebuild.
 */
public final class ProfileStateCodec {
    /** The layout version this build writes and reads; bump it with a migration when the layout changes. */
    public static final int VERSION = 1;

    private ProfileStateCodec() {}

    public static byte[] encode(ProfileState s) {
        Wire.Out o = new Wire.Out();
        o.u8(VERSION);
        o.string(s.id());
        strings(o, s.userIds());
        strings(o, s.anonymousIds());
        o.bytes(s.traits().toBytes());
        if (s.segments() == null) {
            o.varint(0);
        } else {
            o.varint(1);
            o.bytes(s.segments().encode());
        }
        Map<String, Instant> m = s.memberships().asMap();
        o.varint(m.size());
        m.forEach((seg, since) -> {
            o.string(seg);
            o.instant(since);
        });
        o.varint(s.flowRuns().size());
        for (String k : s.flowRuns().keys()) {
            o.string(k);
            o.bytes(s.flowRuns().get(k));
        }
        o.varint(s.sendCaps().sentAt().size());
        for (Instant t : s.sendCaps().sentAt()) o.instant(t);
        if (s.nextDue() == null) {
            o.u8(0);
        } else {
            o.u8(1);
            o.instant(s.nextDue());
        }
        return o.toByteArray();
    }

    public static ProfileState decode(byte[] bytes) {
        return decode(bytes, Traits.JSON);
    }

    /** Decodes; the traits stay encoded and are decoded with {@code traits} when first read. */
    public static ProfileState decode(byte[] bytes, Traits.Decoder traits) {
        Wire.In in = new Wire.In(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new IllegalArgumentException("profile state has layout version " + version + " but this build reads version " + VERSION
                    + "; upgrade Nudge, or rebuild the profile's state from its history");
        }
        String id = in.string();
        List<String> userIds = strings(in);
        List<String> anonymousIds = strings(in);
        Traits t = Traits.encoded(in.bytes(), traits);
        ProfileSegmentState segments = switch (in.varint()) {
            case 0 -> null;
            case 1 -> ProfileSegmentState.decode(in.bytes());
            default -> throw Wire.In.corrupt("bad segment state marker");
        };
        int n = in.varint();
        Map<String, Instant> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.string(), in.instant());
        n = in.varint();
        Map<String, byte[]> runs = new TreeMap<>();
        for (int i = 0; i < n; i++) runs.put(in.string(), in.bytes());
        n = in.varint();
        List<Instant> sent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) sent.add(in.instant());
        Instant nextDue = switch (in.u8()) {
            case 0 -> null;
            case 1 -> in.instant();
            default -> throw Wire.In.corrupt("bad nextDue marker");
        };
        if (!in.done()) throw Wire.In.corrupt("trailing bytes");
        return new ProfileState(id, userIds, anonymousIds, t, segments, Memberships.of(m), FlowRuns.of(runs), new SendCaps(sent), nextDue);
    }

    private static void strings(Wire.Out o, List<String> l) {
        o.varint(l.size());
        for (String s : l) o.string(s);
    }

    private static List<String> strings(Wire.In in) {
        int n = in.varint();
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(in.string());
        return l;
    }
}
