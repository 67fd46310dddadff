package io.tickcast.stats;

/**
 * The test on the current window of a {@link RollingChow}, one per tick.
 *
 * @param defined false during warm-up (fewer than {@code window} pairs) and for degenerate windows;
 *        then f, fCrit and pValue are NaN, breakIndex is -1 and breakTs is {@link Long#MIN_VALUE}
 * @param f FIXED: the Chow F at the middle of the window; SCAN: sup-F on strucchange's
 *        {@code Fstats} scale (k times the Chow F at the maximising breakpoint)
 * @param fCrit critical value of f at alpha (same scale as f)
 * @param pValue FIXED: 1 - F(k, n - 2k) cdf; SCAN: Hansen's (1997) approximation
 * @param alpha the configured significance level
 * @param n number of (x, y) pairs in the window
 * @param k number of regressors
 * @param mode FIXED or SCAN
 * @param breakIndex how many ticks ago the first observation after the (estimated) break arrived
 *        (0 = the current tick)
 * @param breakTs timestamp of that observation
 * @param signal true on the tick the detector decides to report a break (see {@link RollingChow})
 */
public record ChowResult(boolean defined, double f, double fCrit, double pValue, double alpha, int n, int k,
        ChowMode mode, int breakIndex, long breakTs, boolean signal) {

    static ChowResult undefined(double alpha, int n, int k, ChowMode mode) {
        return new ChowResult(false, Double.NaN, Double.NaN, Double.NaN, alpha, n, k, mode, -1, Long.MIN_VALUE,
                false);
    }
}
