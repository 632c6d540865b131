package dev.nudge.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.RandomSegmentsAccess;
import dev.nudge.core.segment.SegmentEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The state's byte form round-trips every part exactly, and refuses what it cannot read with a hint. */
class ProfileStateCodecTest {
    static final long SEED = Long.getLong("processor.seed", 20_261_203L);

    @Test
    void encodeDecode_randomStates_roundTripExactly() {
        for (int i = 0; i < 2_000; i++) {
            long seed = SEED + i;
            ProfileState s = random(new Random(seed));
            try {
                byte[] b = ProfileStateCodec.encode(s);
                ProfileState back = ProfileStateCodec.decode(b);
                assertThat(back.traits().isDecoded()).isFalse();
                assertThat(back).isEqualTo(s);
                assertThat(ProfileStateCodec.encode(back)).isEqualTo(b);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dprocessor.seed=" + seed + "): " + s, e);
            }
        }
    }

    @Test
    void decode_otherVersion_isRefusedWithAHint() {
        byte[] b = ProfileStateCodec.encode(ProfileState.empty("u1"));
        b[0] = 2;
        assertThatThrownBy(() -> ProfileStateCodec.decode(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layout version 2").hasMessageContaining("rebuild");
    }

    @Test
    void decode_truncatedOrTrailingBytes_isRefused() {
        byte[] b = ProfileStateCodec.encode(random(new Random(SEED)));
        for (int n = 0; n < b.length; n++) {
            byte[] prefix = Arrays.copyOf(b, n);
            assertThatThrownBy(() -> ProfileStateCodec.decode(prefix)).as("prefix of %d bytes", n).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ProfileStateCodec.decode(Arrays.copyOf(b, b.length + 1))).hasMessageContaining("trailing bytes");
    }

    static ProfileState random(Random r) {
        String id = r.nextBoolean() ? "u" + r.nextInt(1000) : "anon-ü-" + Long.toHexString(r.nextLong());
        List<String> users = new ArrayList<>(), anons = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) users.add("u" + r.nextInt(1000));
        for (int k = r.nextInt(3); k > 0; k--) anons.add("a-" + r.nextInt(1000) + "-✓");
        Map<String, Object> traitMap = randomJson(r, 2);
        Traits traits = r.nextBoolean() ? Traits.of(traitMap) : Traits.encoded(Traits.of(traitMap).toBytes());
        ProfileSegmentState segments = null;
        if (r.nextInt(4) > 0) {
            SegmentEngine e = SegmentEngine.of(RandomSegmentsAccess.catalog(r));
            Profile p = Profile.empty(id, null, "a").withTraits(RandomSegmentsAccess.traits(r));
            Instant t = RandomSegmentsAccess.T0;
            for (int k = r.nextInt(5); k >= 0; k--) {
                t = t.plusSeconds(r.nextInt(3600));
                Event ev = Event.track("m" + k, id, RandomSegmentsAccess.NAMES.get(r.nextInt(3)), Map.of("v", (long) r.nextInt(6)), t);
                segments = e.onEvent(segments, p, ev, t, HistorySource.NONE).newState();
            }
        }
        Map<String, Instant> m = new LinkedHashMap<>();
        for (int k = r.nextInt(4); k > 0; k--) m.put("seg-" + r.nextInt(10), instant(r));
        FlowRuns runs = FlowRuns.EMPTY;
        for (int k = r.nextInt(3); k > 0; k--) {
            byte[] v = new byte[r.nextInt(20)];
            r.nextBytes(v);
            runs = runs.with("flow-" + r.nextInt(5) + "/" + r.nextInt(3), v);
        }
        SendCaps caps = SendCaps.EMPTY;
        for (int k = r.nextInt(4); k > 0; k--) caps = caps.withSend(instant(r));
        Instant segDue = segments == null ? null : segments.nextDue();
        Instant nextDue = segDue != null ? (r.nextBoolean() ? segDue : segDue.minusMillis(r.nextInt(100_000)))
                : r.nextBoolean() ? null : instant(r);
        return new ProfileState(id, users, anons, traits, segments, Memberships.of(m), runs, caps, nextDue);
    }

    /** Instants to the nanosecond, before and after the epoch. */
    static Instant instant(Random r) {
        return Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 4_000_000_000L), r.nextInt(1_000_000_000));
    }

    /** JSON values as Jackson decodes them: Integer in int range, Long beyond, Double, String, Boolean, null, lists, maps. */
    static Map<String, Object> randomJson(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = r.nextInt(6); k > 0; k--) m.put("t" + r.nextInt(20), value(r, depth));
        return m;
    }

    static Object value(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextLong(1L << 40, Long.MAX_VALUE);
            case 2 -> r.nextDouble() * 1e6;
            case 3 -> "s\"\\" + r.nextInt(100) + "é";
            case 4 -> r.nextBoolean();
            case 5 -> null;
            case 6 -> "2026-03-0" + (1 + r.nextInt(9)) + "T10:00:00Z";
            case 7 -> {
                List<Object> l = new ArrayList<>();
                for (int k = r.nextInt(3); k > 0; k--) l.add(value(r, depth - 1));
                yield l;
            }
            default -> randomJson(r, depth - 1);
        };
    }
}
