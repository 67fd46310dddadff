package io.tickcast.stats;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;

import java.nio.ByteBuffer;

/**
 * Sequential monitoring for structural breaks with a controlled false-alarm rate: a two-sided Page (1954) CUSUM of
 * the self-starting standardised recursive residuals of an autoregression fitted to the current regime; on an
 * alarm, the break is dated by the best single split of the regime (strucchange's {@code breakpoints}) with Bai's
 * (1997) interval, and monitoring restarts on the new regime. {@code docs/breaks.md} has the derivation and the
 * measured calibration and power.
 *
 * <p><b>The regression</b> of a regime: y_t on x_t = (1, y_{t−1}, …, y_{t−L}[, cos 2πt/m, sin 2πt/m]) — the season's
 * first harmonic (t the tick's index in the stream; cos alone at m = 2) only while a period m &gt; 1 is in use (a
 * change of the period in use restarts the regime without a signal). Until TCBM v2 the season was the lags
 * y_{t−m}, y_{t−m−1} (the multiplicative seasonal AR); a deterministic season then makes the seasonal coefficient
 * near 1, and a level shift leaves one-step errors of only (1 − a)(1 − b) times its size — a 3 sd shift in an hourly
 * season was signalled on 3 of 10 seeds, 9 with the harmonic ({@code BreakMonitorTest});
 * regressors are centred at a reference value c of the regime (a reparametrisation: no residual changes).
 * Each row's recursive residual (Brown, Durbin &amp; Evans 1975; strucchange's {@code recresid}) is
 * <pre>
 *   w_t = (y_t − x_t'β̂_{t−1}) / √(1 + x_t'(X_{t−1}'X_{t−1})⁻¹x_t)
 * </pre>
 * with β̂_{t−1} the OLS fit of the regime's earlier rows (from the running X'X, X'y by Cholesky); under a stable
 * Gaussian regression with fixed regressors the w_t are iid N(0, σ²). Standardised by the earlier ones,
 * s²_{t−1} = Σw²/ν, {@code w_t/s_{t−1}} is Student t with ν degrees of freedom, and
 * <pre>
 *   q_t = Φ⁻¹(T_ν(w_t / s_{t−1}))          (Quesenberry's Q statistic; Hawkins' self-starting CUSUM)
 * </pre>
 * are iid N(0, 1) whatever β and σ: the CUSUM needs no estimate of either, from a short history on. Lagged values
 * are not fixed regressors, and near a unit root the q's of a stable regime drift; two corrections (TCBM v2): the
 * prediction's lag-1 coefficient is bias-corrected (Kendall's (1 + 3φ)/n, see the 9-argument
 * {@code recursiveResidual}), and each q is divided by the square root of its long-run variance relative to its
 * variance, estimated from the regime's q's at least {@value #LR_DELAY} ticks old ({@link #longRunScale}).
 *
 * <p><b>The CUSUM</b>, after {@code history} rows of the regime: S⁺ = max(0, S⁺ + q − k), S⁻ = max(0, S⁻ − q − k),
 * k = shift/2; an alarm when max(S⁺, S⁻) &gt; h, with h from {@link CusumRunLength#threshold}: for iid N(0, 1) q the
 * probability of any alarm within {@code horizon} ticks is at most alpha. While the regime's fit is near a unit root
 * (bias-corrected φ̃ ≥ {@value MonitorConfig#UNIT_ROOT_PHI}) the higher {@link MonitorConfig#unitRootThreshold} is
 * used instead: there the q's stay positively correlated beyond what the long-run variance corrects. The alarm becomes a signal once the
 * alarming side's last zero (the CUSUM's own estimate of the change) is at least hMin = p + 2 rows back, so that the
 * dating has a second segment to fit (this delays only breaks detected faster than that).
 *
 * <p><b>Dating</b>: {@link BreakDating#date} over the regime's rows within the last {@code window}, minimal segment
 * hMin; the regime then restarts at the estimated break: the regression is refitted on the rows since it and the
 * CUSUM starts again from zero once the new regime has {@code history} rows.
 *
 * <p><b>The bend check</b> ({@code breaks.bend}, {@link MonitorConfig#bend}): before an alarm becomes a signal, the
 * values around the dated split are fitted by a cubic trend and by a line with a jump and a change of slope at the
 * split ({@link #aBendExplains}); if the break fits no better, the alarm is dismissed and the CUSUM restarts from zero
 * in the same regime — a smooth curve's alarms are real at its own noise level, but not abrupt.
 *
 * <p><b>The start test</b>: the CUSUM never watches a regime's first {@code history} rows, so until the stream's
 * first signal, while the regime has {@value #START_FROM}–{@value #START_TO} rows, they are also tested for one shift
 * of the intercept ({@link #bestShift}) against a critical F calibrated on the null kinds ({@link #START_CRITICAL});
 * a short stream's change is found there.
 *
 * <p>Per tick: one rank-one update of X'X, one Cholesky of p ≤ {@value MonitorConfig#MAX_LAGS} + 3 rows, one
 * incomplete beta and one inverse erfc: O(p³), independent of the stream's length. Not thread-safe.
 */
public final class BreakMonitor {

    /** |q| is capped here (a tail probability below 1e-15): one tick of any size moves the CUSUM by at most this. */
    static final double Q_CAP = 8.0;
    /** Lags of the q statistics' autocorrelation in the long-run variance (Bartlett weights 1 − j/(J + 1)). */
    static final int LR_LAGS = 10;
    /** The long-run variance reads the q statistics older than this many ticks, so a break's own run-up is not in it. */
    static final int LR_DELAY = 50;
    /** The long-run variance is used from this many (delayed) q statistics of the regime on; 1 before. */
    static final int LR_MIN = 20;
    /** The long-run variance's range: it only deflates the q statistics, at most by a factor of 2. */
    static final double LR_MAX = 4.0;
    private static final double SQRT2 = Math.sqrt(2.0);
    /** The start test runs while the regime has this many rows ... */
    static final int START_FROM = 20;
    /** ... up to this many, until the stream's first signal. */
    static final int START_TO = 40;
    /** Rows each side of the start test's shift, at least. */
    static final int START_SEGMENT = 10;
    /**
     * The start test's critical F: the 99.5th percentile of its statistic (the largest F over the test's rows) on
     * the calibration's worst null kind, {@code BreakMonitorTest.theStartTestsCriticalValueIsTheNullsHalfPercentPoint}.
     */
    static final double START_CRITICAL = 36;

