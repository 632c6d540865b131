package dev.nudge.bench.workload;

import java.util.List;

/** Fills the optional columns of a {@link BenchEvent}; the simulator's only way to make one. */
final class EventBuilder {

    private final String profileId, userId, anonymousId, type, event;
    private final long ts;
    private String productId, category, checkoutId, orderId, campaignId, path;
    private Long priceCents, revenueCents;
    private Boolean machine;
    private BenchEvent.Traits traits;
    private List<BenchEvent.Item> products;

    EventBuilder(String profileId, String userId, String anonymousId, String type, String event, long ts) {
        this.profileId = profileId;
        this.userId = userId;
        this.anonymousId = anonymousId;
        this.type = type;
        this.event = event;
        this.ts = ts;
    }

    EventBuilder product(BenchEvent.Item item) {
        productId = item.productId();
        category = item.category();
        priceCents = item.priceCents();
        return this;
    }

    EventBuilder checkout(String id) {
        checkoutId = id;
        return this;
    }

    EventBuilder order(String id) {
        orderId = id;
        return this;
    }

    EventBuilder revenue(long cents) {
        revenueCents = cents;
        return this;
    }

    EventBuilder products(List<BenchEvent.Item> items) {
        products = items;
        return this;
    }

    EventBuilder campaign(String id, Boolean machineOpen) {
        campaignId = id;
        machine = machineOpen;
        return this;
    }

    EventBuilder path(String p) {
        path = p;
        return this;
    }

    EventBuilder traits(BenchEvent.Traits t) {
        traits = t;
        return this;
    }

    BenchEvent build() {
        // the message id is assigned once the profile's events are in order (ProfileSimulator.finish)
        return new BenchEvent("pending", profileId, userId, anonymousId, type, event, ts, productId, category,
                priceCents, checkoutId, orderId, revenueCents, campaignId, machine, path, traits, products);
    }
}
