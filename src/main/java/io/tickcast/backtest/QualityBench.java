package io.tickcast.backtest;

import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.Csv;
import io.tickcast.csv.TickCsv;
import io.tickcast.serde.Forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code tickcast bench quality}: the production topology (as {@code backtest} runs it) over every tick CSV of a
 * directory, each file in a fresh topology, scored prequentially: every one-step forecast against the value it
 * forecast. With baselines ({@code <SYMBOL>.csv} in the format of R's prequential baselines: columns {@code t},
 * {@code actual}, {@code persistence}, {@code snaive}, {@code arima}, {@code ets}, ... with {@code NA} where
 * undefined), the targets are exactly the baseline's rows {@code t} (0-based index in the symbol's series; the
 * forecast of value[t] is the one made at tick t − 1); without, every target from w = max(30, ⌈0.1·N⌉) on, the
 * baselines' own warm-up.
 */
public final class QualityBench {

    /** The figures of one series. Ratios are RMSE over the other method's RMSE on the same targets (NaN: no such method). */
    public record SeriesScore(String symbol, int n, int targets, double rmse, double vsPersistence, double vsSeasonalNaive,
                              double vsArima, double vsEts, double vsBestR, double coverage, double meanWidth,
                              Integer period, String leader) {

        /** The series' JSON object in {@code bench quality}'s output. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", symbol);
            m.put("n", n);
            m.put("targets", targets);
            m.put("rmse", finite(rmse));
            m.put("rmse_vs_persistence", finite(vsPersistence));
            m.put("rmse_vs_snaive", finite(vsSeasonalNaive));
            m.put("rmse_vs_arima", finite(vsArima));
            m.put("rmse_vs_ets", finite(vsEts));
            m.put("rmse_vs_best_r", finite(vsBestR));
            m.put("coverage", finite(coverage));
            m.put("mean_width", finite(meanWidth));
            m.put("period", period);
            m.put("leader", leader);
            return m;
        }
    }

    private QualityBench() {
    }

    /**
     * Runs and scores every {@code *.csv} of {@code data} (sorted by name).
     *
     * @param baselines a directory of {@code <SYMBOL>.csv} baselines, or null
     * @param progress  told each series' score as it is done
     * @throws IllegalArgumentException if a file is not a tick CSV, or a baseline disagrees with the data
     */
    public static List<SeriesScore> run(TickcastConfig config, Path data, Path baselines, Consumer<SeriesScore> progress)
            throws IOException {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(data + " is not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.csv files in " + data);
        }
        List<SeriesScore> out = new ArrayList<>();
        for (Path f : files) {
            for (SeriesScore s : runFile(config, f, baselines)) {
                out.add(s);
                progress.accept(s);
            }
        }
        return out;
    }