    /**
     * The monitor's state at one tick; {@code threshold} is the one in effect (higher near a unit root). On a signal
     * of the start test ({@code start}) the statistic is the start test's F and the threshold its critical value.
     * {@code dismissed}: an alarm on this tick that the bend check dismissed ({@link #aBendExplains}): the statistic
     * is above the threshold, there is no signal, and the CUSUM restarts from zero.
     */
    public record Result(boolean monitoring, double statistic, double threshold, long regimeRows, int regressors,
                         boolean signal, long breakTs, long breakLowerTs, long breakUpperTs, double f, boolean start,
                         boolean dismissed) {
    }

    /**
     * The two segments either side of a dated break, as the dating split them (the rows within the latest
     * {@code window} before the signal): each one's mean value and the standard deviation of its own fit's residuals
     * (√(RSS / (rows − regressors)); NaN with too few rows), and what changed ({@link #classify}): {@code kind}
     * {@value #LEVEL}, {@value #SLOPE} (then each segment's mean change per tick in {@code slopeBefore},
     * {@code slopeAfter}; NaN otherwise), {@value #VARIANCE} or {@value #DYNAMICS}. A description of the signal, not
     * part of the state.
     */
    public record Regimes(String kind, double levelBefore, double slopeBefore, double sdBefore, double levelAfter,
                          double slopeAfter, double sdAfter) {
    }

    /** Only the regression's intercept changed, the series not near a unit root: a level shift. */
    public static final String LEVEL = "level";
    /** Only the intercept changed, the series near a unit root, where the intercept is the drift: a change of slope. */
    public static final String SLOPE = "slope";
    /** No change of the coefficients is significant, the residual variance's is. */
    public static final String VARIANCE = "variance";
    /** The other coefficients changed too (persistence, season), or nothing in the split says what. */
    public static final String DYNAMICS = "dynamics";
    /** Level of the tests that say what changed. */
    static final double KIND_LEVEL = 0.99;

    private final MonitorConfig cfg;
    private final double h;
    /** The threshold while the fit is near a unit root, ≥ h. */
    private final double hUnitRoot;
    private final double k;
    // ring of the latest values and timestamps
    private final double[] values;
    private final long[] stamps;
    private int head;
    private int count;
    /** Ticks seen; the latest has index ticks − 1. */
    private long ticks;

    // the regime
    private int period = 1;
    private long regimeStart;
    private double c = Double.NaN;
    private long regimeRows;
    private int p;
    private final double[] xtx;
    private final double[] xty;
    private double ss;
    private long nu;
    private double sPlus;
    private double sMinus;
    private long zeroPlus;
    private long zeroMinus;
    /** The tick from which a pending alarm becomes a signal, or −1. */
    private long pendingUntil = -1;
    /** The regime's q statistics, the latest {@link #LR_DELAY} + {@link #LR_LAGS} + 1, by index mod length. */
    private final double[] qs = new double[LR_DELAY + LR_LAGS + 1];
    /** The regime's q statistics so far. */
    private long qCount;
    /** Σ q_i q_{i−j}, j = 0..J, over the q statistics at least {@link #LR_DELAY} old. */
    private final double[] acov = new double[LR_LAGS + 1];
    private long pendingChange = -1;
    /**
     * The long-run variance (relative, in [1, {@link #LR_MAX}]) the regimes before this one ended with, 0 before the
     * first signal: a young regime's q statistics are deflated by it until they have their own estimate.
     */
    private double carriedLr;
    /** The bias-corrected lag-1 coefficient of the fit that predicted the latest row, NaN if none (not stored). */
    private double phiNow = Double.NaN;
    private long signals;
    private long undefined;

    // the latest result, for summaries
    private double lastStatistic = Double.NaN;
    private long lastBreakTs = Long.MIN_VALUE;
    private long lastLowerTs = Long.MIN_VALUE;
    private long lastUpperTs = Long.MIN_VALUE;
    private double lastF = Double.NaN;
    /** The latest dating's segments, null when undefined; not stored. */
    private Regimes lastRegimes;

    // scratch
    private final double[] x;
    private final double[] l;
    private final double[] beta;
    private final double[] solved;

    public BreakMonitor(MonitorConfig cfg) {
        this.cfg = cfg;
        this.h = cfg.threshold();
        this.hUnitRoot = cfg.unitRootThreshold();
        this.k = cfg.reference();
        int cap = cfg.capacity();
        this.values = new double[cap];
        this.stamps = new long[cap];
        int pMax = 1 + cfg.lags() + 2;
        this.xtx = new double[pMax * pMax];
        this.xty = new double[pMax];
        this.x = new double[pMax];
        this.l = new double[pMax * pMax];
        this.beta = new double[pMax];
        this.solved = new double[pMax];
        restart(0, 1);
    }

    public MonitorConfig config() {
        return cfg;
    }

    /** Signals so far. */
    public long signals() {
        return signals;
    }

    /** Rows whose recursive residual was undefined (a singular design, e.g. constant values). */
    public long undefinedCount() {
        return undefined;
    }

    /** Ticks of the current regime, the latest included (after a signal: since the estimated break). */
    public long regimeTicks() {
        return ticks - regimeStart;
    }

