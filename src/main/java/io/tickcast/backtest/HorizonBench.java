package io.tickcast.backtest;

import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.serde.Forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tickcast bench horizon}: forecasts made once, at each series' last training tick, for steps 1..h, scored as
 * the M4 competition scored them ({@link HorizonScore}) against a test file ({@code symbol,step,value}), with OWA
 * against Naive2 (the M4 organisers' forecasts from a benchmarks file {@code symbol,method,step,forecast}, or
 * {@link Naive2} computed here). The forecasts are tickcast's (the production topology over the training ticks, as
 * {@code backtest} runs it, keeping only each symbol's latest forecast) or one of the benchmark file's methods.
 *
 * <p>Memory: the training values (8 bytes a tick, for the MASE scale and Naive2) and one forecast per symbol.
 */
public final class HorizonBench {

    /** The benchmarks file's method that OWA's reference is read from (computed by {@link Naive2} without one). */
    public static final String NAIVE2 = "Naive2";

    /**
     * One series' forecast: point forecasts and, where known, interval bounds (NaN without), steps 1..h.
     */
    public record Prediction(double[] forecast, double[] lower, double[] upper) {

        static Prediction pointsOnly(double[] forecast) {
            double[] none = new double[forecast.length];
            Arrays.fill(none, Double.NaN);
            return new Prediction(forecast, none, none);
        }
    }

