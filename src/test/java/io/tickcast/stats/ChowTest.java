package io.tickcast.stats;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.hipparchus.distribution.continuous.FDistribution;

/**
 * The Chow (1960) test, computed fresh from the data: the reference that {@link RollingChow} must
 * reproduce, kept in the tests (production runs only the rolling detector). Least squares by
 * Householder QR (EJML), residuals formed explicitly; the statistics from the RSS are the shared
 * {@link ChowStatistic} formulas.
 *
 * <p>Identical to the research notebook's {@code chow(X, Y, breakpoint, alpha)}: regress y on the
 * k columns of X over the whole sample, over rows {@code [0, breakpoint)} and over rows
 * {@code [breakpoint, n)}; then
 *
 * <pre>
 *   F     = ((RSS - (RSS1 + RSS2)) / k) / ((RSS1 + RSS2) / (n - 2k))
 *   Fcrit = F(k, n - 2k) quantile at 1 - alpha,     p = 1 - F(k, n - 2k) cdf at F
 * </pre>
 *
 * (the notebook hard-codes 0.05 in {@code stats.f.ppf}; here alpha is honoured, and the p-value is
 * added). Distribution functions are Hipparchus' {@link FDistribution}.
 *
 * <p>A degenerate sample is a return value, not an exception: the result is undefined (NaN
 * statistic) when a segment has fewer than k + 1 rows (strucchange's rule for {@code Fstats}), when
 * a design is singular, or when the two-segment fit is perfect ({@code RSS1 + RSS2 <=
 * 1e-10 * RSS}, which includes RSS = 0). Shape errors throw {@link IllegalArgumentException}.
 */
public final class ChowTest {

    /** A QR pivot |R_jj| below this fraction of the column norm means a singular design. */
    static final double QR_SINGULAR_TOL = 1e-8;

    private ChowTest() {
    }

    /**
     * Result of a Chow test at one breakpoint.
     *
     * @param f the Chow F statistic, NaN if undefined
     * @param fCrit the F(df1, df2) quantile at 1 - alpha, NaN if df2 &lt; 1
     * @param pValue 1 - F(df1, df2) cdf at f, NaN if undefined
     * @param df1 k
     * @param df2 n - 2k
     * @param rss residual sum of squares, whole sample
     * @param rss1 residual sum of squares, rows [0, breakpoint)
     * @param rss2 residual sum of squares, rows [breakpoint, n)
     */
    public record Result(double f, double fCrit, double pValue, int df1, int df2, double rss, double rss1,
            double rss2) {
        /** Whether the statistic is defined (see the class comment for when it is not). */
        public boolean defined() {
            return !Double.isNaN(f);
        }
    }

    /**
     * Result of a sup-F scan (strucchange's {@code Fstats} + {@code sctest(type = "supF")}).
     *
     * @param fstats F on strucchange's scale ((RSS - RSS_2seg) / (RSS_2seg / (n - 2k)) = k * Chow F)
     *        at breakpoints from..to; NaN where undefined (not modified after return)
     * @param from first candidate: observations in the first segment (1-based, as strucchange)
     * @param to last candidate
     * @param supF the largest defined F, NaN if none
     * @param breakpoint the candidate (number of observations before the break) of the first maximum,
     *        as strucchange's {@code breakpoint}; -1 if none
     * @param pValue Hansen's approximation ({@link SupFPValue})
     * @param lambda strucchange's trimming ratio
     */
    public record Scan(double[] fstats, int from, int to, double supF, int breakpoint, double pValue,
            double lambda) {
        public boolean defined() {
            return !Double.isNaN(supF);
        }
    }

