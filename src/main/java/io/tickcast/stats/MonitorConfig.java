package io.tickcast.stats;

/**
 * The options of the break monitor ({@link BreakMonitor}), validated, with the CUSUM threshold they imply.
 *
 * @param lags      autoregressive lags in the monitored regression (besides the intercept and the seasonal lags m and
 *                  m + 1 when a period m &gt; 1 is in use)
 * @param history   rows of a regime fitted before its monitoring starts
 * @param alpha     the false-alarm budget: P(any false alarm within {@code horizon} monitored ticks) ≤ alpha
 * @param horizon   the ticks over which alpha holds
 * @param shift     the shift of the standardised residuals, in standard deviations, the CUSUM is tuned for: its
 *                  reference value k is shift / 2
 * @param window    most rows of a regime the dating reads (the latest)
 * @param level     confidence level of the break date's interval
 * @param maxPeriod the longest seasonal period the monitor may be given (sizes its ring of values)
 * @param threshold the CUSUM threshold h for (shift / 2, alpha, horizon) ({@link CusumRunLength#threshold})
 * @param unitRootThreshold the threshold used while the regime's fitted persistence is at least
 *                  {@value #UNIT_ROOT_PHI}: the one for (shift / 2, {@value #UNIT_ROOT_ALPHA_SHARE} · alpha, horizon),
 *                  never below {@code threshold}
 * @param bend      whether an alarm that a bend explains as well as a break is dismissed
 *                  ({@link BreakMonitor#aBendExplains}); on by default
 */
public record MonitorConfig(int lags, int history, double alpha, int horizon, double shift, int window, double level,
                            int maxPeriod, double threshold, double unitRootThreshold, boolean bend) {

    public static final int DEFAULT_LAGS = 1;
    public static final int DEFAULT_HISTORY = 20;
    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_HORIZON = 1000;
    public static final double DEFAULT_SHIFT = 1.0;
    public static final int DEFAULT_WINDOW = 200;
    public static final double DEFAULT_LEVEL = 0.95;
    /** Most autoregressive lags. */
    public static final int MAX_LAGS = 10;
    /**
     * The fitted persistence from which the regime counts as near a unit root: the bias-corrected lag-1 coefficient
     * φ̃ of the regime's fit (random walks: φ̃ ≥ 0.97 from about 100 rows on; AR(0.9) noise stays below it).
     */
    public static final double UNIT_ROOT_PHI = 0.97;
    /**
     * The share of alpha the threshold near a unit root is computed for. Near a unit root the q statistics of a
     * stable regime stay positively correlated beyond what the long-run variance corrects, and at the nominal h the
     * random walk's false-alarm fraction was 0.059 (docs/breaks.md); chosen by simulation so that it is under alpha.
     */
    public static final double UNIT_ROOT_ALPHA_SHARE = 0.7;

    public MonitorConfig {
        if (lags < 0 || lags > MAX_LAGS) {
            throw new IllegalArgumentException("lags must be in [0, " + MAX_LAGS + "], got " + lags);
        }
        if (maxPeriod < 1) {
            throw new IllegalArgumentException("maxPeriod must be >= 1, got " + maxPeriod);
        }
        int p = 1 + lags + (maxPeriod > 1 ? 2 : 0);
        if (history < p + 2) {
            throw new IllegalArgumentException("history must be at least " + (p + 2) + " rows (regressors + 2), got "
                    + history);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (!(shift > 0) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("shift must be finite and > 0, got " + shift);
        }
        if (window < 4 * (p + 2)) {
            throw new IllegalArgumentException("window must be at least 4 (regressors + 2) = " + 4 * (p + 2) + ", got "
                    + window);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        if (!(unitRootThreshold >= threshold) || !Double.isFinite(unitRootThreshold)) {
            throw new IllegalArgumentException("unitRootThreshold must be finite and >= threshold " + threshold + ", got "
                    + unitRootThreshold);
        }
    }

    /**
     * A configuration whose thresholds are computed from (shift / 2, alpha, horizon) and (shift / 2,
     * {@value #UNIT_ROOT_ALPHA_SHARE} · alpha, horizon): a fraction of a second.
     */
    public static MonitorConfig of(int lags, int history, double alpha, int horizon, double shift, int window,
                                   double level, int maxPeriod) {
        if (!(shift > 0) || !Double.isFinite(shift) || !(alpha > 0 && alpha < 1) || horizon < 1) {
            // the record's checks, before the threshold's
            return new MonitorConfig(lags, history, alpha, horizon, shift, window, level, maxPeriod, Double.NaN,
                    Double.NaN, true);
        }
        return new MonitorConfig(lags, history, alpha, horizon, shift, window, level, maxPeriod,
                CusumRunLength.threshold(shift / 2, alpha, horizon),
                CusumRunLength.threshold(shift / 2, UNIT_ROOT_ALPHA_SHARE * alpha, horizon), true);
    }

    /** The same configuration with the bend check ({@code breaks.bend}) on or off. */
    public MonitorConfig withBend(boolean on) {
        return new MonitorConfig(lags, history, alpha, horizon, shift, window, level, maxPeriod, threshold,
                unitRootThreshold, on);
    }

    /** The defaults, for periods up to {@code maxPeriod}. */
    public static MonitorConfig defaults(int maxPeriod) {
        return of(DEFAULT_LAGS, DEFAULT_HISTORY, DEFAULT_ALPHA, DEFAULT_HORIZON, DEFAULT_SHIFT, DEFAULT_WINDOW,
                DEFAULT_LEVEL, maxPeriod);
    }

    /** The CUSUM's reference value k = shift / 2. */
    public double reference() {
        return shift / 2;
    }

    /** Values the monitor keeps: the window's rows and their lags at the longest period. */
    public int capacity() {
        return window + Math.max(lags, maxPeriod > 1 ? maxPeriod + 1 : 0) + 1;
    }
}
