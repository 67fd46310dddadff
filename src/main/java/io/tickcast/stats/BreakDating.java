package io.tickcast.stats;

/**
 * The date of one break in a linear regression by the best single split, and Bai's (1997) confidence interval:
 * strucchange's {@code breakpoints(y ~ X, h = hMin, breaks = 1)} and {@code confint(·, breaks = 1, level)}.
 *
 * <p>For every candidate i (observations in the first segment, {@code hMin ≤ i ≤ n − hMin}) the two segments are
 * fitted by OLS; the break is the first i minimising RSS₁(i) + RSS₂(i) — equivalently maximising the Chow F, here on
 * strucchange's {@code Fstats} scale {@code (RSS − RSS₁ − RSS₂) / ((RSS₁ + RSS₂)/(n − 2p))}. The RSS come from
 * forward and backward running cross-products, {@code RSS = y'y − b'A⁻¹b} by Cholesky, on the response centred at
 * its mean (the design has an intercept, so no RSS changes): O(n p²) for the sums plus O(n p³) for the solves.
 */
public final class BreakDating {

    /**
     * A dated break.
     *
     * @param breakpoint observations in the first segment (strucchange's breakpoint: the last one before the break)
     * @param f          strucchange-scale F at the breakpoint
     * @param rss        RSS of the one-segment fit
     * @param rss1       RSS of the first segment
     * @param rss2       RSS of the second segment
     * @param lower      the interval's lower end in the same units (the earliest plausible breakpoint), or −1
     * @param upper      the interval's upper end, or −1 (undefined interval)
     */
    public record Result(int breakpoint, double f, double rss, double rss1, double rss2, int lower, int upper) {

        /** Whether the interval is defined. */
        public boolean hasInterval() {
            return lower >= 0;
        }
    }

    private BreakDating() {
    }

    /**
     * Dates one break in rows {@code [0, n)}.
     *
     * @param x     the design, row-major n × p, with an intercept column (not modified)
     * @param y     the responses (not modified)
     * @param hMin  minimal segment size, &gt; p
     * @param level the interval's confidence level in (0, 1)
     * @return the break, or null if no candidate has two estimable segments
     * @throws IllegalArgumentException if hMin ≤ p, or the arrays are shorter than n rows
     */
    public static Result date(double[] x, double[] y, int n, int p, int hMin, double level) {
        if (hMin <= p || x.length < n * p || y.length < n || p < 1) {
            throw new IllegalArgumentException("need hMin > p >= 1 and n rows; got n=" + n + ", p=" + p + ", hMin=" + hMin);
        }
        if (n < 2 * hMin) {
            return null;
        }
        double mean = 0;
        for (int t = 0; t < n; t++) {
            mean += y[t];
        }
        mean /= n;
        double[] forward = new double[n + 1];
        double[] backward = new double[n + 1];
        java.util.Arrays.fill(forward, Double.NaN);
        java.util.Arrays.fill(backward, Double.NaN);
        Sums s = new Sums(p);
        for (int i = 1; i <= n; i++) {
            s.add(x, y, i - 1, mean);
            if (i >= hMin) {
                forward[i] = s.rss();
            }
        }
        double rss = forward[n];
        Sums r = new Sums(p);
        for (int i = n - 1; i >= 0; i--) {
            r.add(x, y, i, mean);
            if (n - i >= hMin) {
                backward[i] = r.rss();
            }
        }
        int best = -1;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int i = hMin; i <= n - hMin; i++) {
            double u = forward[i] + backward[i];
            if (u < bestRss) {
                bestRss = u;
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        double f = ChowStatistic.fstatsF(rss, forward[best], backward[best], n - 2 * p);
        int[] ci = interval(x, y, n, p, best, mean, forward[best], backward[best], level);
        return new Result(best, f, rss, forward[best], backward[best], ci[0], ci[1]);
    }

    /** strucchange's {@code confint.breakpoints} for the split after row {@code bp − 1}: {lower, upper} or {−1, −1}. */
    private static int[] interval(double[] x, double[] y, int n, int p, int bp, double mean, double rss1, double rss2,
                                  double level) {
        Sums a = new Sums(p);
        for (int t = 0; t < bp; t++) {
            a.add(x, y, t, mean);
        }
        Sums b = new Sums(p);
        for (int t = bp; t < n; t++) {
            b.add(x, y, t, mean);
        }
        double[] beta1 = a.beta();
        double[] beta2 = b.beta();
        if (beta1 == null || beta2 == null) {
            return new int[] {-1, -1};
        }
        double[] delta = new double[p];
        for (int j = 0; j < p; j++) {
            delta[j] = beta2[j] - beta1[j];
        }
        double q1 = a.quadratic(delta) / bp;
        double q2 = b.quadratic(delta) / (n - bp);
        double[] w = BreakInterval.halfWidths(level, q1, q2 / q1, Math.sqrt(rss1 / bp), Math.sqrt(rss2 / (n - bp)));
        if (Double.isNaN(w[0]) || Double.isNaN(w[1])) {
            return new int[] {-1, -1};
        }
        return new int[] {(int) (bp - Math.ceil(w[1])), (int) (bp - Math.floor(w[0]))};
    }

    /** Running X'X, X'y, y'y of some rows (response centred at {@code mean}). */
    private static final class Sums {
        final int p;
        final double[] a;
        final double[] b;
        double yy;
        final double[] l;
        final double[] scratch;

        Sums(int p) {
            this.p = p;
            this.a = new double[p * p];
            this.b = new double[p];
            this.l = new double[p * p];
            this.scratch = new double[p];
        }

        void add(double[] x, double[] y, int row, double mean) {
            int o = row * p;
            double v = y[row] - mean;
            for (int i = 0; i < p; i++) {
                double xi = x[o + i];
                for (int j = 0; j <= i; j++) {
                    a[i * p + j] += xi * x[o + j];
                }
                b[i] += xi * v;
            }
            yy += v * v;
        }

        /** RSS of the OLS fit (≥ 0), NaN if X'X is singular. */
        double rss() {
            if (!SmallCholesky.factor(a, p, l)) {
                return Double.NaN;
            }
            return Math.max(0.0, yy - SmallCholesky.quadraticForm(l, p, b, scratch));
        }

        /** The OLS coefficients (intercept on the centred response), null if singular. */
        double[] beta() {
            if (!SmallCholesky.factor(a, p, l)) {
                return null;
            }
            double[] out = new double[p];
            SmallCholesky.solve(l, p, b, out);
            return out;
        }

        /** d'(X'X)d. */
        double quadratic(double[] d) {
            double q = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double aij = i >= j ? a[i * p + j] : a[j * p + i];
                    q += d[i] * aij * d[j];
                }
            }
            return q;
        }
    }
}