    /** The latest statistic max(S⁺, S⁻), NaN while not monitoring. */
    public double lastStatistic() {
        return lastStatistic;
    }

    /** The latest signal's estimated break (first observation after it), {@link Long#MIN_VALUE} before any. */
    public long lastBreakTs() {
        return lastBreakTs;
    }

    public long lastLowerTs() {
        return lastLowerTs;
    }

    public long lastUpperTs() {
        return lastUpperTs;
    }

    public double lastF() {
        return lastF;
    }

    /**
     * The segments of the latest signal's dating (levels and residual sds before and after the break), or null when
     * the break could not be dated by a split or the monitor was restored from its stored state since (it is not
     * stored): read it on the signal's tick.
     */
    public Regimes lastRegimes() {
        return lastRegimes;
    }

    /**
     * One observation.
     *
     * @param period the seasonal period in use (≤ 1: none); a change restarts the regime
     * @throws IllegalArgumentException if the period exceeds the configured maximum
     */
    public Result update(long ts, double value, int period) {
        int m = Math.max(1, period);
        if (m > cfg.maxPeriod()) {
            throw new IllegalArgumentException("period " + m + " exceeds the monitor's maximum " + cfg.maxPeriod());
        }
        values[head] = value;
        stamps[head] = ts;
        head = head + 1 == values.length ? 0 : head + 1;
        count = Math.min(count + 1, values.length);
        long t = ticks++;
        if (m != this.period) {
            restart(t, m);
        }
        double q = addRow(t);
        boolean monitoring = false;
        boolean signal = false;
        boolean dismissed = false;
        double threshold = phiNow >= MonitorConfig.UNIT_ROOT_PHI ? hUnitRoot : h;
        if (!Double.isNaN(q) && regimeRows > cfg.history()) {
            monitoring = true;
            sPlus = Math.max(0, sPlus + q - k);
            sMinus = Math.max(0, sMinus - q - k);
            if (sPlus == 0) {
                zeroPlus = t;
            }
            if (sMinus == 0) {
                zeroMinus = t;
            }
            if (pendingUntil < 0 && Math.max(sPlus, sMinus) > threshold) {
                pendingChange = sPlus >= sMinus ? zeroPlus : zeroMinus;
                pendingUntil = pendingChange + hMin();
            }
        }
        double stat = monitoring ? Math.max(sPlus, sMinus) : Double.NaN;
        lastStatistic = stat;
        double startF = Double.NaN;
        if (pendingUntil < 0 && signals == 0 && regimeRows >= START_FROM && regimeRows <= START_TO) {
            double[] f = new double[1];
            long shiftAt = startTest(f);
            if (shiftAt >= 0) {
                pendingChange = shiftAt - 1;
                pendingUntil = t;
                startF = f[0];
                stat = startF;
                threshold = START_CRITICAL;
            }
        }
        if (pendingUntil >= 0 && t >= pendingUntil) {
            Window w = window(t);
            if (!cfg.bend() || !Double.isNaN(startF) || w.dating() == null
                    || !aBendExplains(w.ys(), w.n(), w.dating().breakpoint(), w.first(), period, hMin())) {
                signal = true;
                signals++;
                dateAndRestart(w);
            } else {
                resetCusum(t);
                dismissed = true;
            }
        }
        return new Result(monitoring, stat, threshold, regimeRows, p, signal, signal ? lastBreakTs : Long.MIN_VALUE,
                signal ? lastLowerTs : Long.MIN_VALUE, signal ? lastUpperTs : Long.MIN_VALUE, signal ? lastF : Double.NaN,
                !Double.isNaN(startF), dismissed);
    }

