package dev.nudge.core.processor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reserved for flows (DESIGN.md §9): a profile's active flow runs, run key → the run's encoded
 * value, which the flow engine will own. Empty until flows run inside the processor; it is part
 * of the state (and of its codec) now so that adding flows changes no layout. Immutable: every
 * change returns a copy, values are copied in and out. Keys are ordered, so encoding is
 * deterministic.
 */
public final class FlowRuns {
    public static final FlowRuns EMPTY = new FlowRuns(new TreeMap<>());

    private final TreeMap<String, byte[]> runs;

    private FlowRuns(TreeMap<String, byte[]> runs) {
        this.runs = runs;
    }

    public static FlowRuns of(Map<String, byte[]> runs) {
        FlowRuns out = EMPTY;
        for (Map.Entry<String, byte[]> e : runs.entrySet()) out = out.with(e.getKey(), e.getValue());
        return out;
    }

    /** A copy with run {@code key} set to {@code value}. */
    public FlowRuns with(String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of flow run " + key);
        if (key.isBlank()) throw new IllegalArgumentException("a flow run key must not be blank, got '" + key + "'");
        TreeMap<String, byte[]> m = new TreeMap<>(runs);
        m.put(key, value.clone());
        return new FlowRuns(m);
    }

    public FlowRuns without(String key) {
        if (!runs.containsKey(key)) return this;
        TreeMap<String, byte[]> m = new TreeMap<>(runs);
        m.remove(key);
        return new FlowRuns(m);
    }

    /** The run's value (a copy), or null. */
    public byte[] get(String key) {
        byte[] v = runs.get(key);
        return v == null ? null : v.clone();
    }

    public SortedSet<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(runs.keySet()));
    }

    public int size() {
        return runs.size();
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowRuns f) || f.runs.size() != runs.size()) return false;
        for (Map.Entry<String, byte[]> e : runs.entrySet()) if (!Arrays.equals(e.getValue(), f.runs.get(e.getKey()))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, byte[]> e : runs.entrySet()) h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        return h;
    }

    @Override
    public String toString() {
        return "FlowRuns" + runs.keySet();
    }
}
