package io.tickcast.stats;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Asymptotic p-value of Andrews' (1993) sup-F statistic by Hansen's (1997) approximation, ported
 * from R strucchange's {@code pvalue.Fstats(x, type = "supF", k, lambda)} (strucchange 1.5.3,
 * the function {@code sctest.Fstats} calls for {@code type = "supF"}):
 *
 * <pre>
 *   tau   = lambda &lt; 1 ? lambda : 1 / (1 + sqrt(lambda))
 *   pp[i] = 1 - pchisq(max(0, B0[i] + B1[i] * x), DF[i])       i = 1..25, tau_i = 0.51 - i / 50
 *   p     = 1 - pchisq(x, k)                                    if tau == 0.5
 *         = pp[25]                                              if tau &lt;= 0.01
 *         = 100 ((0.5 - tau) pp[1] + (tau - 0.49) (1 - pchisq(x, k)))   if tau &gt;= 0.49
 *         = linear interpolation of pp in tau                   otherwise
 * </pre>
 *
 * with {@code (B0, B1, DF)} the rows of {@link HansenSupFTable} for k regressors and
 * {@code lambda = ((n - from) to) / (from (n - to))} the trimming ratio of {@code Fstats}.
 * The statistic {@code x} is on strucchange's {@code Fstats} scale: {@code (RSS - RSS_2seg) /
 * (RSS_2seg / (n - 2k))}, which is k times the Chow F ({@link ChowStatistic}).
 *
 * <p>An instance fixes (k, lambda), so that the per-tick p-value costs two chi-square CDFs.
 * Chi-square CDFs are Hipparchus' {@link ChiSquaredDistribution}. Immutable.
 */
public final class SupFPValue {

    // Evaluation: p = wa * tailA(x) + wb * tailB(x); a "row" of -1 means 1 - pchisq(x, k).
    private final int rowA;
    private final int rowB;
    private final double wa;
    private final double wb;
    private final boolean scaled100;
    private final ChiSquaredDistribution chiA;
    private final ChiSquaredDistribution chiB;

    /**
     * @param k number of regressors, 1..40 (strucchange uses k = 40 above 40; here it is an error)
     * @param lambda trimming ratio ((n - from) to) / (from (n - to)), &gt; 0
     */
    public SupFPValue(int k, double lambda) {
        if (k < 1 || k > HansenSupFTable.MAX_K) {
            throw new IllegalArgumentException("k must be in [1, " + HansenSupFTable.MAX_K + "], was " + k);
        }
        if (!(lambda > 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive and finite, was " + lambda);
        }
        // Trimming as strucchange interpolates it.
        double tau = lambda < 1 ? lambda : 1 / (1 + Math.sqrt(lambda));
        int base = (k - 1) * HansenSupFTable.ROWS_PER_K;
        if (tau == 0.5) {
            rowA = -1;
            rowB = -1;
            wa = 1.0;
            wb = 0.0;
            scaled100 = false;
        } else if (tau <= 0.01) {
            rowA = base + 24;
            rowB = -1;
            wa = 1.0;
            wb = 0.0;
            scaled100 = false;
        } else if (tau >= 0.49) {
            rowA = base;
            rowB = -1;
            wa = 0.5 - tau;
            wb = tau - 0.49;
            scaled100 = true;
        } else {
            double taua = (0.51 - tau) * 50;
            int tau1 = (int) Math.floor(taua); // 1-based index into pp, as in R
            rowA = base + tau1 - 1;
            rowB = base + tau1;
            wa = tau1 + 1 - taua;
            wb = taua - tau1;
            scaled100 = false;
        }
        this.chiA = new ChiSquaredDistribution(rowA < 0 ? k : HansenSupFTable.DF[rowA]);
        this.chiB = new ChiSquaredDistribution(rowB < 0 ? k : HansenSupFTable.DF[rowB]);
    }

    /** strucchange's trimming ratio for a sample of n with candidate breakpoints from..to (1-based counts). */
    public static double lambda(int n, int from, int to) {
        return ((double) (n - from) * to) / ((double) from * (n - to));
    }

    /** p-value of the sup-F statistic x (Fstats scale); NaN for NaN. */
    public double pValue(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (wb == 0.0 && !scaled100) {
            return tail(chiA, rowA, x);
        }
        double p = wa * tail(chiA, rowA, x) + wb * tail(chiB, rowB, x);
        return scaled100 ? p * 100 : p;
    }

    /**
     * The critical value: the smallest x with {@code pValue(x) <= alpha}, by bisection to full
     * double precision (p is continuous and non-increasing in x).
     */
    public double critical(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (pValue(0.0) <= alpha) {
            return 0.0;
        }
        double lo = 0.0;
        double hi = 1.0;
        while (pValue(hi) > alpha) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (pValue(mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double tail(ChiSquaredDistribution chi, int row, double x) {
        double q = row < 0 ? x : HansenSupFTable.B0[row] + HansenSupFTable.B1[row] * x;
        if (q <= 0.0) {
            return 1.0; // R: dummy * (dummy > 0) is 0, and 1 - pchisq(0, df) = 1
        }
        return 1 - chi.cumulativeProbability(q);
    }
}
