package dev.nudge.mail;

import java.time.Duration;

/** Waits; injected so tests of rate limits and backoff advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) Thread.sleep(d);
    };
}
