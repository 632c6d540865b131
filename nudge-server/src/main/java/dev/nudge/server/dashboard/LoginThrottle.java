package dev.nudge.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per client address in a sliding window: after {@link #MAX_FAILURES} failures within
 * {@link #WINDOW}, the address gets 429 until the oldest of them leaves the window — even with the
 * right token, else the limit would not slow a guesser down. A success clears the address.
 *
 * <p>The address is {@code ctx.ip()}, which the server resolves through {@code ClientAddress}:
 * forwarding headers count only from trusted proxies, so a client cannot pick a fresh address per
 * guess. Behind an untrusted proxy every client shares the proxy's address (and its limit).
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are tracked; past that, expired
 * entries are dropped and then the least recently failed address is forgotten.
 */
final class LoginThrottle {
    /** Failures allowed within {@link #WINDOW}; the next attempt is refused. */
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final InstantSource clock;
    /** Address → its failure times, oldest first, all within the window when last touched; access order. Guarded by this. */
    private final LinkedHashMap<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(InstantSource clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before its next attempt; {@link Duration#ZERO} when it may try now. */
    synchronized Duration retryAfter(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) return Duration.ZERO;
        Instant now = clock.instant();
        expire(times, now);
        if (times.isEmpty()) {
            failures.remove(address);
            return Duration.ZERO;
        }
        if (times.size() < MAX_FAILURES) return Duration.ZERO;
        return Duration.between(now, times.peekFirst().plus(WINDOW));
    }

    synchronized void failed(String address) {
        Instant now = clock.instant();
        if (!failures.containsKey(address) && failures.size() >= MAX_ADDRESSES) evict(now);
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > MAX_FAILURES) times.removeFirst();
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private static void expire(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.removeFirst();
    }

    private void evict(Instant now) {
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = failures.entrySet().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next().getValue();
            expire(times, now);
            if (times.isEmpty()) it.remove();
        }
        if (failures.size() >= MAX_ADDRESSES) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
