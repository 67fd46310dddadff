package io.tickcast.backtest;

/**
 * The M4 competition's Naive2 benchmark, as its R code ({@code Benchmarks} and {@code SeasonalityTest} in
 * {@code Mcompetitions/M4-methods}) computes it:
 * <ol>
 *   <li>the series is seasonal when m &gt; 1, n ≥ 3m and |r_m| &gt; 1.645 · √((1 + 2 Σ_{k&lt;m} r_k²) / n), r_k the
 *       sample autocorrelation at lag k (R's {@code acf}: demeaned, divided by n) — a 90 % test;</li>
 *   <li>if so, R's {@code decompose(type = "multiplicative")}: the trend is the centred moving average of order m
 *       (weights ½, 1, …, 1, ½ over m + 1 values for even m), the index of phase j = t mod m is the mean of
 *       x_t / trend_t over that phase, normalised to mean 1;</li>
 *   <li>f_h = (x_n / S_{phase(n)}) · S_{phase(n + h)}: the naive forecast of the adjusted series, re-seasonalised
 *       (without the season, the last value).</li>
 * </ol>
 */
public final class Naive2 {

    private static final double T_CRIT = 1.645;

    private Naive2() {
    }

    /**
     * @param insample x_1..x_n (n ≥ 1), not modified
     * @param m        the seasonal period (1: none)
     * @param h        steps to forecast
     * @return f_1..f_h
     */
    public static double[] forecast(double[] insample, int m, int h) {
        int n = insample.length;
        double[] index = seasonal(insample, m) ? seasonalIndex(insample, m) : null;
        double adjustedLast = index == null ? insample[n - 1] : insample[n - 1] / index[(n - 1) % m];
        double[] f = new double[h];
        for (int i = 0; i < h; i++) {
            f[i] = index == null ? adjustedLast : adjustedLast * index[(n + i) % m];
        }
        return f;
    }

    /** M4's {@code SeasonalityTest}: the lag-m autocorrelation beyond its 90 % limit (m &gt; 1 and n ≥ 3m). */
    static boolean seasonal(double[] x, int m) {
        int n = x.length;
        if (m <= 1 || n < 3 * m) {
            return false;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double c0 = autocovariance(x, mean, 0);
        if (c0 == 0) {
            return false;
        }
        double sumSquares = 0;
        for (int k = 1; k < m; k++) {
            double r = autocovariance(x, mean, k) / c0;
            sumSquares += r * r;
        }
        double limit = T_CRIT / Math.sqrt(n) * Math.sqrt(1 + 2 * sumSquares);
        return Math.abs(autocovariance(x, mean, m) / c0) > limit;
    }

    private static double autocovariance(double[] x, double mean, int lag) {
        double s = 0;
        for (int t = 0; t + lag < x.length; t++) {
            s += (x[t] - mean) * (x[t + lag] - mean);
        }
        return s / x.length;
    }

    /** The multiplicative seasonal index S_0..S_{m−1} of R's {@code decompose}, by phase t mod m (t 0-based). */
    static double[] seasonalIndex(double[] x, int m) {
        int n = x.length;
        double[] sum = new double[m];
        int[] count = new int[m];
        int half = m / 2;
        for (int t = half; t + half < n; t++) {
            double trend = 0;
            if (m % 2 == 0) {
                trend = 0.5 * (x[t - half] + x[t + half]);
                for (int j = -half + 1; j < half; j++) {
                    trend += x[t + j];
                }
            } else {
                for (int j = -half; j <= half; j++) {
                    trend += x[t + j];
                }
            }
            trend /= m;
            sum[t % m] += x[t] / trend;
            count[t % m]++;
        }
        double[] index = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            index[j] = sum[j] / count[j];
            mean += index[j] / m;
        }
        for (int j = 0; j < m; j++) {
            index[j] /= mean;
        }
        return index;
    }
}
