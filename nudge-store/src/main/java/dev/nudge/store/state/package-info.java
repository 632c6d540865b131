/**
 * The embedded runtime's implementation of the storage-neutral state interface
 * ({@code dev.nudge.core.state}), built by wrapping (STYLE.md §3):
 * {@link dev.nudge.store.state.MeteredProfileStates} → {@link dev.nudge.store.state.CachingProfileStates}
 * → {@link dev.nudge.store.state.RocksProfileStates}, all over the writer's Txn of the moment
 * ({@link dev.nudge.store.state.CurrentTxn}). Keys come only from {@code StoreKeys}.
 */
package dev.nudge.store.state;
