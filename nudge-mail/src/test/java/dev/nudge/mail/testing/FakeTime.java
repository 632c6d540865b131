package dev.nudge.mail.testing;

import dev.nudge.mail.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock tests move by hand, and a sleeper that moves it instead of sleeping (and records each wait). */
public final class FakeTime implements InstantSource, Sleeper {
    private volatile Instant now;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        advance(d);
    }
}
