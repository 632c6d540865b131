/**
 * The storage-neutral persistence interface of the per-profile processor (DESIGN.md §5, §13): what
 * a runtime must keep for {@link dev.nudge.core.processor.ProfileProcessor} to run, one small
 * interface per job, so the embedded runtime (RocksDB, in {@code nudge-store}) and the Kafka
 * runtime (state stores) implement the same seam.
 *
 * <ul>
 *   <li>{@link dev.nudge.core.state.ProfileStates}: a profile's state, get/put/delete.</li>
 *   <li>{@link dev.nudge.core.state.ProfileEvents}: a profile's stored events in time order.</li>
 *   <li>{@link dev.nudge.core.state.DueIndex}: when each profile is next due, and who is due by an instant.</li>
 * </ul>
 *
 * <p>Not here yet, on purpose: the outbox (send requests are not yet an output the runtime
 * enqueues; today's outbox is the mail package's own store, with statuses and retries the
 * processor does not need) and definitions (the segment catalog is installed into the processor,
 * not read per step). Each becomes an interface here when the processor first needs it.
 *
 * <p>Contract shared by all: no I/O is implied by the interface (an implementation may be a map);
 * calls for one runtime are made from one thread (the writer, or a stream task), so
 * implementations need not be thread-safe; what a put writes is visible to the next get at once,
 * and is durable only when the runtime's write that contains it is. Nullness: non-null unless
 * documented.
 */
package dev.nudge.core.state;
