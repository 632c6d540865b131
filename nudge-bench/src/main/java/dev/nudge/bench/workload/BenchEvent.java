package dev.nudge.bench.workload;

import java.util.List;
import java.util.Objects;

/**
 * One generated Segment-spec call, flat: the columns the SQL engines load plus what the JSON form
 * needs. Money is in cents so that every engine sums it exactly. {@code ts} is event time in epoch
 * milliseconds and is strictly increasing within a profile (the generator guarantees it, so "A then
 * B" never hinges on a tie).
 *
 * @param profileId the canonical profile (the userId once the person signed up, else the anonymousId):
 *     identity as resolved at the end of the stream, which is when the benchmarks evaluate
 * @param event the track event name, or null for page and identify calls
 */
record BenchEvent(
        String messageId, String profileId, String userId, String anonymousId, String type, String event,
        long ts,
        String productId, String category, Long priceCents, String checkoutId, String orderId,
        Long revenueCents, String campaignId, Boolean machine, String path,
        Traits traits, List<Item> products) {

    BenchEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(type, "type");
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("event " + messageId + " has neither userId nor anonymousId");
        }
        if (type.equals("track") && event == null) {
            throw new IllegalArgumentException("track event " + messageId + " has no name");
        }
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** The name a segment's {@code event:} matches: the track name, else the call type. */
    String conditionName() {
        return event != null ? event : type;
    }

    BenchEvent withIdentity(String newMessageId, long newTs) {
        return new BenchEvent(newMessageId, profileId, userId, anonymousId, type, event, newTs, productId, category,
                priceCents, checkoutId, orderId, revenueCents, campaignId, machine, path, traits, products);
    }

    /** The traits an identify call carries; absent ones are null (not sent, not changed). */
    record Traits(String email, String firstName, String plan, Integer age, Long createdAtMs, Long renewalAtMs,
                  String consentEmail) {
    }

    /** One line of an order's {@code products[]}. */
    record Item(String productId, String category, long priceCents, int quantity) {
        Item {
            if (quantity < 1) throw new IllegalArgumentException("quantity must be >= 1, got " + quantity);
        }
    }
}