    /**
     * The scores of one method and of Naive2 on the same points.
     *
     * @param method  the method scored ("tickcast" or a benchmark's name)
     * @param horizon h
     * @param season  the MASE scale's seasonal lag m
     * @param level   the intervals' nominal coverage (1 − a), NaN without intervals
     * @param score   the method's
     * @param naive2  Naive2's
     */
    public record Result(String method, int horizon, int season, double level, HorizonScore score,
                         HorizonScore naive2) {

        public double owa() {
            return HorizonScore.owa(score.total(), naive2.total());
        }

        /** The one-line JSON summary: totals, OWA and the step bands (with {@code perSeries}, every series too). */
        public Map<String, Object> summary(boolean perSeries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            m.put("series", score.series().size());
            m.put("horizon", horizon);
            m.put("season", season);
            m.putAll(figures(score.total(), naive2.total()));
            if (!Double.isNaN(level)) {
                m.put("level", level);
            }
            Map<String, Object> bands = new LinkedHashMap<>();
            Map<String, HorizonScore.Figures> naive2Bands = naive2.bands();
            score.bands().forEach((band, f) -> bands.put(band, figures(f, naive2Bands.get(band))));
            m.put("bands", bands);
            if (perSeries) {
                Map<String, Object> series = new LinkedHashMap<>();
                Map<String, HorizonScore.Figures> naive2Series = naive2.series();
                score.series().forEach((s, f) -> series.put(s, figures(f, naive2Series.get(s))));
                m.put("by_series", series);
            }
            return m;
        }

        /** A readable table: the step bands and the total, then (with {@code perSeries}) every series. */
        public String table(boolean perSeries) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "bench horizon: %s, %d series, h = %d, m = %d%s%n", method,
                    score.series().size(), horizon, season,
                    Double.isNaN(level) ? "" : String.format(Locale.ROOT, ", %.0f %% intervals", 100 * level)));
            String header = String.format(Locale.ROOT, "%-8s %7s %8s %8s %7s %8s %8s %7s%n", "steps", "points",
                    "sMAPE", "MASE", "OWA", "coverage", "MSIS", "=last");
            b.append(header);
            Map<String, HorizonScore.Figures> naive2Bands = naive2.bands();
            score.bands().forEach((band, f) -> row(b, band, f, naive2Bands.get(band)));
            row(b, "all", score.total(), naive2.total());
            if (perSeries) {
                b.append(header.replaceFirst("steps ", "series"));
                Map<String, HorizonScore.Figures> naive2Series = naive2.series();
                score.series().forEach((s, f) -> row(b, s, f, naive2Series.get(s)));
            }
            return b.toString();
        }

        private static void row(StringBuilder b, String label, HorizonScore.Figures f, HorizonScore.Figures naive2) {
            b.append(String.format(Locale.ROOT, "%-8s %7d %8.3f %8.3f %7.3f %8s %8s %7.3f%n", label, f.points(),
                    f.smape(), f.mase(), HorizonScore.owa(f, naive2), threeDecimals(f.coverage()),
                    threeDecimals(f.msis()), f.lastValue()));
        }

        /** "-" for NaN (no intervals). */
        private static String threeDecimals(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
        }

        private static Map<String, Object> figures(HorizonScore.Figures f, HorizonScore.Figures naive2) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("points", f.points());
            m.put("smape", round(f.smape()));
            m.put("mase", round(f.mase()));
            m.put("owa", round(HorizonScore.owa(f, naive2)));
            if (!Double.isNaN(f.coverage())) {
                m.put("coverage", round(f.coverage()));
                m.put("msis", round(f.msis()));
            }
            m.put("last_value_share", round(f.lastValue()));
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 1e4) / 1e4;
        }
    }

    private HorizonBench() {
    }

    /**
     * Scores {@code predictions} and Naive2 on every series of the test file (one without a prediction is an error).
     *
     * @param alpha the intervals' a (1 − level)
     */
    public static Result score(String method, HorizonData data, int season, double alpha, Map<String, Prediction> predictions) {
        int h = data.horizon();
        Map<String, double[]> naive2 = data.benchmarks().get(NAIVE2);
        HorizonScore score = new HorizonScore(alpha, h);
        HorizonScore reference = new HorizonScore(alpha, h);
        for (Map.Entry<String, double[]> e : data.test().entrySet()) {
            String symbol = e.getKey();
            double[] insample = data.train().get(symbol);
            Prediction p = predictions.get(symbol);
            if (insample == null || p == null || p.forecast().length < h || e.getValue().length < h) {
                throw new IllegalArgumentException("series " + symbol + ": no training values, no forecast of " + h
                        + " steps or fewer test values");
            }
            double last = insample[insample.length - 1];
            double s = HorizonScore.scale(insample, season);
            double[] n2 = naive2 != null ? naive2.get(symbol) : Naive2.forecast(insample, season, h);
            for (int i = 0; i < h; i++) {
                double actual = e.getValue()[i];
                score.add(symbol, i + 1, actual, p.forecast()[i], p.lower()[i], p.upper()[i], last, s);
                reference.add(symbol, i + 1, actual, n2[i], Double.NaN, Double.NaN, last, s);
            }
        }
        return new Result(method, h, season, alpha > 0 ? 1 - alpha : Double.NaN, score, reference);
    }

    /** A benchmark file's method as predictions ({@code Naive2} without a file: computed here). */
    public static Map<String, Prediction> benchmark(HorizonData data, String method, int season) {
        Map<String, double[]> forecasts = data.benchmarks().get(method);
        if (forecasts == null && method.equals(NAIVE2)) {
            forecasts = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : data.train().entrySet()) {
                forecasts.put(e.getKey(), Naive2.forecast(e.getValue(), season, data.horizon()));
            }
        }
        if (forecasts == null) {
            throw new IllegalArgumentException("no method " + method + " in the benchmarks (have " + data.benchmarks().keySet() + ")");
        }
        Map<String, Prediction> out = new LinkedHashMap<>();
        forecasts.forEach((symbol, f) -> out.put(symbol, Prediction.pointsOnly(f)));
        return out;
    }

    /**
     * tickcast's forecasts: the production topology ({@link Backtest}) over the training file, keeping each symbol's
     * latest forecast, which after the last row is the one made at its last tick.
     *
     * @param onTick run after every training row (progress)
     * @throws IllegalStateException when a symbol's last tick made no forecast (the topology rejected it)
     */
    public static Map<String, Prediction> tickcast(TickcastConfig config, Path train, Runnable onTick) throws IOException {
        Map<String, Forecast> latest = new HashMap<>();
        Map<String, Long> lastTs = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(train); Backtest bt = new Backtest(config)) {
            bt.listen(new BacktestListener() {
                @Override
                public void forecast(Forecast f) {
                    latest.put(f.symbol(), f);
                }
            });
            TickCsv.Rows rows = TickCsv.rows(in);
            for (TickCsv.Row r = rows.next(); r != null; r = rows.next()) {
                bt.tick(r);
                lastTs.put(r.symbol(), HorizonData.epochMs(r.ts()));
                onTick.run();
            }
        }
        lastTs.forEach((symbol, ts) -> {
            Forecast f = latest.get(symbol);
            if (f == null || f.ts() != ts) {
                throw new IllegalStateException("series " + symbol + ": its last tick (ts " + ts + ") made no forecast;"
                        + " the topology rejected it (run backtest for its dead letters)");
            }
        });
        Map<String, Prediction> out = new LinkedHashMap<>();
        latest.forEach((symbol, f) -> {
            int h = f.steps().size();
            Prediction p = new Prediction(new double[h], new double[h], new double[h]);
            for (int i = 0; i < h; i++) {
                Forecast.Step s = f.steps().get(i);
                p.forecast()[i] = s.forecast();
                p.lower()[i] = s.lower();
                p.upper()[i] = s.upper();
            }
            out.put(symbol, p);
        });
        return out;
    }
}
