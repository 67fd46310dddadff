package io.tickcast.backtest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The M4 competition's scores of forecasts made once, for steps 1..h, accumulated point by point over the step bands
 * and the series (Makridakis, Spiliotis &amp; Assimakopoulos, "The M4 Competition: 100,000 time series and 61
 * forecasting methods", IJF 36(1), 2020; their evaluation code in {@code Mcompetitions/M4-methods}):
 * <ul>
 *   <li>sMAPE = mean of 200·|y − f| / (|y| + |f|);</li>
 *   <li>MASE = mean of |y − f| / s, s the series' in-sample mean absolute seasonal difference ({@link #scale});</li>
 *   <li>MSIS = mean of [(U − L) + (2/a)(L − y)·1{y &lt; L} + (2/a)(y − U)·1{y &gt; U}] / s ({@link #intervalScore});</li>
 *   <li>coverage = share of y in [L, U]; and the share of forecasts exactly equal to the last observed value.</li>
 * </ul>
 * Every series has the same h here, so the mean over all points is M4's mean over series of per-series means. OWA
 * is a ratio of two methods' totals ({@link #owa}).
 *
 * <p>Call order: {@link #add} per (series, step) point, then read {@link #total}, {@link #bands}, {@link #series}.
 */
public final class HorizonScore {

    /** The last step of each band: 1–6, 7–12, 13–24, 25–48, then one band for the rest (up to h). */
    private static final int[] BAND_ENDS = {6, 12, 24, 48};

    /**
     * The figures of a set of points; {@code coverage} and {@code msis} are NaN when no point had an interval.
     *
     * @param points        forecasts scored
     * @param smape         symmetric MAPE, in percent
     * @param mase          mean absolute scaled error
     * @param coverage      share of actuals inside their interval
     * @param msis          mean scaled interval score
     * @param lastValue     share of forecasts exactly equal to the last observed value
     */
    public record Figures(long points, double smape, double mase, double coverage, double msis, double lastValue) {
    }

    /** Running sums of one set of points. */
    private static final class Sums {
        long n;
        long withInterval;
        long covered;
        long lastValue;
        double smape;
        double mase;
        double msis;

        Figures figures() {
            return new Figures(n, smape / n, mase / n, withInterval == 0 ? Double.NaN : (double) covered / withInterval,
                    withInterval == 0 ? Double.NaN : msis / withInterval, (double) lastValue / n);
        }
    }

    private final double alpha;
    private final int horizon;
    private final Sums total = new Sums();
    private final Map<String, Sums> bands = new LinkedHashMap<>();
    private final Map<String, Sums> series = new LinkedHashMap<>();

    /**
     * @param alpha   the intervals' miss rate a (0.05 for 95 % intervals)
     * @param horizon h: the last band ends there
     */
    public HorizonScore(double alpha, int horizon) {
        this.alpha = alpha;
        this.horizon = horizon;
    }

    /**
     * One point.
     *
     * @param symbol   the series
     * @param step     steps ahead, 1-based
     * @param actual   y
     * @param forecast f
     * @param lower    L, or NaN without an interval
     * @param upper    U, or NaN without an interval
     * @param last     the series' last observed value
     * @param scale    s ({@link #scale}), &gt; 0
     */
    public void add(String symbol, int step, double actual, double forecast, double lower, double upper, double last,
                    double scale) {
        for (Sums sums : new Sums[] {total, bands.computeIfAbsent(band(step, horizon), b -> new Sums()),
                series.computeIfAbsent(symbol, s -> new Sums())}) {
            sums.n++;
            sums.smape += smape(actual, forecast);
            sums.mase += Math.abs(actual - forecast) / scale;
            if (forecast == last) {
                sums.lastValue++;
            }
            if (!Double.isNaN(lower) && !Double.isNaN(upper)) {
                sums.withInterval++;
                sums.covered += actual >= lower && actual <= upper ? 1 : 0;
                sums.msis += intervalScore(actual, lower, upper, alpha) / scale;
            }
        }
    }

    public Figures total() {
        return total.figures();
    }

    /** By step band ("1-6", "7-12", ...), in the order first seen (add steps in order for the natural one). */
    public Map<String, Figures> bands() {
        return figures(bands);
    }

    /** By series, in the order first seen. */
    public Map<String, Figures> series() {
        return figures(series);
    }

    private static Map<String, Figures> figures(Map<String, Sums> sums) {
        Map<String, Figures> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, v.figures()));
        return out;
    }

    /** The band of a step: "1-6", "7-12", "13-24", "25-48" or "49-h", each ending at h at the latest. */
    static String band(int step, int horizon) {
        int from = 1;
        for (int end : BAND_ENDS) {
            if (step <= end) {
                return from + "-" + Math.min(end, horizon);
            }
            from = end + 1;
        }
        return from + "-" + horizon;
    }

    /** 200·|y − f| / (|y| + |f|), 0 when both are 0 (M4's data has no such point). */
    public static double smape(double actual, double forecast) {
        double d = Math.abs(actual) + Math.abs(forecast);
        return d == 0 ? 0 : 200 * Math.abs(actual - forecast) / d;
    }

    /**
     * M4's MASE scale: s = mean over t &gt; m of |x_t − x_{t−m}| (the in-sample seasonal naive's error).
     *
     * @param insample x_1..x_n, not modified
     * @param m        the seasonal lag (M4: 24 hourly, 1 weekly and daily, 12 monthly, 4 quarterly)
     * @return s, NaN when n ≤ m
     */
    public static double scale(double[] insample, int m) {
        double sum = 0;
        for (int t = m; t < insample.length; t++) {
            sum += Math.abs(insample[t] - insample[t - m]);
        }
        return insample.length > m ? sum / (insample.length - m) : Double.NaN;
    }

    /** The unscaled interval score (U − L) + (2/a)(L − y)·1{y &lt; L} + (2/a)(y − U)·1{y &gt; U}. */
    public static double intervalScore(double actual, double lower, double upper, double alpha) {
        double penalty = actual < lower ? lower - actual : actual > upper ? actual - upper : 0;
        return upper - lower + 2 / alpha * penalty;
    }

    /** OWA = (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2) / 2. */
    public static double owa(Figures method, Figures naive2) {
        return (method.smape() / naive2.smape() + method.mase() / naive2.mase()) / 2;
    }
}
