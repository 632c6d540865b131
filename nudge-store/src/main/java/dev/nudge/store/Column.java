package dev.nudge.store;

import java.nio.charset.StandardCharsets;

/** The column families of the store; every key layout of every column is owned and documented by {@link StoreKeys}. */
public enum Column {
    EVENTS, PROFILES, IDS, MESSAGES, EMAILS, META,
    /** Extension state (segment memberships, timers, flow runs, outbox), namespaced by key prefix. */
    STATE;

    byte[] cfName() {
        return name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
