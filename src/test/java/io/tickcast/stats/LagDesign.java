package io.tickcast.stats;

/**
 * The lag regression of a series: row t has regressors {@code (1?, v[t-1], ..., v[t-lags])} and
 * response {@code v[t]}, for t = lags..len-1. Column order is R's {@code model.matrix}: intercept
 * first, then lag 1, lag 2, .... Feeds the reference {@link ChowTest} with the same regression that
 * {@link RollingChow} maintains.
 */
public final class LagDesign {

    private final double[][] x;
    private final double[] y;

    private LagDesign(double[][] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * @param series values (not modified)
     * @param from index of the first response
     * @param to one past the index of the last response; requires {@code from >= lags}
     */
    public static LagDesign of(double[] series, int from, int to, int lags, boolean intercept) {
        if (lags < 0 || from < lags || to > series.length || from > to) {
            throw new IllegalArgumentException("need lags <= from <= to <= series.length, got lags=" + lags
                    + " from=" + from + " to=" + to + " length=" + series.length);
        }
        int n = to - from;
        int off = intercept ? 1 : 0;
        double[][] x = new double[n][lags + off];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int t = from + i;
            if (intercept) {
                x[i][0] = 1.0;
            }
            for (int j = 1; j <= lags; j++) {
                x[i][off + j - 1] = series[t - j];
            }
            y[i] = series[t];
        }
        return new LagDesign(x, y);
    }

    /** The design, n x k (shared, do not modify). */
    public double[][] x() {
        return x;
    }

    /** The responses (shared, do not modify). */
    public double[] y() {
        return y;
    }
}
