/**
 * Benchmarks of the segment engine against the bars of DESIGN.md §14, results in
 * docs/benchmarks-engine.md, run by {@code bench/engine.sh}:
 * <ul>
 *   <li>{@link dev.nudge.bench.engine.EngineScaling}: per-event cost of the pure engine at growing
 *       populations, and the encoded state size per profile;</li>
 *   <li>{@link dev.nudge.bench.engine.StoreScaling}: the same through {@code IngestWriter} and
 *       {@code SegmentRuntime} over RocksDB, and the STATE column's space per profile;</li>
 *   <li>{@link dev.nudge.bench.engine.TransitionLatency}: event → durable transition at a steady rate;</li>
 *   <li>{@link dev.nudge.bench.engine.TimerLateness}: firing − due of real-clock timers.</li>
 * </ul>
 * Events come from the workload generator ({@link dev.nudge.bench.engine.SampleWorkload}), segments
 * are the 20 benchmark segments ({@link dev.nudge.bench.engine.BenchCatalog}). Nothing here asserts a
 * time: the programs print what they measure beside the load average, and the tests check behaviour.
 */
package dev.nudge.bench.engine;
