package dev.nudge.core.intelligence.rfm;

/**
 * The named RFM groups marketers use, assigned from the recency score R and the combined
 * frequency-monetary score FM = round-half-up((F + M) / 2), both on a 1–5 scale, by this grid
 * (rows R, columns FM; documented in docs/intelligence.md):
 * <pre>
 *        FM=1            FM=2                FM=3                FM=4     FM=5
 *   R=5  New             Potential Loyalist  Potential Loyalist  Loyal    Champions
 *   R=4  Promising       Potential Loyalist  Potential Loyalist  Loyal    Champions
 *   R=3  About to Sleep  About to Sleep      Need Attention      Loyal    Loyal
 *   R=2  Hibernating     Hibernating         At Risk             At Risk  Can't Lose
 *   R=1  Lost            Lost                At Risk             At Risk  Can't Lose
 * </pre>
 * Why this grid: recency decides whether a customer is still with us (rows), and frequency and
 * monetary together decide how much they are worth (columns); valuable customers who went quiet are
 * the "At Risk" and "Can't Lose" cells a win-back flow targets, recent low-value ones are "New".
 */
public enum RfmGroup {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALIST("Potential Loyalist"),
    NEW("New"),
    PROMISING("Promising"),
    NEED_ATTENTION("Need Attention"),
    ABOUT_TO_SLEEP("About to Sleep"),
    AT_RISK("At Risk"),
    CANT_LOSE("Can't Lose"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private static final RfmGroup[][] GRID = {
        // FM = 1 .. 5, for R = 1 .. 5
        {LOST, LOST, AT_RISK, AT_RISK, CANT_LOSE},
        {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE},
        {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},
        {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS},
        {NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS},
    };

    private final String label;

    RfmGroup(String label) {
        this.label = label;
    }

    /** The display name, also the value of the computed trait {@code rfm.group}. */
    public String label() {
        return label;
    }

    /** The group of scores r, f, m on a 1–{@code bins} scale; other scales are first mapped to 1–5 ({@link #toFive}). */
    public static RfmGroup of(int r, int f, int m, int bins) {
        int r5 = toFive(r, bins), f5 = toFive(f, bins), m5 = toFive(m, bins);
        int fm = (f5 + m5 + 1) / 2;
        return GRID[r5 - 1][fm - 1];
    }

    /**
     * round-half-up(1 + 4 (s − 1) / (bins − 1)): the linear map of 1..bins onto 1..5, so the lowest and
     * highest scores of any scale are the lowest and highest levels of the grid.
     */
    static int toFive(int s, int bins) {
        if (s < 1 || s > bins) throw new IllegalArgumentException("score " + s + " is outside 1.." + bins);
        return 1 + (8 * (s - 1) + bins - 1) / (2 * (bins - 1));
    }
}