    /**
     * Chow test of y on X at a known breakpoint.
     *
     * @param x n x k design, rows are observations (not modified)
     * @param y n responses (not modified)
     * @param breakpoint number of rows in the first segment, 0..n
     * @param alpha significance level in (0, 1)
     */
    public static Result test(double[][] x, double[] y, int breakpoint, double alpha) {
        int n = checkShape(x, y);
        int k = x[0].length;
        if (breakpoint < 0 || breakpoint > n) {
            throw new IllegalArgumentException("breakpoint must be in [0, " + n + "], was " + breakpoint);
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        int df2 = n - 2 * k;
        double fCrit = df2 >= 1 ? fQuantile(k, df2, 1 - alpha) : Double.NaN;
        double nan = Double.NaN;
        if (breakpoint < k + 1 || n - breakpoint < k + 1) {
            return new Result(nan, fCrit, nan, k, df2, nan, nan, nan);
        }
        double rss = rss(x, y, 0, n);
        double rss1 = rss(x, y, 0, breakpoint);
        double rss2 = rss(x, y, breakpoint, n);
        double f = ChowStatistic.chowF(rss, rss1, rss2, k, df2);
        double p = Double.isNaN(f) ? nan : 1 - new FDistribution(k, df2).cumulativeProbability(f);
        return new Result(f, fCrit, p, k, df2, rss, rss1, rss2);
    }

    /**
     * Andrews' sup-F scan of y on X over breakpoints trimmed by {@code trim} each side, exactly as
     * strucchange's {@code Fstats(y ~ 0 + X, from = trim)}: {@code from = floor(trim n)},
     * {@code to = n - from}, then clamped to {@code [k + 1, n - k - 1]}.
     *
     * @param x n x k design (not modified)
     * @param y n responses (not modified)
     * @param trim fraction in (0, 0.5)
     * @return the scan; undefined (NaN supF) if from &gt; to or nothing is defined
     */
    public static Scan scan(double[][] x, double[] y, double trim) {
        int n = checkShape(x, y);
        int k = x[0].length;
        if (!(trim > 0.0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim must be in (0, 0.5), was " + trim);
        }
        int[] range = ChowStatistic.scanRange(n, k, trim);
        int from = range[0];
        int to = range[1];
        if (from > to) {
            return new Scan(new double[0], from, to, Double.NaN, -1, Double.NaN, Double.NaN);
        }
        double rss = rss(x, y, 0, n);
        double[] fstats = new double[to - from + 1];
        double sup = Double.NaN;
        int arg = -1;
        for (int p = from; p <= to; p++) {
            double f = ChowStatistic.fstatsF(rss, rss(x, y, 0, p), rss(x, y, p, n), n - 2 * k);
            fstats[p - from] = f;
            if (!Double.isNaN(f) && (Double.isNaN(sup) || f > sup)) {
                sup = f;
                arg = p;
            }
        }
        double lambda = SupFPValue.lambda(n, from, to);
        double pValue = Double.isNaN(sup) ? Double.NaN : new SupFPValue(Math.min(k, HansenSupFTable.MAX_K), lambda)
                .pValue(sup);
        return new Scan(fstats, from, to, sup, arg, pValue, lambda);
    }

    /** The F(df1, df2) quantile at probability q. */
    static double fQuantile(int df1, int df2, double q) {
        return new FDistribution(df1, df2, ChowStatistic.QUANTILE_ACCURACY).inverseCumulativeProbability(q);
    }

    /**
     * Residual sum of squares of the least-squares fit of y on X over rows [from, to), by
     * Householder QR; NaN if the design is singular (|R_jj| &lt;= 1e-8 * ||X_j||) or has fewer
     * rows than columns.
     */
    static double rss(double[][] x, double[] y, int from, int to) {
        int rows = to - from;
        int k = x[0].length;
        if (rows < k) {
            return Double.NaN;
        }
        DMatrixRMaj a = new DMatrixRMaj(rows, k);
        double[] colNorm2 = new double[k];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                double v = x[from + i][j];
                a.unsafe_set(i, j, v);
                colNorm2[j] += v * v;
            }
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, k);
        if (!qr.decompose(a.copy())) {
            return Double.NaN;
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < k; j++) {
            if (!(Math.abs(r.get(j, j)) > QR_SINGULAR_TOL * Math.sqrt(colNorm2[j]))) {
                return Double.NaN;
            }
        }
        // b = R^-1 Q'y
        double[] qty = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int i = 0; i < rows; i++) {
                s += q.unsafe_get(i, j) * y[from + i];
            }
            qty[j] = s;
        }
        double[] b = new double[k];
        for (int j = k - 1; j >= 0; j--) {
            double s = qty[j];
            for (int p = j + 1; p < k; p++) {
                s -= r.get(j, p) * b[p];
            }
            b[j] = s / r.get(j, j);
        }
        double rss = 0.0;
        for (int i = 0; i < rows; i++) {
            double e = y[from + i];
            for (int j = 0; j < k; j++) {
                e -= a.unsafe_get(i, j) * b[j];
            }
            rss += e * e;
        }
        return rss;
    }

    private static int checkShape(double[][] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        if (x.length == 0 || x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException("x must have at least one row and one column");
        }
        int k = x[0].length;
        for (int i = 1; i < x.length; i++) {
            if (x[i] == null || x[i].length != k) {
                throw new IllegalArgumentException("x row " + i + " does not have " + k + " columns");
            }
        }
        return x.length;
    }
}
