package dev.nudge.core.segment;

/** Why a membership changed. Flows ignore {@link #BACKFILL} transitions unless told otherwise. */
public enum Cause {
    /** An event of interest arrived. */
    EVENT,
    /** Time alone: a window expired, an inactivity threshold or a not_followed_by deadline passed. */
    TIME,
    /** Traits changed (identify) with no event the segment mentions. */
    TRAITS,
    /** Two profiles merged and the merged history was re-evaluated once. */
    MERGE,
    /** A new or changed segment was computed over stored history. */
    BACKFILL
}