    /**
     * The start test: the CUSUM starts after {@code history} rows, so a change within a young regime's first rows is
     * fitted into the regime, not monitored (a 40-tick stream with a shift at tick 20 was never signalled, even at
     * 12 sd). While the stream has had no signal and the regime has {@value #START_FROM}–{@value #START_TO} rows,
     * its rows are tested for one shift of the intercept, the other coefficients common ({@link #bestShift}),
     * against {@link #START_CRITICAL}; above it, the alarm is a signal at once, dated as a CUSUM's is.
     *
     * @return the tick index of the first row after the shift, or −1 if F stays below the critical value
     */
    private long startTest(double[] f) {
        int n = (int) regimeRows;
        long first = ticks - n;
        double[] xs = new double[n * p];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = row(first + i, xs, i * p);
        }
        int at = bestShift(xs, ys, n, p, START_SEGMENT, f);
        return at >= 0 && f[0] > START_CRITICAL ? first + at : -1;
    }

    /**
     * The largest F for one shift of the intercept in rows {@code [0, n)} of the regression y on X (row-major n × p,
     * an intercept column first), over shifts with at least {@code minSegment} rows each side: adding the column
     * z = 1[i ≥ τ] lowers the RSS by (z'e)² / (z'z − z'X(X'X)⁻¹X'z), e the one-segment fit's residuals, and
     * F = (RSS₀ − RSS_τ) / (RSS_τ / (n − p − 1)). Suffix sums of e and of the rows: O(n p²) for all τ.
     *
     * @param f receives the largest F in f[0] (0 if none is defined)
     * @return the row index τ of the first row after the best shift, −1 if none is defined (a singular design)
     */
    static int bestShift(double[] xs, double[] ys, int n, int p, int minSegment, double[] f) {
        f[0] = 0;
        Fit one = Fit.of(xs, ys, n, p);
        if (one == null || n - p - 1 < 1) {
            return -1;
        }
        double[] sum = new double[p];
        double[] scratch = new double[p];
        double se = 0;
        int bestAt = -1;
        for (int i = n - 1; i >= minSegment; i--) {
            for (int j = 0; j < p; j++) {
                sum[j] += xs[i * p + j];
            }
            se += one.e[i];
            if (n - i < minSegment) {
                continue;
            }
            double rss1 = one.shiftedRss(se, sum, n - i, scratch);
            if (!(rss1 > 0)) {
                continue;
            }
            double fi = (one.rss - rss1) / (rss1 / (n - p - 1));
            if (fi > f[0]) {
                f[0] = fi;
                bestAt = i;
            }
        }
        return bestAt;
    }

    /**
     * The one-segment OLS fit of rows {@code [0, n)} of y on X: the Cholesky factor of X'X, the coefficients, the
     * residuals and their RSS. Adding a column z = 1[i ≥ τ] lowers the RSS by (z'e)² / (z'z − z'X(X'X)⁻¹X'z)
     * ({@link #shiftedRss}), which the start test and {@link #classify} read for one τ or all of them.
     */
    private record Fit(int p, double[] l, double[] beta, double[] e, double rss) {

        /** The fit, or null if X'X is singular. */
        static Fit of(double[] xs, double[] ys, int n, int p) {
            double[] a = new double[p * p];
            double[] b = new double[p];
            double[] row = new double[p];
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs, i * p, row, 0, p);
                addRow(a, b, p, row, ys[i]);
            }
            double[] l = new double[p * p];
            if (!SmallCholesky.factor(a, p, l)) {
                return null;
            }
            double[] beta = new double[p];
            SmallCholesky.solve(l, p, b, beta);
            double[] e = new double[n];
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double fit = 0;
                for (int j = 0; j < p; j++) {
                    fit += xs[i * p + j] * beta[j];
                }
                e[i] = ys[i] - fit;
                rss += e[i] * e[i];
            }
            return new Fit(p, l, beta, e, rss);
        }

        /**
         * The RSS with the shift column added, given its {@code after} rows' sums of the residuals ({@code se}) and
         * of the rows ({@code sum}); the one-segment RSS if the column is (numerically) in the span of X.
         */
        double shiftedRss(double se, double[] sum, int after, double[] scratch) {
            double zz = after - SmallCholesky.quadraticForm(l, p, sum, scratch);
            return zz > 1e-9 * after ? rss - se * se / zz : rss;
        }
    }

    /** Minimal segment of the dating: regressors + 2. */
    private int hMin() {
        return p + 2;
    }

    private int maxLag() {
        return cfg.lags();
    }

    /** Regressors for a period: the intercept, the lags and the season's {@link #seasonTerms}. */
    private int regressors(int m) {
        return 1 + cfg.lags() + seasonTerms(m);
    }

    /** The season's regressors at period m: cos and sin of its first harmonic, cos alone at m = 2 (sin is 0). */
    static int seasonTerms(int m) {
        return m <= 1 ? 0 : m == 2 ? 1 : 2;
    }

    /** The value of tick index i (must be in the ring). */
    private double valueAt(long i) {
        int back = (int) (ticks - 1 - i);
        int j = head - 1 - back;
        return values[j < 0 ? j + values.length : j];
    }

    private long stampAt(long i) {
        int back = (int) (ticks - 1 - i);
        int j = head - 1 - back;
        return stamps[j < 0 ? j + stamps.length : j];
    }

    /** Whether tick i has a full row: i in the regime and all its lags in the ring. */
    private boolean hasRow(long i) {
        return i >= regimeStart && i - maxLag() >= 0 && i - maxLag() >= ticks - count;
    }

    /** Fills {@link #x} with the row of tick i; returns the centred response. */
    private double row(long i, double[] into, int offset) {
        into[offset] = 1.0;
        int j = 1;
        for (int lag = 1; lag <= cfg.lags(); lag++) {
            into[offset + j++] = valueAt(i - lag) - c;
        }
        if (period > 1) {
            double angle = 2 * Math.PI * (i % period) / period;
            into[offset + j++] = Math.cos(angle);
            if (period > 2) {
                into[offset + j] = Math.sin(angle);
            }
        }
        return valueAt(i) - c;
    }

    /**
     * Adds tick t's row to the regime's regression: returns its q statistic, NaN while undefined (too few rows, a
     * singular design, no earlier residual to standardise by, or no row).
     */
    private double addRow(long t) {
        phiNow = Double.NaN;
        if (!hasRow(t)) {
            return Double.NaN;
        }
        if (Double.isNaN(c)) {
            c = valueAt(t - 1 >= 0 && t - 1 >= ticks - count ? t - 1 : t);
        }
        double y = row(t, x, 0);
        double q = Double.NaN;
        if (regimeRows >= p) {
            double w = recursiveResidual(xtx, xty, p, x, y, l, beta, solved, cfg.lags() >= 1);
            // beta holds the prediction's coefficients, the lag-1 one bias-corrected
            phiNow = Double.isNaN(w) || cfg.lags() < 1 ? Double.NaN : beta[1];
            if (Double.isNaN(w)) {
                undefined++;
            } else {
                if (nu >= 1) {
                    double raw = qStatistic(w, ss / nu, nu);
                    q = raw / longRunScale();
                    addQ(raw);
                }
                ss += w * w;
                nu++;
            }
        }
        addRow(xtx, xty, p, x, y);
        regimeRows++;
        return q;
    }

    /**
     * The recursive residual of row (x, y) given the earlier rows' X'X (lower triangle) and X'y:
     * {@code (y − x'β̂) / √(1 + x'(X'X)⁻¹x)}; NaN if X'X is singular. {@code l}, {@code beta}, {@code scratch}
     * (length ≥ p²,  p, p) are modified.
     */
    static double recursiveResidual(double[] xtx, double[] xty, int p, double[] x, double y, double[] l,
                                    double[] beta, double[] scratch) {
        return recursiveResidual(xtx, xty, p, x, y, l, beta, scratch, false);
    }

    /**
     * As {@link #recursiveResidual(double[], double[], int, double[], double, double[], double[], double[])}, with
     * the prediction's lag-1 coefficient (regressor 1) bias-corrected if {@code correct}: the least-squares
     * coefficient φ̂ of an autoregression with an intercept is biased towards zero by about (1 + 3φ)/n (Kendall 1954;
     * Marriott &amp; Pope 1954), the more so near a unit root, and its one-step predictions then revert to the sample
     * mean faster than the series does — errors of one sign for as long as the series stays on one side of it, which
     * a CUSUM accumulates. The prediction uses φ̃ = min(1, φ̂ + (1 + 3φ̂)/n), n the rows fitted, and the intercept
     * that keeps the fit through the rows' means (the first normal equation); the leverage term is unchanged.
     */
    static double recursiveResidual(double[] xtx, double[] xty, int p, double[] x, double y, double[] l,
                                    double[] beta, double[] scratch, boolean correct) {
        if (!SmallCholesky.factor(xtx, p, l)) {
            return Double.NaN;
        }
        SmallCholesky.solve(l, p, xty, beta);
        if (correct && p >= 2) {
            double n = xtx[0];
            double b = beta[1];
            double corrected = Math.min(1.0, b + (1 + 3 * b) / n);
            // n·β₀ + Σx₁·β₁ + … = Σy: move β₀ with β₁ (xtx[p] = Σx₁, lower triangle)
            beta[0] -= (corrected - b) * xtx[p] / n;
            beta[1] = corrected;
        }
        double fit = 0;
        for (int i = 0; i < p; i++) {
            fit += x[i] * beta[i];
        }
        double lev = SmallCholesky.quadraticForm(l, p, x, scratch);
        return (y - fit) / Math.sqrt(1 + lev);
    }

    /** Adds row (x, y) to X'X (lower triangle) and X'y. */
    static void addRow(double[] xtx, double[] xty, int p, double[] x, double y) {
        for (int i = 0; i < p; i++) {
            double xi = x[i];
            for (int j = 0; j <= i; j++) {
                xtx[i * p + j] += xi * x[j];
            }
            xty[i] += xi * y;
        }
    }

    /**
     * Quesenberry's Q: Φ⁻¹(T_ν(w / s)), from the smaller tail (so that large |t| keep their digits), capped at
     * ±{@value #Q_CAP}; NaN if undefined (0/0).
     */
    static double qStatistic(double w, double s2, long nu) {
        double t = w / Math.sqrt(s2);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (t == 0) {
            return 0.0;
        }
        double tail;
        if (Double.isInfinite(t)) {
            tail = 0;
        } else {
            double df = nu;
            // P(T > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2
            tail = 0.5 * Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5);
        }
        double z = tail <= 0 ? Q_CAP : Math.min(Q_CAP, SQRT2 * Erf.erfcInv(2 * tail));
        return t > 0 ? z : -z;
    }

    /**
     * The square root of the q statistics' long-run variance relative to their variance, 1 + 2Σ_j (1 − j/(J + 1)) ρ_j
     * over the regime's q statistics at least {@link #LR_DELAY} ticks old, clamped to [1, {@link #LR_MAX}]; until
     * {@link #LR_MIN} of them, the one the regime before ended with ({@link #carriedLr}: 1 before the first signal).
     * A regime cut by a signal is young, and without it a persistent series (a smooth curve's one-step errors stay
     * one-signed for tens of ticks) is cut again before its new regime can measure that persistence: a staircase of
     * signals (14 on TCPD's us_population, 7 with it). The first signal of a stream is unaffected, so the
     * false-alarm guarantee, stated for the first alarm, is too. The CUSUM's threshold is for independent increments; near a unit root, or with a
     * deterministic season the lags only approximate, the q statistics of a stable regime stay positively
     * autocorrelated (the fit's errors persist), and a CUSUM of such increments alarms as if its threshold were
     * lower by the long-run standard deviation (the increments are divided by it). Delayed so that a break's run of
     * one-signed q statistics does not inflate it before it is detected.
     */
    private double longRunScale() {
        long n = qCount - LR_DELAY;
        if (n < LR_MIN || !(acov[0] > 0)) {
            return carriedLr > 1 ? Math.sqrt(carriedLr) : 1.0;
        }
        double lr = 1;
        for (int j = 1; j <= LR_LAGS; j++) {
            lr += 2 * (1 - j / (double) (LR_LAGS + 1)) * acov[j] / acov[0];
        }
        return Math.sqrt(Math.max(1.0, Math.min(LR_MAX, lr)));
    }

    /** Adds a q statistic; the one {@link #LR_DELAY} ticks older enters the autocovariances. */
    private void addQ(double q) {
        qs[(int) (qCount % qs.length)] = q;
        qCount++;
        long i = qCount - 1 - LR_DELAY;
        if (i < 0) {
            return;
        }
        double qi = qs[(int) (i % qs.length)];
        acov[0] += qi * qi;
        for (int j = 1; j <= LR_LAGS && j <= i; j++) {
            acov[j] += qi * qs[(int) ((i - j) % qs.length)];
        }
    }

    /** Restarts the regime at tick {@code start} with period m: nothing fitted, the CUSUM at zero. */
    private void restart(long start, int m) {
        period = m;
        p = regressors(m);
        regimeStart = start;
        c = Double.NaN;
        regimeRows = 0;
        java.util.Arrays.fill(xtx, 0);
        java.util.Arrays.fill(xty, 0);
        ss = 0;
        nu = 0;
        qCount = 0;
        java.util.Arrays.fill(qs, 0);
        java.util.Arrays.fill(acov, 0);
        resetCusum(start);
    }

    /** Restarts the regime at tick {@code from} with the period in use and refits its rows up to the latest tick. */
    private void refit(long from) {
        restart(from, period);
        for (long i = from; i < ticks; i++) {
            addRow(i);
        }
    }

    /** The rows the dating reads at tick t: the regime's within the last {@code window}, and their dating. */
    private record Window(long t, long first, int n, double[] xs, double[] ys, BreakDating.Result dating) {
    }

    private Window window(long t) {
        long first = regimeStart;
        long oldestRow = Math.max(ticks - count + maxLag(), Math.max(0, maxLag()));
        first = Math.max(first, Math.max(oldestRow, t - cfg.window() + 1));
        int n = (int) (t - first + 1);
        double[] xs = new double[n * p];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = row(first + i, xs, i * p);
        }
        BreakDating.Result d = n >= 2 * hMin() ? BreakDating.date(xs, ys, n, p, hMin(), cfg.level()) : null;
        return new Window(t, first, n, xs, ys, d);
    }

    /**
     * The CUSUM from zero at tick t, no alarm pending: on a restart, and on an alarm a bend explains — then in the
     * same regime, without a signal (its fit goes on, so a curve that keeps bending alarms again and is checked again
     * on more rows).
     */
    private void resetCusum(long t) {
        sPlus = 0;
        sMinus = 0;
        zeroPlus = t;
        zeroMinus = t;
        pendingUntil = -1;
        pendingChange = -1;
    }

    /**
     * Whether a bend explains the values around a dated split as well as a break does: the alarm of a smooth curve
     * (a trend whose slope changes gradually, as a population's growth does) and the alarm of a change are both real
     * at the regime's own noise level — its one-step errors stay one-signed either way — but only the change is
     * abrupt. On the rows around the split, as many before it as after it (at least {@code minHalf} before), two
     * curves with the season's harmonic are fitted by least squares: a <b>bend</b>, a cubic in time, and a
     * <b>break</b>, a line with a jump and a change of slope at the split — four coefficients each, so their residual
     * sums of squares compare as they are: a break that fits no better than a bend is not one. (A quadratic bend,
     * one coefficient fewer, dismissed fewer of a smooth curve's alarms: docs/breaks.md.)
     *
     * @param ys      the window's values (any common offset), oldest first
     * @param n       their number
     * @param split   the dated split: index of the first row after the change
     * @param first   tick index of ys[0] (the season's phase)
     * @param period  the season in use (≤ 1: none)
     * @param minHalf the fewest rows before the split
     * @return true if the break's residual sum of squares is not below the bend's (false if either fit is singular
     *         or not finite)
     */
    static boolean aBendExplains(double[] ys, int n, int split, long first, int period, int minHalf) {
        int from = Math.max(0, split - Math.max(n - split, minHalf));
        int m = n - from;
        int season = period > 1 ? seasonTerms(period) : 0;
        int k = 4 + season;
        double[] bend = new double[m * k];
        double[] brk = new double[m * k];
        double[] y = new double[m];
        double at = (split - from - m / 2.0) / m;
        for (int i = 0; i < m; i++) {
            double s = (i - m / 2.0) / m;
            boolean after = from + i >= split;
            int a = i * k;
            bend[a] = 1;
            bend[a + 1] = s;
            bend[a + 2] = s * s;
            bend[a + 3] = s * s * s;
            brk[a] = 1;
            brk[a + 1] = s;
            brk[a + 2] = after ? 1 : 0;
            brk[a + 3] = after ? s - at : 0;
            if (season > 0) {
                double angle = 2 * Math.PI * ((first + from + i) % period) / period;
                bend[a + 4] = brk[a + 4] = Math.cos(angle);
                if (season > 1) {
                    bend[a + 5] = brk[a + 5] = Math.sin(angle);
                }
            }
            y[i] = ys[from + i];
        }
        // scaled by a power of two near their largest magnitude: the same bits as unscaled wherever those do not
        // overflow or underflow (prices of 1e200, of 1e-200), so the answer does not depend on the values' unit
        double largest = 0;
        for (int i = 0; i < m; i++) {
            largest = Math.max(largest, Math.abs(y[i]));
        }
        if (largest > 0 && Double.isFinite(largest)) {
            int e = Math.getExponent(largest);
            for (int i = 0; i < m; i++) {
                y[i] = Math.scalb(y[i], -e);
            }
        }
        Fit fBend = Fit.of(bend, y, m, k);
        Fit fBreak = Fit.of(brk, y, m, k);
        return fBend != null && fBreak != null && Double.isFinite(fBend.rss) && Double.isFinite(fBreak.rss)
                && fBreak.rss >= fBend.rss;
    }

    /** Dates the break in the window's rows, then restarts the regime at it and refits the rows since. */
    private void dateAndRestart(Window w) {
        long t = w.t();
        long first = w.first();
        int n = w.n();
        double[] xs = w.xs();
        double[] ys = w.ys();
        BreakDating.Result d = w.dating();
        long at;
        if (d != null) {
            at = first + d.breakpoint();
            lastF = d.f();
            lastLowerTs = d.hasInterval() ? stampAt(clamp(first + d.lower(), first, t)) : Long.MIN_VALUE;
            lastUpperTs = d.hasInterval() ? stampAt(clamp(first + d.upper(), first, t)) : Long.MIN_VALUE;
            lastRegimes = regimes(xs, ys, n, d);
        } else {
            lastRegimes = null;
            at = clamp(pendingChange + 1, first, t);
            lastF = Double.NaN;
            lastLowerTs = Long.MIN_VALUE;
            lastUpperTs = Long.MIN_VALUE;
        }
        lastBreakTs = stampAt(at);
        double scale = longRunScale();
        carriedLr = scale * scale;
        refit(at);
    }

    /** The dated segments' mean values (the responses are centred at c), residual sds and what changed. */
    private Regimes regimes(double[] xs, double[] ys, int n, BreakDating.Result d) {
        int n1 = d.breakpoint();
        double before = 0;
        double after = 0;
        for (int i = 0; i < n; i++) {
            if (i < n1) {
                before += ys[i];
            } else {
                after += ys[i];
            }
        }
        int n2 = n - n1;
        String kind = classify(xs, ys, n, p, d, cfg.lags() >= 1);
        boolean slope = kind.equals(SLOPE);
        return new Regimes(kind, n1 > 0 ? c + before / n1 : Double.NaN,
                slope && n1 >= 2 ? (ys[n1 - 1] - ys[0]) / (n1 - 1) : Double.NaN,
                n1 > p ? Math.sqrt(Math.max(0, d.rss1()) / (n1 - p)) : Double.NaN,
                n2 > 0 ? c + after / n2 : Double.NaN,
                slope && n2 >= 2 ? (ys[n - 1] - ys[n1]) / (n2 - 1) : Double.NaN,
                n2 > p ? Math.sqrt(Math.max(0, d.rss2()) / (n2 - p)) : Double.NaN);
    }

    /**
     * What changed at a dated split of rows {@code [0, n)} (design xs, n × p, the intercept first and, when
     * {@code lagged}, y_{t−1} second), by nested F tests at {@value #KIND_LEVEL}: the split's own fits (every
     * coefficient changing, RSS₁ + RSS₂) against a shift of the intercept alone at the same place (RSS_L): if the
     * other coefficients' change is significant, {@value #DYNAMICS}; otherwise, if the intercept's shift is
     * significant against one segment (RSS₀), {@value #LEVEL} — or {@value #SLOPE} when the one-segment fit's lag-1
     * coefficient is ≥ {@value MonitorConfig#UNIT_ROOT_PHI} (near a unit root the intercept is the drift); otherwise
     * {@value #VARIANCE} if the segments' residual variances differ significantly (two-sided), else {@value #DYNAMICS}.
     */
    static String classify(double[] xs, double[] ys, int n, int p, BreakDating.Result d, boolean lagged) {
        int n1 = d.breakpoint();
        int n2 = n - n1;
        double rssFull = d.rss1() + d.rss2();
        int dfFull = n - 2 * p;
        if (n1 <= p || n2 <= p || dfFull < 1 || !(rssFull > 0)) {
            return DYNAMICS;
        }
        double[] fit = new double[2];
        double rssLevel = levelShiftRss(xs, ys, n, p, n1, fit);
        if (Double.isNaN(rssLevel)) {
            return DYNAMICS;
        }
        if (p > 1) {
            double extra = ((rssLevel - rssFull) / (p - 1)) / (rssFull / dfFull);
            if (extra > fQuantile(p - 1, dfFull, KIND_LEVEL)) {
                return DYNAMICS;
            }
        }
        int dfLevel = n - p - 1;
        double shift = (d.rss() - rssLevel) / (rssLevel / dfLevel);
        if (dfLevel >= 1 && shift > fQuantile(1, dfLevel, KIND_LEVEL)) {
            return lagged && fit[1] >= MonitorConfig.UNIT_ROOT_PHI ? SLOPE : LEVEL;
        }
        double ratio = (d.rss2() / (n2 - p)) / (d.rss1() / (n1 - p));
        double tail = (1 - KIND_LEVEL) / 2;
        org.hipparchus.distribution.continuous.FDistribution f =
                new org.hipparchus.distribution.continuous.FDistribution(n2 - p, n1 - p);
        if (d.rss1() > 0 && (ratio > f.inverseCumulativeProbability(1 - tail) || ratio < f.inverseCumulativeProbability(tail))) {
            return VARIANCE;
        }
        return DYNAMICS;
    }

    private static double fQuantile(int df1, int df2, double level) {
        return new org.hipparchus.distribution.continuous.FDistribution(df1, df2).inverseCumulativeProbability(level);
    }

    /**
     * The RSS of rows {@code [0, n)} with a shift of the intercept at row {@code tau} (the column 1[i ≥ τ] added).
     * {@code fit} receives the one-segment fit's first two coefficients. NaN if the design is singular.
     */
    static double levelShiftRss(double[] xs, double[] ys, int n, int p, int tau, double[] fit) {
        Fit one = Fit.of(xs, ys, n, p);
        if (one == null) {
            return Double.NaN;
        }
        fit[0] = one.beta[0];
        fit[1] = p > 1 ? one.beta[1] : Double.NaN;
        double se = 0;
        double[] sum = new double[p];
        for (int i = tau; i < n; i++) {
            se += one.e[i];
            for (int j = 0; j < p; j++) {
                sum[j] += xs[i * p + j];
            }
        }
        return one.shiftedRss(se, sum, n - tau, new double[p]);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ---------------------------------------------------------------- state

    /** Bytes {@link #writeState} writes now. */
    public int stateBytes() {
        return configBytes() + 4 + 8 + 16 * count + 4 * 8 + 4 + 8 + 8 + 8 + 4 + 8 * (p * p + p) + 8 + 8 + 8 + 8 + 8 + 8
                + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 * (qs.length + acov.length);
    }

    /** The most bytes {@link #writeState} will write (a full ring, the seasonal design). */
    public int maxStateBytes() {
        int pMax = 1 + cfg.lags() + 2;
        return stateBytes() - 16 * count + 16 * values.length - 8 * (p * p + p) + 8 * (pMax * pMax + pMax);
    }

    private static int configBytes() {
        return 4 + 4 + 8 + 4 + 8 + 4 + 8 + 4;
    }

    /**
     * Writes the configuration (checked on read), the ring (count, values and timestamps oldest first), the tick
     * count, the regime and the CUSUM, the counters and the latest signal, big-endian, doubles as raw bits.
     */
    public void writeState(ByteBuffer out) {
        out.putInt(cfg.lags()).putInt(cfg.history()).putDouble(cfg.alpha()).putInt(cfg.horizon())
                .putDouble(cfg.shift()).putInt(cfg.window()).putDouble(cfg.level()).putInt(cfg.maxPeriod());
        out.putInt(count).putLong(ticks);
        for (int i = 0; i < count; i++) {
            long idx = ticks - count + i;
            out.putDouble(valueAt(idx)).putLong(stampAt(idx));
        }
        out.putDouble(lastStatistic).putLong(lastBreakTs).putLong(lastLowerTs).putLong(lastUpperTs);
        out.putInt(period).putLong(regimeStart).putDouble(c).putLong(regimeRows).putInt(p);
        for (int i = 0; i < p * p; i++) {
            out.putDouble(xtx[i]);
        }
        for (int i = 0; i < p; i++) {
            out.putDouble(xty[i]);
        }
        out.putDouble(ss).putLong(nu).putDouble(sPlus).putDouble(sMinus).putLong(zeroPlus).putLong(zeroMinus)
                .putLong(pendingUntil).putLong(pendingChange).putLong(signals).putLong(undefined).putDouble(lastF)
                .putDouble(h).putDouble(k).putDouble(carriedLr);
        out.putLong(qCount);
        for (double v : qs) {
            out.putDouble(v);
        }
        for (double v : acov) {
            out.putDouble(v);
        }
    }

    /**
     * Reads what {@link #writeState} wrote into a monitor of {@code cfg}.
     *
     * @throws IllegalArgumentException if the state is of another configuration or inconsistent
     */
    public static BreakMonitor readState(ByteBuffer in, MonitorConfig cfg) {
        return readState(in, cfg, false);
    }

    /**
     * As {@link #readState(ByteBuffer, MonitorConfig)}; {@code seasonByLags} for a record of TCBM version 2, whose
     * season was the lags y_{t−m}, y_{t−m−1}: with a season in use its regime is refitted with the harmonic from the
     * values in the ring (as after a dated break: the CUSUM starts again at zero).
     */
    public static BreakMonitor readState(ByteBuffer in, MonitorConfig cfg, boolean seasonByLags) {
        int lags = in.getInt();
        int history = in.getInt();
        double alpha = in.getDouble();
        int horizon = in.getInt();
        double shift = in.getDouble();
        int window = in.getInt();
        double level = in.getDouble();
        int maxPeriod = in.getInt();
        if (lags != cfg.lags() || history != cfg.history() || alpha != cfg.alpha() || horizon != cfg.horizon()
                || shift != cfg.shift() || window != cfg.window() || level != cfg.level() || maxPeriod != cfg.maxPeriod()) {
            throw new IllegalArgumentException("stored break monitor has lags " + lags + ", history " + history
                    + ", alpha " + alpha + ", horizon " + horizon + ", shift " + shift + ", window " + window + ", level "
                    + level + ", max period " + maxPeriod + "; configured " + cfg
                    + " (use a new application.id after changing breaks.*)");
        }
        BreakMonitor mo = new BreakMonitor(cfg);
        int n = in.getInt();
        long ticks = in.getLong();
        if (n < 0 || n > mo.values.length || n > ticks) {
            throw new IllegalArgumentException("break monitor state: " + n + " values of " + ticks + " ticks");
        }
        for (int i = 0; i < n; i++) {
            mo.values[i] = in.getDouble();
            mo.stamps[i] = in.getLong();
        }
        mo.count = n;
        mo.head = n == mo.values.length ? 0 : n;
        mo.ticks = ticks;
        mo.lastStatistic = in.getDouble();
        mo.lastBreakTs = in.getLong();
        mo.lastLowerTs = in.getLong();
        mo.lastUpperTs = in.getLong();
        int period = in.getInt();
        if (period < 1 || period > cfg.maxPeriod()) {
            throw new IllegalArgumentException("break monitor state: period " + period);
        }
        mo.period = period;
        mo.regimeStart = in.getLong();
        mo.c = in.getDouble();
        mo.regimeRows = in.getLong();
        int p = in.getInt();
        int lagged = 1 + cfg.lags() + (period > 1 ? 2 : 0);
        if (p != (seasonByLags ? lagged : mo.regressors(period))) {
            throw new IllegalArgumentException("break monitor state: " + p + " regressors at period " + period);
        }
        mo.p = p;
        for (int i = 0; i < p * p; i++) {
            mo.xtx[i] = in.getDouble();
        }
        for (int i = 0; i < p; i++) {
            mo.xty[i] = in.getDouble();
        }
        mo.ss = in.getDouble();
        mo.nu = in.getLong();
        mo.sPlus = in.getDouble();
        mo.sMinus = in.getDouble();
        mo.zeroPlus = in.getLong();
        mo.zeroMinus = in.getLong();
        mo.pendingUntil = in.getLong();
        mo.pendingChange = in.getLong();
        mo.signals = in.getLong();
        mo.undefined = in.getLong();
        mo.lastF = in.getDouble();
        double storedH = in.getDouble();
        double storedK = in.getDouble();
        // reserved (0) before the carried long-run variance: 0.0 reads as none carried
        double carried = in.getDouble();
        if (!(carried == 0 || carried >= 1 && carried <= LR_MAX)) {
            throw new IllegalArgumentException("break monitor state: carried long-run variance " + carried);
        }
        mo.carriedLr = carried;
        if (storedH != mo.h || storedK != mo.k) {
            throw new IllegalArgumentException("break monitor state: threshold " + storedH + " and reference " + storedK
                    + ", this build computes " + mo.h + " and " + mo.k);
        }
        mo.qCount = in.getLong();
        if (mo.qCount < 0) {
            throw new IllegalArgumentException("break monitor state: " + mo.qCount + " q statistics");
        }
        for (int i = 0; i < mo.qs.length; i++) {
            mo.qs[i] = in.getDouble();
        }
        for (int i = 0; i < mo.acov.length; i++) {
            mo.acov[i] = in.getDouble();
        }
        if (seasonByLags && period > 1) {
            mo.refit(Math.max(mo.regimeStart, mo.ticks - mo.count));
        }
        return mo;
    }
}
