package dev.nudge.core.segment;

import static dev.nudge.core.segment.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.lang.SegmentDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stored state per profile at 20 live segments (the 13 defaults and 7 more), after a busy
 * quarter: ~300 events of opens (a third by machines), clicks, page views, carts and orders.
 * DESIGN.md §14's bar is 1 KB per profile; this measures the encoded bytes a store keeps.
 */
class StateSizeTest {
    @Test
    void encodedState_atTwentySegments_staysUnderOneKilobyte_forABusyProfile() {
        List<SegmentDefinition> defs = new ArrayList<>(DefaultSegments.definitions());
        defs.add(Fixtures.def("{id: x1, name: x, where: {event: Product Viewed, within: 7d, count: \">= 3\"}}"));
        defs.add(Fixtures.def("{id: x2, name: x, where: {event: Product Viewed, distinct: category, value: \">= 3\"}}"));
        defs.add(Fixtures.def("{id: x3, name: x, where: {event: Order Completed, avg: revenue, value: \">= 80\"}}"));
        defs.add(Fixtures.def("{id: x4, name: x, where: {last: Email Opened, older_than: 30d}}"));
        defs.add(Fixtures.def("{id: x5, name: x, where: {trait: plan, equals: gold}}"));
        defs.add(Fixtures.def("{id: x6, name: x, where: {segment: vip, for: 30d}}"));
        defs.add(Fixtures.def("{id: x7, name: x, where: {all: [{event: Product Added, within: 1d}, {subscribed: email}]}}"));
        SegmentEngine engine = SegmentEngine.of(SegmentCatalog.of(defs));
        assertThat(engine.catalog().size()).isEqualTo(20);
        Random r = new Random(5);
        Profile profile = Fixtures.profile(Map.of("email", "busy@example.com", "plan", "gold"));
        List<Event> h = new ArrayList<>();
        ProfileSegmentState s = null;
        Instant now = T0;
        String[] names = {"Email Opened", "Email Opened", "Email Link Clicked", "page", "Product Viewed", "Product Added", "Checkout Started", "Order Completed"};
        int max = 0;
        for (int i = 0; i < 300; i++) {
            now = now.plus(Duration.ofMinutes(r.nextInt(900)));
            String name = names[r.nextInt(names.length)];
            EventType type = name.equals("page") ? EventType.PAGE : EventType.TRACK;
            Map<String, Object> props = Map.of("machine", r.nextInt(3) == 0, "revenue", r.nextInt(30000) / 100.0, "category", "c" + r.nextInt(6),
                    "checkout_id", "k" + i, "product_id", "p" + r.nextInt(20));
            Event e = new Event("m" + i, type, "u1", null, type == EventType.TRACK ? name : null, props, Map.of(), Map.of(), now, now, null, null);
            h.add(e);
            while (s != null && s.nextDue() != null && s.nextDue().isBefore(now)) s = engine.onTime(s, profile, s.nextDue(), () -> h).newState();
            s = engine.onEvent(s, profile, e, now, () -> h).newState();
            max = Math.max(max, s.encode().length);
        }
        System.out.println("segment state: 20 segments, 300 events over " + Duration.between(T0, now).toDays() + " days: final "
                + s.encode().length + " bytes, max " + max + " bytes");
        assertThat(max).isLessThanOrEqualTo(1024);
    }
}
