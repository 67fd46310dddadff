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

    /** The data's period is looked for every this many ticks ({@link #scan}), once this many values are kept. */
    public static final int SCAN_EVERY = 25;
    public static final int SCAN_MIN = 48;
    /** The shortest period the data may show (below it, differenced noise is not white enough for the tests). */
    public static final int MIN_FOUND = 4;
    /** An autocorrelation peak's height, in Bartlett's standard errors, to find a period and to keep it. */
    public static final double Z_FIND = 2.0;
    public static final double Z_KEEP = 1.5;
    /** A shorter peak (a divisor, or the spacing's candidate) is preferred when at least this share of the highest. */
    public static final double COMPARABLE = 0.8;
    /** Scans in a row that must find a new period before it is used, and miss one in use before it is dropped. */
    public static final int SCANS_ON = 2;
    public static final int MISSES_OFF = 4;
    private static final int HARMONICS = 3;
    /** The harmonic test's columns without the harmonics: intercept, trend, the two previous values. */
    private static final int AR_COLUMNS = 4;
    private static final int HARMONIC_COLUMNS = AR_COLUMNS + 2 * HARMONICS;

    private static final double HOUR = 3600e3;
    private static final double DAY = 86400e3;

    private final int explicitPeriod;
    private final int ring;
    private final long[] first = new long[TIMESTAMPS];
    private final double[] window;
    private final double[] phaseSum;
    private final double[] phaseCount;
    /** Scratch of the scan ({@link #scan}): the detrended window, the autocorrelations, the harmonic regression. */
    private final double[] detrended;
    private final double[] acf;
    private final double[] acfSe;
    private final double[] xtx = new double[HARMONIC_COLUMNS * HARMONIC_COLUMNS];
    private final double[] xty = new double[HARMONIC_COLUMNS];
    private final double[] row = new double[HARMONIC_COLUMNS];
    private int seen;
    /** The median spacing of {@link #first}, once all six are seen (derived, not stored). */
    private long spacing;
    private int period;
    private boolean on;
    private double lastP = Double.NaN;
    /** Whether {@link #period} was found in the data ({@link #scan}) rather than from the spacing. */
    private boolean found;
    /** The period the latest scans found that differs from the one in use (0: none), and in how many scans in a row. */
    private int pending;
    private int pendingScans;
    /** Scans in a row that no longer find the data's period in use. */
    private int misses;

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
        this.detrended = new double[ring];
        this.acf = new double[maxPeriod + 2];
        this.acfSe = new double[maxPeriod + 2];
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

    /** Whether the period in use was found in the recent values ({@link #scan}) rather than from the spacing. */
    public boolean foundInData() {
        return found;
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
                period = candidatePeriod();
            }
        }
        if (period == 0) {
            return;
        }
        int m = period;
        if (explicitPeriod > 0) {
            on = m > 1;
            return;
        }
        long n = history.observed();
        if (!found && m > 1 && n % m == 0 && n >= 2L * m) {
            int len = fillWindow(history);
            double p = pValue(window, 0, len, m, phaseSum, phaseCount);
            lastP = p;
            on = on ? p < P_OFF : p < P_ON;
        }
        if (n % SCAN_EVERY == 0 && history.count() >= SCAN_MIN) {
            decide(history);
        }
    }

    /** The period from the first timestamps (or the explicit one), 1 above ⌊ring/3⌋; 0 before the sixth tick. */
    private int candidatePeriod() {
        if (seen < TIMESTAMPS) {
            return 0;
        }
        int m = explicitPeriod > 0 ? explicitPeriod : periodFromSpacing(spacing, maxPeriod(ring));
        return m > maxPeriod(ring) ? 1 : m;
    }

    /** Copies the last min(count, ring) values into {@link #window}, oldest first; returns how many. */
    private int fillWindow(History history) {
        int len = Math.min(history.count(), ring);
        for (int i = 0; i < len; i++) {
            window[i] = history.back(len - 1 - i);
        }
        return len;
    }

    /**
     * A scan of the recent values ({@link #scan}) and the decision it leads to, with hysteresis: a period the data
     * show that differs from the one in use is taken once {@value #SCANS_ON} scans in a row found it; a period the data
     * showed is kept while the looser test ({@link #keeps}) holds, and dropped for the spacing's candidate (its F-test
     * deciding again) after {@value #MISSES_OFF} scans in a row in which it did not. The spacing's period is replaced
     * only while its F-test does not confirm it (measured on M4 Weekly: replacing a confirmed 52 by the 13 or 26 the
     * data showed as clearly, in 27 of 180 series, lost the longer cycle the 52 contains).
     */
    private void decide(History history) {
        if (!found && on) {
            pending = 0; // the spacing's period, confirmed by its F-test: no scan
            pendingScans = 0;
            return;
        }
        int len = fillWindow(history);
        int lags = acf(len);
        if (found && keeps(period, lags, len)) {
            misses = 0; // the data's period in use still holds: no switch, no scan
            pending = 0;
            pendingScans = 0;
            return;
        }
        int best = scan(lags, len);
        int candidate = candidatePeriod();
        int target = best != 0 && best != period ? best : 0;
        if (found) {
            if (best == period) {
                misses = 0;
                target = 0;
            } else if (++misses >= MISSES_OFF) {
                period = candidate;
                found = false;
                on = false;
                misses = 0;
                pending = 0;
                pendingScans = 0;
                lastP = Double.NaN;
                return;
            }
        }
        if (target == 0) {
            pending = 0;
            pendingScans = 0;
            return;
        }
        if (target == pending) {
            pendingScans++;
        } else {
            pending = target;
            pendingScans = 1;
        }
        if (pendingScans >= SCANS_ON) {
            period = target;
            found = target != candidate;
            on = true;
            lastP = confirmation(target, len);
            misses = 0;
            pending = 0;
            pendingScans = 0;
        }
    }

    /**
     * The period the values in {@link #window}[0, len) show, or 0, from their autocorrelations ({@link #acf(int)}, L =
     * {@code lags}); among the lags 4..L whose autocorrelation
     * is a local maximum above {@value #Z_FIND} of Bartlett's standard errors, the highest; then the smallest divisor
     * of it, or the spacing's candidate, that is such a peak too and at least {@value #COMPARABLE} of it; and that
     * lag only if its {@link #confirmation} p-value times the lags looked at (L − 3, Bonferroni) is below {@value #P_ON}. O(len · L), no allocation.
     */
    private int scan(int lags, int len) {
        if (lags < MIN_FOUND) {
            return 0;
        }
        int best = 0;
        double top = 0;
        for (int k = MIN_FOUND; k <= lags; k++) {
            if (peak(k, Z_FIND, len) && acf[k] > top) {
                best = k;
                top = acf[k];
            }
        }
        if (best == 0) {
            return 0;
        }
        // The fundamental rather than a multiple: the shortest lag near best / j that is a comparable peak.
        for (int j = best / MIN_FOUND; j >= 2; j--) {
            int d = nearPeak((int) Math.round((double) best / j), top, lags, len);
            if (d != 0) {
                best = d;
                break;
            }
        }
        int c = candidatePeriod();
        double p;
        if (c >= MIN_FOUND && c <= lags && nearPeak(c, top, lags, len) != 0) {
            best = c; // the spacing's candidate when the data show it about as clearly
            p = confirmation(best, len);
        } else {
            // The peak of a cycle that is not a whole number of ticks spreads over neighbouring lags: the best fitting.
            p = confirmation(best, len);
            int centre = best;
            for (int k = centre - 1; k <= centre + 1; k += 2) {
                if (k >= MIN_FOUND && k <= lags) {
                    double q = confirmation(k, len);
                    if (q < p) {
                        p = q;
                        best = k;
                    }
                }
            }
        }
        // The lag was picked among L − 3: its p-value counts each of them (Bonferroni).
        return (lags - MIN_FOUND + 1) * p < P_ON ? best : 0;
    }

    /** Whether the data still show period m, by the looser standard that keeps one in use (hysteresis). */
    private boolean keeps(int m, int lags, int len) {
        return m >= MIN_FOUND && m <= lags && acf[m] > Z_KEEP * acfSe[m] && confirmation(m, len) < P_OFF;
    }

    private int lagsFor(int len) {
        return Math.min(maxPeriod(ring), len / 3);
    }

    /**
     * The autocorrelations of {@link #window}[0, len) less its least-squares line into {@link #acf}[0..L+1] and
     * Bartlett's standard errors into {@link #acfSe}; returns L (0 when the values do not vary or overflow).
     */
    private int acf(int len) {
        int lags = lagsFor(len);
        if (lags < 1 || len < 3) {
            return 0;
        }
        double tMean = (len - 1) / 2.0;
        double yMean = 0;
        for (int i = 0; i < len; i++) {
            yMean += window[i];
        }
        yMean /= len;
        double sty = 0;
        double stt = 0;
        for (int i = 0; i < len; i++) {
            double t = i - tMean;
            sty += t * (window[i] - yMean);
            stt += t * t;
        }
        double slope = sty / stt;
        double c0 = 0;
        for (int i = 0; i < len; i++) {
            double x = window[i] - yMean - slope * (i - tMean);
            detrended[i] = x;
            c0 += x * x;
        }
        if (!(c0 > 0) || !Double.isFinite(c0)) {
            return 0;
        }
        autocovariances(detrended, len, lags + 1, acf);
        double bartlett = 1;
        for (int k = 1; k <= lags + 1; k++) {
            double c = acf[k];
            acf[k] = c / (len - k) / (c0 / len);
            acfSe[k] = Math.sqrt(bartlett / len);
            bartlett += 2 * acf[k] * acf[k];
        }
        acf[0] = 1;
        return lags;
    }

    /**
     * {@code out[k] = Σ_{i=k}^{len−1} x[i]·x[i−k]} for k = 1..{@code maxLag}, each sum taken in the order of i from
     * zero — the same additions, so the same bits, as one loop per lag. Four lags share a pass over x: a lag's sum is
     * a chain of dependent additions, and one chain at a time ran at the adder's latency (a scan of 400 values and 134
     * lags was about 2.4 µs of every tick of a non-seasonal symbol); four independent chains fill its throughput.
     */
    static void autocovariances(double[] x, int len, int maxLag, double[] out) {
        int k = 1;
        for (; k + 3 <= maxLag && k + 3 < len; k += 4) {
            // Each lag's first terms, up to where the four run together, in order (from 0, as one loop's are:
            // 0 + (−0.0) is +0.0).
            double c0 = 0;
            c0 += x[k] * x[0];
            c0 += x[k + 1] * x[1];
            c0 += x[k + 2] * x[2];
            double c1 = 0;
            c1 += x[k + 1] * x[0];
            c1 += x[k + 2] * x[1];
            double c2 = 0;
            c2 += x[k + 2] * x[0];
            double c3 = 0;
            for (int i = k + 3; i < len; i++) {
                double xi = x[i];
                c0 += xi * x[i - k];
                c1 += xi * x[i - k - 1];
                c2 += xi * x[i - k - 2];
                c3 += xi * x[i - k - 3];
            }
            out[k] = c0;
            out[k + 1] = c1;
            out[k + 2] = c2;
            out[k + 3] = c3;
        }
        for (; k <= maxLag; k++) {
            double c = 0;
            for (int i = k; i < len; i++) {
                c += x[i] * x[i - k];
            }
            out[k] = c;
        }
    }

    /**
     * The lag among k − 1, k, k + 1 (in [{@value #MIN_FOUND}, lags]) that is a peak ({@link #peak}, {@value #Z_FIND}) at
     * least {@value #COMPARABLE} of {@code top}, the first; 0 if none.
     */
    private int nearPeak(int k, double top, int lags, int len) {
        for (int d = k - 1; d <= k + 1; d++) {
            if (d >= MIN_FOUND && d <= lags && peak(d, Z_FIND, len) && acf[d] >= COMPARABLE * top) {
                return d;
            }
        }
        return 0;
    }

    /** Whether lag k's autocorrelation is a local maximum above z of its standard errors. */
    private boolean peak(int k, double z, int len) {
        return acf[k] > acf[k - 1] && acf[k] >= acf[k + 1] && acf[k] > z * acfSe[k];
    }

    /**
     * The p-value confirming period m on {@link #window}[0, len): the smaller of the F-test for stable seasonality
     * ({@link #stableSeasonalityPValue}, every shape of the cycle, m − 1 degrees of freedom) and of the harmonic F-test
     * ({@link #harmonicPValue}, a smooth cycle, at most 6 degrees of freedom), doubled (Bonferroni).
     */
    private double confirmation(int m, int len) {
        // phaseSum and phaseCount, the F-test's scratch, hold the harmonic test's cosine and sine tables.
        return harmonicPValue(window, 0, len, m, xtx, xty, row, phaseSum, phaseCount);
    }

    /**
     * The harmonic F-test for a cycle of period m in values[from..to), x_0..x_{n}: the regression of x_i (i = 2..n) on
     * an intercept, a linear trend, the two previous values x_{i−1}, x_{i−2} and cos, sin(2π k i / m) for k = 1..K,
     * K = min(3, ⌊m/2⌋) (the sine of k = m/2 omitted), against the same without the harmonics:
     * F = [(RSS₀ − RSS₁)/q] / [RSS₁/(n − 1 − c)] (c columns, q of them harmonics), p = P(F(q, n − 1 − c) &gt; F). The
     * previous values take up the noise's persistence: on a random walk the harmonics are in effect tested on the
     * changes, on noise around a level on the levels, where a slow cycle is far easier to see than in the changes. 1
     * when undefined.
     */
    public static double harmonicPValue(double[] values, int from, int to, int m) {
        checkRange(values, from, to);
        int k = Math.max(m, 1);
        return harmonicPValue(values, from, to, m, new double[HARMONIC_COLUMNS * HARMONIC_COLUMNS],
                new double[HARMONIC_COLUMNS], new double[HARMONIC_COLUMNS], new double[k], new double[k]);
    }

    private static double harmonicPValue(double[] v, int from, int to, int m, double[] a, double[] b, double[] x,
                                         double[] cos, double[] sin) {
        int n = to - from - 1;
        if (m < 2) {
            return 1.0;
        }
        int harmonics = Math.min(HARMONICS, m / 2);
        int cols = AR_COLUMNS;
        for (int k = 1; k <= harmonics; k++) {
            cols += 2 * k == m ? 1 : 2;
        }
        if (n < cols + 3) {
            return 1.0;
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += v[i];
        }
        mean /= n + 1;
        double spread = 0;
        for (int i = from; i < to; i++) {
            spread = Math.max(spread, Math.abs(v[i] - mean));
        }
        if (!(spread > 0) || !Double.isFinite(spread)) {
            return 1.0;
        }
        for (int j = 0; j < m; j++) {
            double angle = 2 * Math.PI * j / m;
            cos[j] = StrictMath.cos(angle);
            sin[j] = StrictMath.sin(angle);
        }
        Arrays.fill(a, 0, cols * cols, 0.0);
        Arrays.fill(b, 0, cols, 0.0);
        double yy = 0;
        for (int i = AR_COLUMNS - 2; i <= n; i++) {
            double y = (v[from + i] - mean) / spread;
            regressors(v, from, i, n, m, harmonics, mean, spread, cos, sin, x);
            for (int r = 0; r < cols; r++) {
                b[r] += x[r] * y;
                for (int c = 0; c <= r; c++) {
                    a[r * cols + c] += x[r] * x[c];
                }
            }
            yy += y * y;
        }
        // Cholesky L of X'X in place (lower triangle), z = L⁻¹ X'y: the RSS of the first j columns is yy − Σ_{r<j} z_r².
        for (int j = 0; j < cols; j++) {
            double diag = a[j * cols + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * cols + k] * a[j * cols + k];
            }
            if (!(diag > 1e-10 * n)) {
                return 1.0;
            }
            diag = Math.sqrt(diag);
            a[j * cols + j] = diag;
            for (int r = j + 1; r < cols; r++) {
                double s = a[r * cols + j];
                for (int k = 0; k < j; k++) {
                    s -= a[r * cols + k] * a[j * cols + k];
                }
                a[r * cols + j] = s / diag;
            }
        }
        double explainedAr = 0;
        double explainedAll = 0;
        for (int r = 0; r < cols; r++) {
            double s = b[r];
            for (int k = 0; k < r; k++) {
                s -= a[r * cols + k] * b[k];
            }
            b[r] = s / a[r * cols + r];
            explainedAll += b[r] * b[r];
            if (r < AR_COLUMNS) {
                explainedAr += b[r] * b[r];
            }
        }
        double rss0 = yy - explainedAr;
        double rss1 = yy - explainedAll;
        if (!Double.isFinite(rss0) || !Double.isFinite(rss1)) {
            return 1.0;
        }
        double d1 = cols - AR_COLUMNS;
        double d2 = (n - AR_COLUMNS + 3) - cols;
        if (rss1 <= 1e-15 * yy) {
            return rss0 > 1e-12 * yy ? 0.0 : 1.0;
        }
        double f = Math.max(0.0, (rss0 - rss1) / d1) / (rss1 / d2);
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /**
     * The regressors of value i of n + 1, scaled: 1, the trend, the two previous values, then cos and sin (not for k = m/2)
     * of 2π k i / m for k = 1..harmonics.
     */
    private static void regressors(double[] v, int from, int i, int n, int m, int harmonics, double mean,
                                   double spread, double[] cos, double[] sin, double[] x) {
        x[0] = 1.0;
        x[1] = (2.0 * i - n) / n;
        x[2] = (v[from + i - 1] - mean) / spread;
        x[3] = (v[from + i - 2] - mean) / spread;
        int c = AR_COLUMNS;
        for (int k = 1; k <= harmonics; k++) {
            int j = (int) (((long) k * i) % m);
            x[c++] = cos[j];
            if (2 * k != m) {
                x[c++] = sin[j];
            }
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
        return legacyStateBytes() + Byte.BYTES + 3 * Integer.BYTES;
    }

    /** Bytes of the state before the period found in the data (series records up to version 4). */
    public static int legacyStateBytes() {
        return 2 * Integer.BYTES + Byte.BYTES + TIMESTAMPS * Long.BYTES + Integer.BYTES + Byte.BYTES + Double.BYTES;
    }

    /**
     * Explicit period and ring (checked on read), the timestamps seen, the period, the flag, the last p-value; then
     * whether the period was found in the data, the differing period the latest scans found and in how many scans in a
     * row, and the scans in a row that missed the data's period in use.
     */
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
        out.put((byte) (found ? 1 : 0));
        out.putInt(pending);
        out.putInt(pendingScans);
        out.putInt(misses);
    }

    /**
     * Reads what {@link #writeState} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not a state of this explicit period and ring, or are
     *                                  inconsistent or truncated (the instance is then unchanged)
     */
    public void readState(ByteBuffer in) {
        readState(in, true);
    }

    /**
     * Reads the state as series records up to version 4 held it, before the period found in the data: the period is
     * the spacing's (or the explicit one) and no scan has found another yet.
     */
    public void readLegacyState(ByteBuffer in) {
        readState(in, false);
    }

    private void readState(ByteBuffer in, boolean current) {
        int size = current ? stateBytes() : legacyStateBytes();
        if (in.remaining() < size) {
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
        int fromData = current ? in.get() : 0;
        int pend = current ? in.getInt() : 0;
        int pendScans = current ? in.getInt() : 0;
        int miss = current ? in.getInt() : 0;
        String bad = null;
        if (explicit != explicitPeriod || r != ring) {
            bad = "state of explicit period " + explicit + " and ring " + r + "; this instance has " + explicitPeriod
                    + " and " + ring;
        } else if (s < 0 || s > TIMESTAMPS || (m == 0) != (s < TIMESTAMPS) || m < 0 || m > maxPeriod(ring)
                || (flag != 0 && flag != 1) || (flag == 1 && m < 2)) {
            bad = "inconsistent state: " + s + " timestamps, period " + m + ", flag " + flag;
        } else if ((fromData != 0 && fromData != 1) || (fromData == 1 && (explicit > 0 || flag != 1))
                || pend < 0 || pend > maxPeriod(ring) || pendScans < 0 || pendScans >= SCANS_ON
                || (pend == 0) != (pendScans == 0) || miss < 0 || miss >= MISSES_OFF) {
            bad = "inconsistent scan state: found " + fromData + ", pending " + pend + " for " + pendScans
                    + " scans, " + miss + " misses";
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
        found = fromData == 1;
        pending = pend;
        pendingScans = pendScans;
        misses = miss;
    }
}
