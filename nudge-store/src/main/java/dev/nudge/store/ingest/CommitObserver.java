package dev.nudge.store.ingest;

/**
 * Told about every durable group commit, on the writer thread right after the synced write
 * returned: keep it cheap (a metric update), never block.
 */
@FunctionalInterface
public interface CommitObserver {
    CommitObserver NONE = (requests, events, writeNanos) -> {};

    /**
     * @param requests   requests in the group (HTTP calls, import chunks, outbox changes, ...)
     * @param events     their weight in events (what backpressure counts)
     * @param writeNanos the WAL-synced write alone: serialization, WAL append and fsync, memtable inserts
     */
    void committed(int requests, long events, long writeNanos);
}
