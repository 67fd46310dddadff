package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * The final shrinkage of one horizon step's aggregate towards persistence: a positive-part James–Stein shrink of the
 * aggregate's forecast change (James &amp; Stein 1961; the positive part as in Baranchik 1964). Specification:
 * {@code docs/forecasting-spec.md} §5.5. One instance per horizon step.
 *
 * <p>With {@code δ = ŷ_raw − y_base} the raw aggregate's forecast change, {@code a = y − y_base} the actual change
 * ({@code y_base}: the last value when the forecast was made) and {@code s} the change scale at forecast time, the
 * state is the sums over the scored forecasts, forgotten with a half-life of 200 forecasts (λ = 2^(−1/200); issue 22)
 * <pre>
 *   S_xy = Σ λ^age x y,   S_xx = Σ λ^age x²,   S_yy = Σ λ^age y²,   x = δ/s, y = a/s,   N = their count,
 *   N_eff = Σ_{i<N} λ^i,
 * </pre>
 * where, from the 4th scored forecast on, x and y are winsorised to ±5 r, r = √(S_yy/N_eff) the RMS of the actual
 * changes so far ({@link #changeBound}): one wild forecast (1e12 scales at step 45 on M4 Hourly) made S_xx so large
 * that ĝ was 0 for the rest of the series; bounded and forgotten, a step's gain recovers. The gain, for a new
 * forecast, if {@code S_xx > 0} and {@code N ≥ 3}:
 * <pre>
 *   ĝ  = S_xy / S_xx                                   (least-squares calibration of a on δ, through 0)
 *   σ² = max(S_yy − ĝ S_xy, 1e-300) / (N_eff − 1)      (its residual variance)
 *   T² = ĝ² S_xx / σ²                                  (squared t-statistic of ĝ = 0)
 *   g  = clamp(ĝ · max(0, 1 − c/T²), 0, 1)  (0 if T² ≤ 0),   c = 2 by default;
 * </pre>
 * else {@code g = 0}. A forecast whose term would exceed 1e100 adds its changes in units of s bounded to ±1e50 (so the
 * sums stay finite for every value within the parser's range). The final forecast is {@code y_base + g (ŷ_raw − y_base)}. On a random walk the aggregate's
 * change carries no information about the actual one, {@code T²} is about χ²₁ (exceeding c = 2 with probability
 * ≈ 0.16, and then {@code ĝ} itself is O(1/√N)), so the forecast stays at persistence; on a learnable series
 * {@code T²} grows ∝ N and {@code g → ĝ ≈ 1}.
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class PersistenceShrink {

    /** The spec's shrink constant. */
    public static final double DEFAULT_C = 2.0;

    private static final int TAG = 0x50534852; // "PSHR"
    private static final int MIN_COUNT = 3;
    /** The largest term a forecast adds to a sum ({@link #learn}), and the largest change in units of the scale. */
    private static final double MAX_TERM = 1e100;
    private static final double MAX_CHANGE = 1e50;

    /** The sums' half-life, in scored forecasts: an old term weighs half as much 200 forecasts later. */
    public static final double HALF_LIFE = 200.0;
    /** A single change, forecast or actual, counts with at most this many times the RMS of the actual changes. */
    public static final double CLIP = 5.0;
    private final double c;
    /** λ = 2^(−1/half-life), the factor every sum is multiplied by before a new term is added (1: no forgetting). */
    private final double decay;
    /** The winsorising bound in RMS of the actual changes (infinite: none). */
    private final double clip;
    private double sxy;
    private double sxx;
    private double syy;
    private long count;

    /** A shrink with the spec's constant c = 2. */
    public PersistenceShrink() {
        this(DEFAULT_C);
    }

    /** A shrink with constant {@code c} (finite, &gt;= 0; c = 0 is the plain clamped least-squares gain). */
    public PersistenceShrink(double c) {
        this(c, HALF_LIFE, CLIP);
    }

    /**
     * A shrink with constant {@code c}, the sums' half-life (in scored forecasts; infinite: no forgetting) and the
     * winsorising bound (infinite: none). {@link #spec} is both infinite.
     */
    PersistenceShrink(double c, double halfLife, double clip) {
        if (!(c >= 0.0) || c == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("c must be finite and >= 0, was " + c);
        }
        if (!(halfLife > 0.0) || !(clip > 0.0)) {
            throw new IllegalArgumentException("half-life and clip must be > 0, were " + halfLife + ", " + clip);
        }
        this.c = c;
        this.decay = halfLife == Double.POSITIVE_INFINITY ? 1.0 : Math.pow(0.5, 1.0 / halfLife);
        this.clip = clip;
    }

    /** The specification's shrink (§5.5, the prototype's), without issue 22's forgetting and winsorising. */
    static PersistenceShrink spec() {
        return new PersistenceShrink(DEFAULT_C, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The gain g ∈ [0, 1] for a new forecast: 0 until 3 forecasts were scored (see the class comment). */
    public double gain() {
        if (!(sxx > 0.0) || count < MIN_COUNT) {
            return 0.0;
        }
        double gHat = sxy / sxx;
        double sigma2 = Math.max(syy - gHat * sxy, 1e-300) / (effectiveCount() - 1);
        double t2 = gHat * gHat * sxx / sigma2;
        double g = t2 > 0.0 ? gHat * Math.max(0.0, 1.0 - c / t2) : 0.0;
        return Math.min(1.0, Math.max(0.0, g));
    }

    /**
     * Scores one forecast.
     *
     * @param rawChange    {@code δ = ŷ_raw − y_base}, the raw aggregate's change (before this shrink)
     * @param actualChange {@code a = y − y_base}
     * @param scale        the change scale when the forecast was made (finite, &gt; 0)
     * @throws IllegalArgumentException on a non-finite change or a scale that is not finite and &gt; 0 (the state
     *                                  is then unchanged)
     */
    public void learn(double rawChange, double actualChange, double scale) {
        if (!(scale > 0.0) || scale == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("scale must be finite and > 0, was " + scale);
        }
        if (!Double.isFinite(rawChange) || !Double.isFinite(actualChange)) {
            throw new IllegalArgumentException("changes must be finite, were " + rawChange + ", " + actualChange);
        }
        double s2 = scale * scale;
        double xy = actualChange * rawChange / s2;
        double xx = rawChange * rawChange / s2;
        double yy = actualChange * actualChange / s2;
        if (!(Math.abs(xy) <= MAX_TERM && xx <= MAX_TERM && yy <= MAX_TERM)) {
            // Issue 20: within the parser's range a change can be 1e200 scales (1e100 against 1e-100), whose square
            // overflows; in units of the scale, each change bounded to ±1e50. On real series a term stays below
            // 1e14 (the quality bench's and M4's hourly and weekly series), so there nothing changes.
            double x = Math.max(-MAX_CHANGE, Math.min(MAX_CHANGE, rawChange / scale));
            double y = Math.max(-MAX_CHANGE, Math.min(MAX_CHANGE, actualChange / scale));
            xy = y * x;
            xx = x * x;
            yy = y * y;
        }
        if (count >= MIN_COUNT && clip < Double.POSITIVE_INFINITY) {
            // Issue 22: a forecast change, or an actual one, beyond CLIP times the RMS of the actual changes so far
            // counts as that much (winsorised), so one wild forecast cannot take S_xx to 1e24 and ĝ to 0 for good, nor
            // one jump of 1000 scales (a daily peak while the scale still knew only the night) S_yy and T² with it.
            double bound = changeBound(scale) / scale;
            double x = Math.max(-bound, Math.min(bound, rawChange / scale));
            double y = Math.max(-bound, Math.min(bound, actualChange / scale));
            if (x * x < xx || y * y < yy) {
                xy = x * y;
                xx = x * x;
                yy = y * y;
            }
        }
        sxy = decay * sxy + xy;
        sxx = decay * sxx + xx;
        syy = decay * syy + yy;
        count++;
    }

    /** N_eff = Σ_{i<N} λ^i = (1 − λ^N)/(1 − λ), the forgetting's weight of the N scored forecasts (N without it). */
    private double effectiveCount() {
        return decay == 1.0 ? count : (1.0 - Math.pow(decay, count)) / (1.0 - decay);
    }

    /**
     * The largest change, forecast or actual, a scored forecast counts with ({@link #learn}) once 3 were scored:
     * {@code CLIP · s · r}, r the RMS of the (winsorised) actual changes so far in units of s; infinite before, and
     * while every actual change was 0 (a bound of 0 would hold every later term at 0, and the gain with it, for good).
     */
    public double changeBound(double scale) {
        if (count < MIN_COUNT || !(syy > 0.0) || clip == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return clip * scale * Math.sqrt(syy / effectiveCount());
    }

    /**
     * The forgotten mean square of the shrunk forecasts' errors, in units of the scale²:
     * {@code (S_yy − 2g S_xy + g² S_xx) / N_eff} with g the current {@link #gain} (for g = 0, the mean square of
     * the actual changes: the anchor's own error); infinite before the first scored forecast. It ranks shrinks of
     * one step towards different anchors ({@code Panel}).
     */
    public double meanSquaredError() {
        if (count == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double g = gain();
        return Math.max(0.0, syy - 2.0 * g * sxy + g * g * sxx) / effectiveCount();
    }

    /** The number of scored forecasts N. */
    public long count() {
        return count;
    }

    /** Bytes {@link #writeState} writes: 44. */
    public int stateBytes() {
        return 4 + 8 + 3 * 8 + 8;
    }

    /** Writes the state at {@code out}'s position: a tag, c, S_xy, S_xx, S_yy (raw IEEE bits), N. */
    public void writeState(ByteBuffer out) {
        out.putInt(TAG);
        out.putLong(Double.doubleToRawLongBits(c));
        out.putLong(Double.doubleToRawLongBits(sxy));
        out.putLong(Double.doubleToRawLongBits(sxx));
        out.putLong(Double.doubleToRawLongBits(syy));
        out.putLong(count);
    }

    /**
     * Replaces the state with what {@link #writeState} wrote; afterwards the shrink continues bit-identically.
     *
     * @throws IllegalArgumentException if the bytes are not a shrink state with this c (the state is then unchanged)
     */
    public void readState(ByteBuffer in) {
        int p = in.position();
        int tag = in.remaining() >= 4 ? in.getInt(p) : 0;
        if (tag != TAG) {
            throw new IllegalArgumentException(String.format("not a persistence-shrink state (tag 0x%08x)", tag));
        }
        if (in.remaining() < stateBytes()) {
            throw new IllegalArgumentException("shrink state truncated: " + in.remaining() + " of " + stateBytes() + " bytes");
        }
        double c0 = Double.longBitsToDouble(in.getLong(p + 4));
        if (Double.doubleToRawLongBits(c0) != Double.doubleToRawLongBits(c)) {
            throw new IllegalArgumentException("shrink state has c = " + c0 + ", this shrink has c = " + c);
        }
        long n0 = in.getLong(p + 36);
        if (n0 < 0) {
            throw new IllegalArgumentException("shrink state has a negative count " + n0);
        }
        in.position(p + 12);
        sxy = Double.longBitsToDouble(in.getLong());
        sxx = Double.longBitsToDouble(in.getLong());
        syy = Double.longBitsToDouble(in.getLong());
        count = in.getLong();
    }
}
