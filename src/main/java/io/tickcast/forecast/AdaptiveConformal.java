package io.tickcast.forecast;

import java.nio.ByteBuffer;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Prediction intervals for one horizon step: locally normalised, windowed split conformal with adaptive conformal
 * inference (ACI, Gibbs &amp; Candès 2021, "Adaptive conformal inference under distribution shift", NeurIPS).
 * Specification: {@code docs/forecasting-spec.md} §6. One instance per horizon step.
 *
 * <p>State: the last {@code window} scores {@code u}, the ACI level {@code α_t} (starts at {@code α₀ = 1 − level}),
 * and an exponentially weighted mean square {@code ς²} of the residuals with its count {@code n_e}.
 * <ul>
 *   <li>Normaliser for a new forecast: {@code ν = ς} once {@code n_e ≥ 5} (and {@code ς > 0}), else the caller's
 *       fallback ({@code s·√h}).</li>
 *   <li>Half-width, with {@code n} scores: while {@code n < n_min = ⌈1/α₀⌉ − 1} (9 at level 0.9: the fewest scores
 *       for which the conformal quantile rank {@code ⌈(n+1)(1 − α₀)⌉} is at most {@code n}), the warm-up normal
 *       interval {@code z · 1.25 · ν}, {@code z = Φ⁻¹(1 − α₀/2)} (1.64485… at level 0.9, from Hipparchus; the
 *       prototype has the constant 1.645), inflated by 1.25 for an estimated scale. Then {@code a = min(max(α_t, 1/(n+1)), 1)}, {@code rank = ⌈(n+1)(1 − a)⌉} (1-based, at
 *       least 1), {@code half = ν · u_(rank)} (the rank-th smallest score, by quickselect), or {@code ν · max u} if
 *       {@code rank > n}.</li>
 *   <li>Learning, when the actual {@code y} of a forecast {@code ŷ} with interval {@code [lo, hi]} and normaliser
 *       {@code ν} arrives: {@code u = min(|y − ŷ|/ν, 1e50)} joins the window (the oldest leaves);
 *       {@code miss = [y ∉ [lo, hi]]}; once more than {@code n_min + 1 = ⌈1/α₀⌉} scores are held (10 at level
 *       0.9), {@code α_t ← α_t + γ (α₀ − miss)}; then {@code ς² ← (1 − b) ς² + b e²} with
 *       {@code b = max(1 − 2^(−1/halfLife), 1/n_e)}, {@code e = y − ŷ} (so {@code ς² = e²} at the first;
 *       {@code e²} at most the largest double). The two bounds keep the half-width finite for every value within
 *       the parser's range (issue 20), where an error can be 1e200 normalisers.</li>
 * </ul>
 *
 * <h2>Guarantee</h2>
 * Summing the update over the {@code T} rounds where it ran gives the identity
 * {@code α_{T+1} = α₁ + γ Σ_t (α₀ − miss_t)}, i.e. {@code |mean(miss) − α₀| = |α_{T+1} − α₁| / (γT)}. Gibbs &amp;
 * Candès (Lemma 4.1) bound {@code α_t ∈ [−γ, 1 + γ]}, hence (their Proposition 4.1)
 * {@code |mean(miss) − α₀| ≤ (max(α₁, 1 − α₁) + γ)/(γT)}, for any sequence, without assumptions: their interval
 * is the whole line when {@code α_t ≤ 0} and empty when {@code α_t ≥ 1}. Here the interval stays finite (the
 * largest score when {@code α_t ≤ 1/(n+1)}, the smallest when {@code α_t ≥ 1}), so {@code α_t} can leave that range
 * by a few γ on rare runs; the identity holds regardless ({@link #missLevel()} exposes {@code α_t}).
 *
 * <p>Allocation-free after construction; not thread-safe.
 */
public final class AdaptiveConformal {

    /** The spec's defaults: level 0.9, window 100, γ = 0.03, residual half-life 30 ticks. */
    public static final double DEFAULT_LEVEL = 0.9;
    public static final int DEFAULT_WINDOW = 100;
    public static final double DEFAULT_GAMMA = 0.03;
    public static final int DEFAULT_HALF_LIFE = 30;

    private static final int TAG = 0x41434931; // "ACI1"
    private static final double WARM_UP_INFLATION = 1.25;
    private static final int MIN_RESIDUALS = 5;
    /** The largest score kept ({@link #learn}). */
    private static final double MAX_SCORE = 1e50;
    /** tag, level, window, γ, half-life, z, warm-up count, score count, α_t, ς², n_e: see {@link #writeState}. */
    private static final int HEADER_BYTES = 4 + 8 + 4 + 8 + 4 + 8 + 4 + 4 + 8 + 8 + 8;

    private final double level;
    private final int window;
    private final double gamma;
    private final int halfLife;
    private final double warmUpZ;
    private final int minScores;
    private final double alpha0;
    private final double ewRate;

    private final double[] scores;
    private final double[] scratch;
    private int head;
    private int count;
    private double alpha;
    private double residualSquare;
    private long residuals;

    /** Intervals with the spec's defaults (level 0.9, window 100, γ 0.03, half-life 30). */
    public AdaptiveConformal() {
        this(DEFAULT_LEVEL, DEFAULT_WINDOW, DEFAULT_GAMMA, DEFAULT_HALF_LIFE);
    }

    /**
     * @param level         the nominal coverage {@code 1 − α₀}, in (0, 1)
     * @param window        scores kept; at least {@code ⌈1/α₀⌉ + 1} so that the ACI update can run
     * @param gamma         the ACI step γ (finite, &gt;= 0)
     * @param halfLifeTicks half-life of the residual scale ς, in scored forecasts (&gt;= 1)
     */
    public AdaptiveConformal(double level, int window, double gamma, int halfLifeTicks) {
        this(level, window, gamma, halfLifeTicks, normalQuantile(level), minScores(level));
    }

    /**
     * The prototype's variant (for the agreement test): its warm-up z (the constant 1.645) and its warm-up count
     * (10 at level 0.9, because it evaluates {@code ⌈1/(1 − 0.9)⌉} in floating point, = ⌈10.000000000000002⌉ = 11).
     */
    AdaptiveConformal(double level, int window, double gamma, int halfLifeTicks, double warmUpZ, int minScores) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        if (!(gamma >= 0.0) || gamma == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, was " + gamma);
        }
        if (halfLifeTicks < 1) {
            throw new IllegalArgumentException("halfLifeTicks must be >= 1, was " + halfLifeTicks);
        }
        if (!(warmUpZ > 0.0) || warmUpZ == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("warm-up z must be finite and > 0, was " + warmUpZ);
        }
        if (minScores < 1) {
            throw new IllegalArgumentException("minimum scores must be >= 1, was " + minScores);
        }
        if (window < minScores + 2) {
            throw new IllegalArgumentException("window must be >= " + (minScores + 2) + " at level " + level
                    + " (the ACI update starts after " + (minScores + 1) + " scores), was " + window);
        }
        this.level = level;
        this.window = window;
        this.gamma = gamma;
        this.halfLife = halfLifeTicks;
        this.warmUpZ = warmUpZ;
        this.minScores = minScores;
        this.alpha0 = 1.0 - level;
        this.ewRate = 1.0 - Math.pow(2.0, -1.0 / halfLifeTicks);
        this.scores = new double[window];
        this.scratch = new double[window];
        this.alpha = alpha0;
    }

    /** {@code Φ⁻¹(1 − (1 − level)/2)}, the two-sided normal quantile (1.6448536… at level 0.9). */
    static double normalQuantile(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        return new NormalDistribution(0.0, 1.0).inverseCumulativeProbability(1.0 - (1.0 - level) / 2.0);
    }

    /** {@code ⌈1/α₀⌉ − 1}, with {@code 1/α₀} rounded to an integer when within 1e-9 of one (9 at level 0.9). */
    static int minScores(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        return Math.max(1, (int) Math.ceil(1.0 / (1.0 - level) - 1e-9) - 1);
    }

    /**
     * The normaliser ν whose warm-up interval has the half-width {@code halfWidth}: before the scale of a
     * series' changes is known, its forecasts get a half-width in its own units.
     */
    public double normaliserForWarmUpHalfWidth(double halfWidth) {
        return halfWidth / (warmUpZ * WARM_UP_INFLATION);
    }

    /**
     * The normaliser ν for a new forecast: the residual scale ς once 5 residuals were seen and while it is &gt; 0,
     * else {@code fallback}. (The prototype returns ς = 0 after 5 exact forecasts, e.g. on a series that starts
     * flat; every later score would then be skipped for its normaliser 0 and the intervals would stay at width 0
     * for ever. The fallback keeps them learning; with any non-zero residual the two agree.)
     */
    public double normaliser(double fallback) {
        return residuals >= MIN_RESIDUALS && residualSquare > 0.0 ? Math.sqrt(residualSquare) : fallback;
    }

    /**
     * The interval's half-width for a new forecast normalised by {@code nu} (from {@link #normaliser}): the warm-up
     * normal interval until {@code ⌈1/α₀⌉ − 1} scores, then {@code ν} times the ACI-level order statistic of the
     * scores (see the class comment).
     */
    public double halfWidth(double nu) {
        int n = count;
        if (n < minScores) {
            return warmUpZ * nu * WARM_UP_INFLATION;
        }
        double a = Math.min(Math.max(alpha, 1.0 / (n + 1)), 1.0);
        int rank = (int) Math.ceil((n + 1) * (1.0 - a));
        if (rank > n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, scores[i]);
            }
            return max * nu;
        }
        System.arraycopy(scores, 0, scratch, 0, n);
        return select(scratch, n, Math.max(rank, 1) - 1) * nu;
    }

    /**
     * Scores a forecast against its actual. Does nothing when {@code nu} is not finite and &gt; 0.
     *
     * @param actual   the actual value y (finite)
     * @param forecast the (final) forecast ŷ the interval was centred on (finite)
     * @param lower    the interval's lower end
     * @param upper    the interval's upper end
     * @param nu       the normaliser the forecast was made with
     * @throws IllegalArgumentException if {@code actual} or {@code forecast} is not finite (the state is then
     *                                  unchanged)
     */
    public void learn(double actual, double forecast, double lower, double upper, double nu) {
        if (!(nu > 0.0) || nu == Double.POSITIVE_INFINITY) {
            return;
        }
        if (!Double.isFinite(actual) || !Double.isFinite(forecast)) {
            throw new IllegalArgumentException("actual and forecast must be finite, were " + actual + ", " + forecast);
        }
        double err = actual - forecast;
        // Issue 20 (see the class comment); on real series a score stays below 4,100 (the quality bench's and M4's
        // hourly and weekly series), so there nothing changes.
        double score = Math.min(Math.abs(err) / nu, MAX_SCORE);
        if (count < window) {
            scores[count++] = score;
        } else {
            scores[head] = score;
            head = head + 1 == window ? 0 : head + 1;
        }
        double miss = lower <= actual && actual <= upper ? 0.0 : 1.0;
        if (count > minScores + 1) {
            alpha += gamma * (alpha0 - miss);
        }
        double e2 = Math.min(err * err, Double.MAX_VALUE);
        residuals++;
        if (residuals == 1) {
            residualSquare = e2;
        } else {
            double b = Math.max(ewRate, 1.0 / residuals);
            residualSquare = (1.0 - b) * residualSquare + b * e2;
        }
    }

    /**
     * The conformal p-value of an actual against the forecast made for it: with {@code u = |y − ŷ|/ν} and the
     * {@code n} scores held, {@code p = (1 + #{u_i ≥ u}) / (n + 1)} — how unusual the value is among the recent scaled
     * residuals. When the scores and the new one are exchangeable, {@code P(p ≤ a) ≤ a} for every {@code a}, with
     * equality at the multiples of {@code 1/(n + 1)}: so flagging {@code p ≤ 1 − level} flags a fraction
     * {@code ⌊(1 − level)(n + 1)⌋ / (n + 1)} of ordinary values (0.0099 at level 0.99 with 100 scores), and none at a
     * level whose {@code 1 − level < 1/(n + 1)}. Call it before {@link #learn} takes the same actual in.
     *
     * @return the p-value in (0, 1], or NaN without scores or with a normaliser that is not finite and &gt; 0
     */
    public double pValue(double actual, double forecast, double nu) {
        if (count == 0 || !(nu > 0.0) || nu == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double u = Math.min(Math.abs(actual - forecast) / nu, MAX_SCORE);
        int atLeast = 0;
        for (int i = 0; i < count; i++) {
            if (scores[i] >= u) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (count + 1.0);
    }

    /** The current ACI miss level {@code α_t} (starts at {@code 1 − level}). */
    public double missLevel() {
        return alpha;
    }

    /** The number of scores held (at most the window). */
    public int scoreCount() {
        return count;
    }

    /**
     * The k-th smallest (0-based) of {@code a[0..n)}, by quickselect with a three-way (Dijkstra) partition around
     * the middle element: O(n) on average, the value a full sort would give, ties handled in one pass. Reorders
     * {@code a}.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[lo + (hi - lo) / 2];
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double x = a[i];
                if (x < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = x;
                } else if (x > pivot) {
                    a[i] = a[gt];
                    a[gt--] = x;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    /** Bytes {@link #writeState} writes now: 68 + 8 per score held. */
    public int stateBytes() {
        return HEADER_BYTES + 8 * count;
    }

    /** Bytes {@link #writeState} writes once the window is full: the most it ever writes. */
    public int maxStateBytes() {
        return HEADER_BYTES + 8 * window;
    }

    /**
     * Writes the state at {@code out}'s position: a tag, the configuration (level, window, γ, half-life, warm-up z,
     * warm-up count), the score count, α_t, ς², n_e, the oldest-first scores (doubles as raw IEEE bits).
     */
    public void writeState(ByteBuffer out) {
        out.putInt(TAG);
        out.putLong(Double.doubleToRawLongBits(level));
        out.putInt(window);
        out.putLong(Double.doubleToRawLongBits(gamma));
        out.putInt(halfLife);
        out.putLong(Double.doubleToRawLongBits(warmUpZ));
        out.putInt(minScores);
        out.putInt(count);
        out.putLong(Double.doubleToRawLongBits(alpha));
        out.putLong(Double.doubleToRawLongBits(residualSquare));
        out.putLong(residuals);
        for (int i = 0; i < count; i++) {
            int j = head + i;
            out.putLong(Double.doubleToRawLongBits(scores[j < window ? j : j - window]));
        }
    }

    /**
     * Replaces the state with what {@link #writeState} wrote; afterwards the intervals continue bit-identically.
     * The state must be of this level, window and warm-up; γ and the half-life are rates, not dimensions: a state
     * written with others (a changed {@code interval.gamma} or {@code interval.halflife}, or a series record of
     * format 5 or older, whose steps beyond the first all had step 1's rates) is read, and continues at this
     * instance's rates.
     *
     * @throws IllegalArgumentException if the bytes are not an interval state of this configuration (the state is
     *                                  then unchanged)
     */
    public void readState(ByteBuffer in) {
        int p = in.position();
        int tag = in.remaining() >= 4 ? in.getInt(p) : 0;
        if (tag != TAG) {
            throw new IllegalArgumentException(String.format("not an adaptive-conformal state (tag 0x%08x)", tag));
        }
        if (in.remaining() < HEADER_BYTES) {
            throw new IllegalArgumentException("conformal state truncated: " + in.remaining() + " bytes");
        }
        double level0 = Double.longBitsToDouble(in.getLong(p + 4));
        int window0 = in.getInt(p + 12);
        double z0 = Double.longBitsToDouble(in.getLong(p + 28));
        int minScores0 = in.getInt(p + 36);
        if (Double.doubleToRawLongBits(level0) != Double.doubleToRawLongBits(level) || window0 != window
                || Double.doubleToRawLongBits(z0) != Double.doubleToRawLongBits(warmUpZ) || minScores0 != minScores) {
            throw new IllegalArgumentException("conformal state is for (level " + level0 + ", window " + window0
                    + ", z " + z0 + ", warm-up " + minScores0 + "), this one is (level " + level + ", window " + window
                    + ", z " + warmUpZ + ", warm-up " + minScores + ")");
        }
        int count0 = in.getInt(p + 40);
        long residuals0 = in.getLong(p + 60);
        if (count0 < 0 || count0 > window || residuals0 < 0) {
            throw new IllegalArgumentException("conformal state has " + count0 + " scores (window " + window
                    + ") and " + residuals0 + " residuals");
        }
        if (in.remaining() < HEADER_BYTES + 8 * count0) {
            throw new IllegalArgumentException("conformal state truncated: " + in.remaining() + " of "
                    + (HEADER_BYTES + 8 * count0) + " bytes");
        }
        in.position(p + 44);
        alpha = Double.longBitsToDouble(in.getLong());
        residualSquare = Double.longBitsToDouble(in.getLong());
        residuals = in.getLong();
        count = count0;
        head = 0;
        for (int i = 0; i < count0; i++) {
            scores[i] = Double.longBitsToDouble(in.getLong());
        }
    }
}
