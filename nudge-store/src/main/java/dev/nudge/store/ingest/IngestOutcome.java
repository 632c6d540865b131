package dev.nudge.store.ingest;

/** What one accepted request did: events stored, and events skipped because their messageId was already seen. */
public record IngestOutcome(int accepted, int duplicates) {}
