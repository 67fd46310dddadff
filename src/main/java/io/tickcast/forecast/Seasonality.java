package io.tickcast.forecast;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.hipparchus.special.Beta;

/**
 * The seasonal period of one series and whether its season is confirmed (spec §4.2, §4.3; prototype
 * {@code period_from_spacing}, {@code f_seasonal_pvalue} and the season flag of {@code Forecaster.step}).
 *
 * <p>{@link #observe} once per tick, after the value is in the history. The period is decided at the
 * {@value #TIMESTAMPS}th tick: an explicit period if one was configured, else the candidate from the median of the
 * first five spacings ({@link #periodFromSpacing}); either way a period above ⌊ring/3⌋ becomes 1 (as in the
 * prototype). {@link #period()} is 0 before, then the period (1 = none).
 *
 * <p>Confirmation, when the period m &gt; 1: an explicit period is trusted ({@link #on()} from the 6th tick on).
 * Otherwise at every tick with n ≡ 0 (mod m) and n ≥ 2m (n = {@link History#observed()}), the F-test for stable
 * seasonality ({@link #stableSeasonalityPValue}) on the last min(count, ring) values; the flag switches on at
 * p &lt; {@value #P_ON} and, once on, stays on while p &lt; {@value #P_OFF} (hysteresis); between tests it is kept.
 * O(ring) every m ticks, no allocation after construction.
 */
public final class Seasonality {

    /** Values the product's ring keeps. */
    public static final int RING = 400;
    /** Timestamps read for the candidate period. */
    public static final int TIMESTAMPS = 6;
    public static final double P_ON = 0.01;
    public static final double P_OFF = 0.10;

    private static final double HOUR = 3600e3;
    private static final double DAY = 86400e3;

    private final int explicitPeriod;
    private final int ring;
    private final long[] first = new long[TIMESTAMPS];
    private final double[] window;
    private final double[] phaseSum;
    private final double[] phaseCount;
    private int seen;
    /** The median spacing of {@link #first}, once all six are seen (derived, not stored). */
    private long spacing;
    private int period;
    private boolean on;
    private double lastP = Double.NaN;

    /**
     * @param explicitPeriod the configured {@code season.period}: &gt; 0 overrides the inference and is trusted;
     *                       0 = infer from the timestamps
     * @param ring           values the history keeps (≥ 3): the F-test's window and the ⌊ring/3⌋ cap
     */
    public Seasonality(int explicitPeriod, int ring) {
        if (explicitPeriod < 0) {
            throw new IllegalArgumentException("explicit period must be >= 0 (0 = infer), got " + explicitPeriod);
        }
        if (ring < 3) {
            throw new IllegalArgumentException("ring must be >= 3, got " + ring);
        }
        this.explicitPeriod = explicitPeriod;
        this.ring = ring;
        int maxPeriod = maxPeriod(ring);
        this.window = new double[ring];
        this.phaseSum = new double[maxPeriod];
        this.phaseCount = new double[maxPeriod];
    }

    /** Inferred period, the product's ring. */
    public static Seasonality inferred() {
        return new Seasonality(0, RING);
    }

    /** The largest usable period for a ring: ⌊ring/3⌋ (the test needs 2m values, and some margin). */
    public static int maxPeriod(int ring) {
        return ring / 3;
    }

    /** 0 until the 6th tick, then the period (1 = none). */
    public int period() {
        return period;
    }

    /** Whether the season is confirmed (or trusted): the seasonal experts are used only while it is. */
    public boolean on() {
        return on;
    }

    /** The median spacing of the first six timestamps (ms); 0 before the sixth tick. */
    public long spacingMs() {
        return spacing;
    }

    /** The p-value of the latest F-test, NaN before the first. */
    public double lastPValue() {
        return lastP;
    }

    /** Whether the period was configured rather than inferred. */
    public boolean explicit() {
        return explicitPeriod > 0;
    }

