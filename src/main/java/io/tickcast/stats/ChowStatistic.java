package io.tickcast.stats;

/**
 * The Chow statistics from residual sums of squares, and strucchange's range of candidate breakpoints:
 * the formulas that {@link RollingChow} and the fresh QR reference of the tests ({@code ChowTest} in the
 * test tree) share, written once.
 */
final class ChowStatistic {

    /** Two-segment fits with RSS1 + RSS2 at or below this fraction of the pooled RSS are "perfect". */
    static final double PERFECT_FIT_TOL = 1e-10;
    /** Absolute accuracy of the F quantile (Hipparchus' default is 1e-9). */
    static final double QUANTILE_ACCURACY = 1e-13;

    private ChowStatistic() {
    }

    /**
     * The Chow F {@code ((RSS - (RSS1 + RSS2)) / k) / ((RSS1 + RSS2) / df2)} with {@code df2 = n - 2k};
     * NaN if any RSS is NaN, {@code df2 < 1} or the two-segment fit is perfect
     * ({@code RSS1 + RSS2 <= PERFECT_FIT_TOL * RSS}).
     */
    static double chowF(double rss, double rss1, double rss2, int k, int df2) {
        double rssU = rss1 + rss2;
        if (Double.isNaN(rss) || Double.isNaN(rssU) || !(rssU > PERFECT_FIT_TOL * rss) || df2 < 1) {
            return Double.NaN;
        }
        return ((rss - rssU) / k) / (rssU / df2);
    }

    /**
     * strucchange's {@code Fstats} statistic {@code (RSS - RSS_2seg) / (RSS_2seg / df2)}, which is
     * k times the Chow F; NaN under the same conditions as {@link #chowF}.
     */
    static double fstatsF(double rss, double rss1, double rss2, int df2) {
        double rssU = rss1 + rss2;
        if (Double.isNaN(rss) || Double.isNaN(rssU) || !(rssU > PERFECT_FIT_TOL * rss) || df2 < 1) {
            return Double.NaN;
        }
        return (rss - rssU) / (rssU / df2);
    }

    /**
     * strucchange's candidate range {@code {from, to}} (counts of observations in the first segment) for
     * {@code Fstats(from = trim)} on n observations and k regressors: {@code from = floor(trim n)},
     * {@code to = n - from}, then clamped to {@code [k + 1, n - k - 1]}.
     */
    static int[] scanRange(int n, int k, double trim) {
        int from = (int) Math.floor(trim * n);
        int to = n - from;
        if (from < k + 1) {
            from = k + 1;
        }
        if (to > n - k - 1) {
            to = n - k - 1;
        }
        return new int[] {from, to};
    }
}
