package dev.nudge.core.segment;

import java.time.Instant;

/**
 * One profile's segment state: memberships (with the instant each began), per-segment due
 * instants, and the small per-condition states of {@link LeafState}. Immutable; the engine returns
 * a new one from every call. {@link #encode()} gives the compact form a store keeps as one value
 * per profile, {@link #decode(byte[])} reads it back.
 *
 * <p>Layout (all integers LEB128 varints, signed ones zigzag): catalog fingerprint, asOf, segment
 * count, then per segment (since: 0 = not a member, else 1 + zigzag(asOf − since)) and
 * (due: 0 = none, else 1 + zigzag(due − asOf)), then leaf count and each leaf (tag byte + payload).
 * Times are epoch milliseconds.
 */
public final class ProfileSegmentState {
    static final long NEVER = Long.MIN_VALUE;
    static final long NONE = Long.MAX_VALUE;

    final int fingerprint;
    final long asOf;
    final long[] since; // NEVER = not a member
    final long[] due;   // NONE = no timer
    final LeafState[] leaves;

    ProfileSegmentState(int fingerprint, long asOf, long[] since, long[] due, LeafState[] leaves) {
        this.fingerprint = fingerprint;
        this.asOf = asOf;
        this.since = since;
        this.due = due;
        this.leaves = leaves;
    }

    static ProfileSegmentState initial(int fingerprint, int segments, int leaves) {
        long[] s = new long[segments];
        long[] d = new long[segments];
        java.util.Arrays.fill(s, NEVER);
        java.util.Arrays.fill(d, NONE);
        return new ProfileSegmentState(fingerprint, NEVER, s, d, new LeafState[leaves]);
    }

    /** The instant this state has been evaluated up to, or null if never evaluated. */
    public Instant asOf() {
        return asOf == NEVER ? null : Instant.ofEpochMilli(asOf);
    }

    /** The earliest instant the answer could change with no new input, or null. */
    public Instant nextDue() {
        long m = NONE;
        for (long d : due) m = Math.min(m, d);
        return m == NONE ? null : Instant.ofEpochMilli(m);
    }

    long nextDueMillis() {
        long m = NONE;
        for (long d : due) m = Math.min(m, d);
        return m;
    }

    /** The fingerprint of the catalog this state was built with ({@link SegmentCatalog#fingerprint()}). */
    public int catalogFingerprint() {
        return fingerprint;
    }

    public byte[] encode() {
        Bytes.Out o = new Bytes.Out();
        o.zigzag(fingerprint);
        o.zigzag(asOf);
        long base = asOf == NEVER ? 0 : asOf;
        o.varint(since.length);
        for (int i = 0; i < since.length; i++) {
            o.varlong(since[i] == NEVER ? 0 : 1 + zz(base - since[i]));
            o.varlong(due[i] == NONE ? 0 : 1 + zz(due[i] - base));
        }
        o.varint(leaves.length);
        for (LeafState l : leaves) LeafState.write(l, o);
        return o.toByteArray();
    }

    public static ProfileSegmentState decode(byte[] bytes) {
        Bytes.In in = new Bytes.In(bytes);
        int fp = (int) in.zigzag();
        long asOf = in.zigzag();
        long base = asOf == NEVER ? 0 : asOf;
        int n = in.varint();
        long[] since = new long[n];
        long[] due = new long[n];
        for (int i = 0; i < n; i++) {
            long s = in.varlong();
            since[i] = s == 0 ? NEVER : base - unzz(s - 1);
            long d = in.varlong();
            due[i] = d == 0 ? NONE : base + unzz(d - 1);
        }
        LeafState[] leaves = new LeafState[in.varint()];
        for (int i = 0; i < leaves.length; i++) leaves[i] = LeafState.read(in);
        if (!in.done()) throw new IllegalArgumentException("corrupt segment state: trailing bytes; rebuild the profile's state from history");
        return new ProfileSegmentState(fp, asOf, since, due, leaves);
    }

    private static long zz(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzz(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileSegmentState s && java.util.Arrays.equals(encode(), s.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "ProfileSegmentState[asOf=" + asOf() + ", nextDue=" + nextDue() + ", bytes=" + encode().length + "]";
    }
}
