package dev.nudge.bench.workload;

/**
 * The numbers the generator draws from, and where each comes from. Figures marked "calibrated" were
 * measured on the public datasets in {@code ../shared/data} ({@code CalibrationTest} recomputes them
 * from the files and fails if they drift); the others are assumptions, stated in
 * {@code docs/BENCHMARKS.md} as such.
 */
final class Calibration {

    private Calibration() {
    }

    // ---- purchases: the BG/NBD model with the parameters published for CDNOW (calibrated) ----

    /** BG/NBD shape of the purchase-rate gamma, per week (Fader, Hardie &amp; Lee 2005, CDNOW). */
    static final double BGNBD_R = 0.243;
    /** BG/NBD rate (scale parameter alpha, weeks) of the purchase-rate gamma. */
    static final double BGNBD_ALPHA = 4.414;
    /** BG/NBD beta parameters of the drop-out probability after each purchase. */
    static final double BGNBD_A = 0.793;
    static final double BGNBD_B = 2.426;

    /**
     * Items per order: CDNOW master, the share of transactions with 1..10 CDs (69,579 transactions
     * with a positive count and value; the 1.2 % above 10 are folded into 10). Calibrated.
     */
    static final double[] ITEMS_PER_ORDER = {
        0.4509, 0.2310, 0.1357, 0.0721, 0.0401, 0.0234, 0.0152, 0.0098, 0.0058, 0.0042 + 0.0118};

    /**
     * Unit price in dollars: the 21 vigintiles (0 %, 5 %, ..., 100 %) of dollar value per CD over the
     * CDNOW master file; a price is drawn by interpolating between neighbours. Calibrated.
     */
    static final double[] UNIT_PRICE_VIGINTILES = {
        0.99, 9.19, 10.49, 11.49, 11.77, 12.28, 12.69, 12.99, 13.37, 13.83, 13.99,
        14.37, 14.62, 14.96, 15.16, 15.49, 16.49, 18.27, 20.99, 27.03, 60.00};
    // the last vigintile of the data is 305.99 (a few bulk orders); capped at 60 so one outlier
    // product does not dominate revenue sums at small sizes.

    // ---- sessions (calibrated on Epub: downloads per session, 15,729 sessions) ----

    /**
     * Page views per session: the Epub share of sessions with 1..10 downloads (the 0.8 % with more are
     * folded into 10). Epub records one timestamp per session, so the gaps inside a session are NOT
     * calibrated: see {@link #PAGE_GAP_MEAN_SECONDS}.
     */
    static final double[] PAGES_PER_SESSION = {
        0.7384, 0.1392, 0.0543, 0.0260, 0.0126, 0.0077, 0.0059, 0.0032, 0.0027, 0.0022 + 0.0079};

    // ---- assumptions (not calibrated: no public dataset here records them) ----

    /** Mean seconds between two events of one session (exponential). Assumption. */
    static final double PAGE_GAP_MEAN_SECONDS = 40;
    /** Mean sessions per week of a registered profile; each draws its own rate from a gamma(2, mean/2). */
    static final double SESSIONS_PER_WEEK = 0.8;
    /** Share of profiles that are anonymous visitors who never sign up. */
    static final double NEVER_SIGN_UP = 0.25;
    /** Chance a page view is a product page (then a {@code Product Viewed} follows). */
    static final double PRODUCT_VIEW_PER_PAGE = 0.55;
    /** Chance a viewed product is added to the cart. */
    static final double ADD_PER_VIEW = 0.18;
    /** Chance a session with a filled cart (and no order) starts a checkout it then abandons. */
    static final double ABANDONED_CHECKOUT = 0.35;
    /** Marketing emails: one campaign a week, to every registered, subscribed profile. */
    static final int CAMPAIGN_EVERY_DAYS = 7;
    /** Mean human open rate (each profile draws its own from a beta with this mean). */
    static final double HUMAN_OPEN_RATE = 0.22;
    /** Share of profiles behind a machine opener (Apple Mail Privacy Protection and the like). */
    static final double MACHINE_OPENER_SHARE = 0.35;
    /** Clicks per human open. */
    static final double CLICK_PER_OPEN = 0.12;
    /** Plans at sign-up: free, pro, business. */
    static final double[] PLAN_SHARES = {0.70, 0.22, 0.08};
    /** Chance a registered profile changes plan once during the window. */
    static final double PLAN_CHANGE = 0.06;
    /** Chance a registered profile unsubscribes during the window. */
    static final double UNSUBSCRIBE = 0.06;
    /** Chance a registered profile's address hard-bounces during the window. */
    static final double BOUNCE = 0.01;
    /** Number of products in the catalogue and of categories. */
    static final int PRODUCTS = 500;
    static final String[] CATEGORIES = {
        "books", "music", "shoes", "outdoor", "kitchen", "toys", "beauty", "electronics"};
    /** Category popularity (Zipf-like, assumption). */
    static final double[] CATEGORY_SHARES = {0.24, 0.18, 0.15, 0.12, 0.10, 0.09, 0.07, 0.05};
}