    private static List<SeriesScore> runFile(TickcastConfig config, Path file, Path baselines) throws IOException {
        Map<String, Series> bySymbol = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file); Backtest bt = new Backtest(config)) {
            bt.listen(new BacktestListener() {
                @Override
                public void forecast(Forecast f) {
                    bySymbol.computeIfAbsent(f.symbol(), k -> new Series()).add(f);
                }
            });
            TickCsv.Rows rows = TickCsv.rows(in);
            for (TickCsv.Row r = rows.next(); r != null; r = rows.next()) {
                bt.tick(r);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<SeriesScore> out = new ArrayList<>();
        for (Map.Entry<String, Series> e : bySymbol.entrySet()) {
            Path b = baselines == null ? null : baselines.resolve(e.getKey() + ".csv");
            out.add(score(e.getKey(), e.getValue(), b != null && Files.isRegularFile(b) ? Baseline.read(b) : null));
        }
        return out;
    }

    /**
     * What scoring needs of a symbol's forecasts, per tick: the value and the one-step forecast with its interval —
     * four numbers instead of the whole forecast (at horizon 48 a forecast is 48 steps), and the latest period and
     * leader. Targets depend on the series' length, so the series is kept to the end of its file.
     */
    static final class Series {
        private double[] values = new double[64];
        private double[] forecasts = new double[64];
        private double[] lowers = new double[64];
        private double[] uppers = new double[64];
        private int n;
        private Integer period;
        private String leader;

        /** Appends the symbol's next forecast. */
        void add(Forecast f) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
                forecasts = Arrays.copyOf(forecasts, 2 * n);
                lowers = Arrays.copyOf(lowers, 2 * n);
                uppers = Arrays.copyOf(uppers, 2 * n);
            }
            Forecast.Step step = f.steps().get(0);
            values[n] = f.value();
            forecasts[n] = step.forecast();
            lowers[n] = step.lower();
            uppers[n] = step.upper();
            n++;
            period = f.period();
            leader = f.source();
        }

        int size() {
            return n;
        }
    }

    /** A series' R baselines: per target row, the index t and every method's forecast (NaN: NA). */
    record Baseline(int[] t, double[] actual, double[] persistence, double[] snaive, double[] arima, double[] ets) {

        static Baseline read(Path file) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(file)) {
                Csv csv = Csv.open(in);
                Csv.Header h = csv.header();
                int[] col = {h.require("t", file), h.require("actual", file), h.require("persistence", file),
                        h.require("snaive", file), h.require("arima", file), h.require("ets", file)};
                List<double[]> rows = new ArrayList<>();
                for (Csv.Line line = csv.next(); line != null; line = csv.next()) {
                    double[] r = new double[col.length];
                    for (int i = 0; i < col.length; i++) {
                        r[i] = number(line.cell(col[i]), file, line.number());
                    }
                    rows.add(r);
                }
                int n = rows.size();
                double[][] c = new double[col.length][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < col.length; j++) {
                        c[j][i] = rows.get(i)[j];
                    }
                }
                int[] t = new int[n];
                for (int i = 0; i < n; i++) {
                    t[i] = (int) c[0][i];
                }
                return new Baseline(t, c[1], c[2], c[3], c[4], c[5]);
            }
        }

        private static double number(String cell, Path file, int line) {
            String s = cell.replace("\"", "").trim();
            if (s.isEmpty() || s.equals("NA")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ": not a number: " + cell);
            }
        }
    }

    static SeriesScore score(String symbol, Series fc, Baseline b) {
        int n = fc.size();
        int[] targets;
        if (b != null) {
            targets = b.t();
        } else {
            int w = Math.max(30, (int) Math.ceil(0.1 * n));
            targets = new int[Math.max(0, n - w)];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = w + i;
            }
        }
        double se = 0;
        double sp = 0;
        double ss = 0;
        double sa = 0;
        double sets = 0;
        int inside = 0;
        double width = 0;
        boolean snaive = b != null;
        boolean arima = b != null;
        boolean ets = b != null;
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            if (t < 1 || t >= n) {
                throw new IllegalArgumentException(symbol + ": baseline target t=" + t + " outside the series' 1.." + (n - 1));
            }
            double actual = fc.values[t];
            if (b != null && !(Math.abs(b.actual()[i] - actual) <= 1e-9 * Math.max(1, Math.abs(actual)))) {
                throw new IllegalArgumentException(symbol + ": baseline actual " + b.actual()[i] + " at t=" + t
                        + " differs from the series' value " + actual);
            }
            se += sq(actual - fc.forecasts[t - 1]);
            sp += sq(actual - fc.values[t - 1]);
            if (b != null) {
                snaive &= Double.isFinite(b.snaive()[i]);
                arima &= Double.isFinite(b.arima()[i]);
                ets &= Double.isFinite(b.ets()[i]);
                ss += sq(actual - b.snaive()[i]);
                sa += sq(actual - b.arima()[i]);
                sets += sq(actual - b.ets()[i]);
            }
            if (actual >= fc.lowers[t - 1] && actual <= fc.uppers[t - 1]) {
                inside++;
            }
            width += fc.uppers[t - 1] - fc.lowers[t - 1];
        }
        int m = targets.length;
        double rmse = Math.sqrt(se / m);
        double vsA = arima ? rmse / Math.sqrt(sa / m) : Double.NaN;
        double vsE = ets ? rmse / Math.sqrt(sets / m) : Double.NaN;
        double best = arima || ets ? rmse / Math.sqrt(Math.min(arima ? sa : Double.POSITIVE_INFINITY,
                ets ? sets : Double.POSITIVE_INFINITY) / m) : Double.NaN;
        return new SeriesScore(symbol, n, m, rmse, rmse / Math.sqrt(sp / m), snaive ? rmse / Math.sqrt(ss / m) : Double.NaN,
                vsA, vsE, best, (double) inside / m, width / m, fc.period, fc.leader);
    }

    /** The summary over the series: geometric means of the ratios, counts, pooled coverage. */
    public static Map<String, Object> summary(List<SeriesScore> scores, double level) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", scores.size());
        m.put("gmean_rmse_vs_persistence", finite(gmean(scores, SeriesScore::vsPersistence)));
        m.put("gmean_rmse_vs_snaive", finite(gmean(scores, SeriesScore::vsSeasonalNaive)));
        m.put("gmean_rmse_vs_best_r", finite(gmean(scores, SeriesScore::vsBestR)));
        m.put("at_most_persistence", scores.stream().filter(s -> s.vsPersistence() <= 1.0).count());
        m.put("at_most_best_r", scores.stream().filter(s -> s.vsBestR() <= 1.0).count());
        m.put("with_r_baselines", scores.stream().filter(s -> Double.isFinite(s.vsBestR())).count());
        long targets = scores.stream().mapToLong(SeriesScore::targets).sum();
        double inside = scores.stream().mapToDouble(s -> s.coverage() * s.targets()).sum();
        m.put("pooled_coverage", finite(inside / targets));
        m.put("level", level);
        m.put("coverage_within_0.03_of_level_where_100_targets",
                scores.stream().filter(s -> s.targets() >= 100).allMatch(s -> Math.abs(s.coverage() - level) <= 0.03));
        return m;
    }

    private static double gmean(List<SeriesScore> scores, java.util.function.ToDoubleFunction<SeriesScore> f) {
        double sum = 0;
        int n = 0;
        for (SeriesScore s : scores) {
            double v = f.applyAsDouble(s);
            if (Double.isFinite(v) && v > 0) {
                sum += Math.log(v);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }

    /** A fixed-width table of the scores, for the terminal. */
    public static String table(List<SeriesScore> scores) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %5s %7s %8s %8s %8s %8s %8s %6s %4s %s%n",
                "symbol", "n", "targets", "/persist", "/snaive", "/arima", "/ets", "/best_r", "cover", "m", "leader"));
        for (SeriesScore s : scores) {
            sb.append(String.format(Locale.ROOT, "%-16s %5d %7d %8.3f %8s %8s %8s %8s %6.3f %4s %s%n", s.symbol(), s.n(),
                    s.targets(), s.vsPersistence(), fmt(s.vsSeasonalNaive()), fmt(s.vsArima()), fmt(s.vsEts()),
                    fmt(s.vsBestR()), s.coverage(), s.period() == null ? "-" : s.period(), s.leader()));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static double sq(double x) {
        return x * x;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
