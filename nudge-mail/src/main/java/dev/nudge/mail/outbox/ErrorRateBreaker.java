package dev.nudge.mail.outbox;

/**
 * Auto-pause: trips when, over the last {@code window} send outcomes, at least {@code minSamples}
 * were seen and the failed share reaches {@code threshold}. A count-based window needs no clock, and
 * a burst of rejections (a blocklisting, a bad list) trips it within {@code window} sends. Tripped
 * stays tripped until {@link #reset()} (an operator resumes). Thread-safe.
 */
public final class ErrorRateBreaker {
    private final boolean[] ring;
    private final int minSamples;
    private final double threshold;
    private int next;
    private int seen;
    private int failures;
    private boolean tripped;

    public ErrorRateBreaker(int window, int minSamples, double threshold) {
        if (window < 1 || minSamples < 1 || minSamples > window) {
            throw new IllegalArgumentException("need 1 <= minSamples <= window, got window=" + window + " minSamples=" + minSamples);
        }
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        this.ring = new boolean[window];
        this.minSamples = minSamples;
        this.threshold = threshold;
    }

    /** Defaults: pause when 20 % of the last 200 sends failed (after at least 50). */
    public static ErrorRateBreaker defaults() {
        return new ErrorRateBreaker(200, 50, 0.2);
    }

    /** Records one outcome; returns whether the breaker is (now) tripped. */
    public synchronized boolean record(boolean failed) {
        if (seen == ring.length) {
            if (ring[next]) failures--;
        } else {
            seen++;
        }
        ring[next] = failed;
        if (failed) failures++;
        next = (next + 1) % ring.length;
        if (seen >= minSamples && failures >= threshold * seen) tripped = true;
        return tripped;
    }

    public synchronized boolean tripped() {
        return tripped;
    }

    public synchronized double errorRate() {
        return seen == 0 ? 0 : (double) failures / seen;
    }

    public synchronized void reset() {
        java.util.Arrays.fill(ring, false);
        next = seen = failures = 0;
        tripped = false;
    }
}