    /**
     * One tick: the timestamp (only the first six are used) and the history, whose latest value is this tick's.
     */
    public void observe(long tsMs, History history) {
        if (period == 0) {
            first[seen++] = tsMs;
            if (seen == TIMESTAMPS) {
                spacing = medianSpacing(first);
                int m = explicitPeriod > 0 ? explicitPeriod : periodFromSpacing(medianSpacing(first), maxPeriod(ring));
                period = m > maxPeriod(ring) ? 1 : m;
            }
        }
        int m = period;
        if (m <= 1) {
            return;
        }
        if (explicitPeriod > 0) {
            on = true;
            return;
        }
        long n = history.observed();
        if (n % m == 0 && n >= 2L * m) {
            int len = Math.min(history.count(), ring);
            for (int i = 0; i < len; i++) {
                window[i] = history.back(len - 1 - i);
            }
            double p = pValue(window, 0, len, m, phaseSum, phaseCount);
            lastP = p;
            on = on ? p < P_OFF : p < P_ON;
        }
    }

    /** The median of the spacings of consecutive timestamps (ms); the middle one for an odd count. */
    public static long medianSpacing(long[] ts) {
        long[] sp = new long[ts.length - 1];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = ts[i + 1] - ts[i];
        }
        Arrays.sort(sp);
        int h = sp.length / 2;
        return sp.length % 2 == 1 ? sp[h] : Math.round((sp[h - 1] + (double) sp[h]) / 2);
    }

    /**
     * The candidate period from the median spacing of the timestamps:
     * <pre>
     *   d &lt; 0.9 h          → round(1 day / d)  (ticks per day; ties to even, as the prototype's round)
     *   0.9 h ≤ d &lt; 1.5 h  → 24
     *   0.9 d ≤ d &lt; 1.5 d  → 7
     *   6 d ≤ d ≤ 8 d      → 52
     *   28 d ≤ d ≤ 31 d    → 12
     *   89 d ≤ d ≤ 92 d    → 4
     *   otherwise (d ≤ 0, annual, irregular) → 1
     * </pre>
     * and 1 if the candidate exceeds {@code maxPeriod} (⌊ring/3⌋: it could not be confirmed from the ring).
     */
    public static int periodFromSpacing(long medianSpacingMs, int maxPeriod) {
        int m = candidate(medianSpacingMs);
        return m > maxPeriod ? 1 : m;
    }

    private static int candidate(long spacingMs) {
        double d = spacingMs;
        if (d <= 0) {
            return 1;
        }
        if (d < 0.9 * HOUR) {
            return (int) Math.min(Integer.MAX_VALUE, Math.rint(DAY / d));
        }
        if (d < 1.5 * HOUR) {
            return 24;
        }
        if (0.9 * DAY <= d && d < 1.5 * DAY) {
            return 7;
        }
        if (6 * DAY <= d && d <= 8 * DAY) {
            return 52;
        }
        if (28 * DAY <= d && d <= 31 * DAY) {
            return 12;
        }
        if (89 * DAY <= d && d <= 92 * DAY) {
            return 4;
        }
        return 1;
    }

    /**
     * The F-test for stable seasonality (one-way ANOVA of the first differences on the phase) on
     * x = values[from..to): d_i = x_{i+1} − x_i (N = len − 1), phase φ_i = (i + len − 1) mod m,
     * F = [Σ_j n_j (mean_j − ḡ)² / (m − 1)] / [Σ_i (d_i − mean_{φ_i})² / (N − m)], and
     * p = P(F(m − 1, N − m) &gt; F), the upper tail of Hipparchus' {@code FDistribution} computed directly as
     * I_{(N−m)/(N−m+(m−1)F)}((N−m)/2, (m−1)/2) (1 − {@code cumulativeProbability} would lose small p-values).
     *
     * @return the p-value; 1 if m &lt; 2 or N &lt; m + 2; with no within-phase variation, 0 if the phase means differ,
     * else 1
     */
    public static double stableSeasonalityPValue(double[] values, int from, int to, int m) {
        checkRange(values, from, to);
        int k = Math.max(m, 1);
        return pValue(values, from, to, m, new double[k], new double[k]);
    }

    /** The F statistic of {@link #stableSeasonalityPValue}, NaN where it is undefined. */
    public static double stableSeasonalityF(double[] values, int from, int to, int m) {
        checkRange(values, from, to);
        int k = Math.max(m, 1);
        return fStatistic(values, from, to, m, new double[k], new double[k]);
    }

    private static void checkRange(double[] values, int from, int to) {
        if (from < 0 || to > values.length || from > to) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") of " + values.length + " values");
        }
    }

    private static double pValue(double[] v, int from, int to, int m, double[] sum, double[] cnt) {
        double f = fStatistic(v, from, to, m, sum, cnt);
        if (Double.isNaN(f)) {
            return 1.0;
        }
        if (f == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        double d1 = m - 1.0;
        double d2 = (to - from - 1.0) - m;
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /** F, or NaN (too few values, or no variation at all), or +∞ (no within-phase variation only). */
    private static double fStatistic(double[] v, int from, int to, int m, double[] sum, double[] cnt) {
        int len = to - from;
        int n = len - 1;
        if (m < 2 || n < m + 2) {
            return Double.NaN;
        }
        Arrays.fill(sum, 0, m, 0.0);
        Arrays.fill(cnt, 0, m, 0.0);
        final int phase0 = (len - 1) % m;
        double total = 0;
        for (int i = 0, ph = phase0; i < n; i++) {
            double d = v[from + i + 1] - v[from + i];
            sum[ph] += d;
            cnt[ph] += 1;
            total += d;
            ph = ph + 1 == m ? 0 : ph + 1;
        }
        double g = total / n;
        double between = 0;
        for (int j = 0; j < m; j++) {
            sum[j] /= Math.max(cnt[j], 1);
            double e = sum[j] - g;
            between += cnt[j] * (e * e);
        }
        between /= m - 1;
        double within = 0;
        for (int i = 0, ph = phase0; i < n; i++) {
            double e = v[from + i + 1] - v[from + i] - sum[ph];
            within += e * e;
            ph = ph + 1 == m ? 0 : ph + 1;
        }
        within /= n - m;
        if (within <= 0) {
            return between > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return between / within;
    }

    /** Bytes {@link #writeState} writes. */
    public int stateBytes() {
        return 2 * Integer.BYTES + Byte.BYTES + TIMESTAMPS * Long.BYTES + Integer.BYTES + Byte.BYTES + Double.BYTES;
    }

    /** Explicit period and ring (checked on read), the timestamps seen, the period, the flag, the last p-value. */
    public void writeState(ByteBuffer out) {
        out.putInt(explicitPeriod);
        out.putInt(ring);
        out.put((byte) seen);
        for (long t : first) {
            out.putLong(t);
        }
        out.putInt(period);
        out.put((byte) (on ? 1 : 0));
        out.putLong(Double.doubleToRawLongBits(lastP));
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a state of this explicit period and ring, or are
     *                                  inconsistent or truncated (the instance is then unchanged)
     */
    public void readState(ByteBuffer in) {
        if (in.remaining() < stateBytes()) {
            throw new IllegalArgumentException("seasonality state truncated: " + in.remaining() + " bytes");
        }
        int start = in.position();
        int explicit = in.getInt();
        int r = in.getInt();
        int s = in.get();
        long[] ts = new long[TIMESTAMPS];
        for (int i = 0; i < TIMESTAMPS; i++) {
            ts[i] = in.getLong();
        }
        int m = in.getInt();
        int flag = in.get();
        double p = Double.longBitsToDouble(in.getLong());
        String bad = null;
        if (explicit != explicitPeriod || r != ring) {
            bad = "state of explicit period " + explicit + " and ring " + r + "; this instance has " + explicitPeriod
                    + " and " + ring;
        } else if (s < 0 || s > TIMESTAMPS || (m == 0) != (s < TIMESTAMPS) || m < 0 || m > maxPeriod(ring)
                || (flag != 0 && flag != 1) || (flag == 1 && m < 2)) {
            bad = "inconsistent state: " + s + " timestamps, period " + m + ", flag " + flag;
        }
        if (bad != null) {
            in.position(start);
            throw new IllegalArgumentException("seasonality " + bad);
        }
        seen = s;
        System.arraycopy(ts, 0, first, 0, TIMESTAMPS);
        spacing = s == TIMESTAMPS ? medianSpacing(first) : 0;
        period = m;
        on = flag == 1;
        lastP = p;
    }
}
