package dev.nudge.core.processor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reserved for flows' frequency caps (DESIGN.md §9): the instants of the profile's recent
 * marketing sends, oldest first, so {@code {max: N, per: D}} is checked in the same step as the
 * send it limits (never racing between workers). Empty until flows send; part of the state and its
 * codec now so that adding caps changes no layout.
 *
 * <p>Invariant: {@code sentAt} is in non-decreasing order and holds no nulls.
 */
public record SendCaps(List<Instant> sentAt) {
    public static final SendCaps EMPTY = new SendCaps(List.of());

    public SendCaps {
        sentAt = List.copyOf(sentAt);
        for (int i = 1; i < sentAt.size(); i++) {
            if (sentAt.get(i).isBefore(sentAt.get(i - 1))) {
                throw new IllegalArgumentException("send instants must be oldest first, but " + sentAt.get(i) + " follows " + sentAt.get(i - 1));
            }
        }
    }

    /** A copy with one more send at {@code at}, kept in order. */
    public SendCaps withSend(Instant at) {
        Objects.requireNonNull(at, "at");
        List<Instant> s = new ArrayList<>(sentAt);
        int i = s.size();
        while (i > 0 && s.get(i - 1).isAfter(at)) i--;
        s.add(i, at);
        return new SendCaps(s);
    }

    /** Sends strictly after {@code from}: what a cap {@code per: D} counts at t with from = t − D. */
    public int countAfter(Instant from) {
        int n = 0;
        for (int i = sentAt.size() - 1; i >= 0 && sentAt.get(i).isAfter(from); i--) n++;
        return n;
    }

    /** A copy without the sends at or before {@code oldest} (no cap looks back that far). */
    public SendCaps withoutSendsUpTo(Instant oldest) {
        int i = 0;
        while (i < sentAt.size() && !sentAt.get(i).isAfter(oldest)) i++;
        return i == 0 ? this : new SendCaps(sentAt.subList(i, sentAt.size()));
    }
}
