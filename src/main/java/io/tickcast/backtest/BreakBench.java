package io.tickcast.backtest;

import io.tickcast.forecast.History;
import io.tickcast.forecast.Seasonality;
import io.tickcast.stats.BreakMonitor;
import io.tickcast.stats.MonitorConfig;
import io.tickcast.synth.Gaussian;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The break monitor's calibration and power on seeded synthetic series ({@code tickcast bench breaks},
 * {@code docs/breaks.md}): the monitor as the stream runs it, fed the period in use that the forecaster's
 * {@link Seasonality} would give it (hourly ticks: candidate 24, confirmed by its test).
 *
 * <p>Null kinds, 1,000 ticks each by default: {@code ar0}, {@code ar0.5}, {@code ar0.9} (level 20 + AR(1) noise of
 * innovation sd 1), {@code rw} (random walk from 100), {@code seasonal} (20 + 5 sin(2π(t + phase)/24) + N(0, 1)).
 * Power: a mean shift of {@code size} innovation sds (as {@code tickcast generate --break AT:mean:SIZE}) or an AR
 * coefficient change, at tick {@code at}.
 */
public final class BreakBench {

    /** The null kinds of the calibration. */
    public static final List<String> NULL_KINDS = List.of("ar0", "ar0.5", "ar0.9", "rw", "seasonal");

    private BreakBench() {
    }

    /** One generated series: {@code kind} as in the class comment, an optional break at {@code at}. */
    public static double[] series(String kind, int ticks, SplittableRandom rnd, int at, String breakType, double size) {
        double[] y = new double[ticks];
        double phase = rnd.nextDouble() * 24;
        double e = 0;
        double level = kind.equals("rw") ? 100 : 20;
        double phi = kind.startsWith("ar") ? Double.parseDouble(kind.substring(2)) : 0;
        double shift = 0;
        for (int t = 0; t < ticks; t++) {
            if (t == at) {
                if (breakType.equals("mean")) {
                    shift = size;
                } else if (breakType.equals("ar")) {
                    phi = size;
                }
            }
            double z = Gaussian.next(rnd);
            switch (kind) {
                case "rw" -> {
                    level += z;
                    y[t] = level + shift;
                }
                case "seasonal" -> y[t] = 20 + 5 * Math.sin(2 * Math.PI * (t + phase) / 24) + shift + z;
                default -> {
                    e = phi * e + z;
                    y[t] = 20 + shift + e;
                }
            }
        }
        return y;
    }

    /** What one run of the monitor over a series gave: the signal ticks and the estimated breaks (tick indices). */
    public record Run(List<Integer> signals, List<Integer> dates, List<Integer> lower, List<Integer> upper) {
    }

    /** Runs a fresh monitor over {@code y} (ticks one hour apart), with the period in use as the stream has it. */
    public static Run run(MonitorConfig cfg, double[] y) {
        BreakMonitor m = new BreakMonitor(cfg);
        Seasonality season = new Seasonality(0, Seasonality.RING);
        Ring ring = new Ring(Seasonality.RING);
        List<Integer> signals = new ArrayList<>();
        List<Integer> dates = new ArrayList<>();
        List<Integer> lower = new ArrayList<>();
        List<Integer> upper = new ArrayList<>();
        for (int t = 0; t < y.length; t++) {
            long ts = t * 3_600_000L;
            ring.push(y[t]);
            season.observe(ts, ring);
            int period = season.period() > 1 && season.on() ? Math.min(season.period(), cfg.maxPeriod()) : 1;
            BreakMonitor.Result r = m.update(ts, y[t], period);
            if (r.signal()) {
                signals.add(t);
                dates.add((int) (r.breakTs() / 3_600_000L));
                lower.add(r.breakLowerTs() == Long.MIN_VALUE ? -1 : (int) (r.breakLowerTs() / 3_600_000L));
                upper.add(r.breakUpperTs() == Long.MIN_VALUE ? -1 : (int) (r.breakUpperTs() / 3_600_000L));
            }
        }
        return new Run(signals, dates, lower, upper);
    }

    /**
     * The fraction of {@code series} no-break series of each null kind with any false alarm within {@code ticks}
     * ticks, and the signals per 1,000 ticks; series i of a kind is seeded by {@code seed + i} mixed with the kind.
     */
    public static Map<String, Object> calibration(MonitorConfig cfg, int series, int ticks, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String kind : NULL_KINDS) {
            int any = 0;
            long signals = 0;
            for (int i = 0; i < series; i++) {
                double[] y = series(kind, ticks, rng(seed, kind, i), -1, "none", 0);
                Run r = run(cfg, y);
                any += r.signals().isEmpty() ? 0 : 1;
                signals += r.signals().size();
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("series", series);
            k.put("ticks", ticks);
            k.put("with_false_alarm", any);
            k.put("fraction", (double) any / series);
            // The binomial standard error of the fraction.
            double f = (double) any / series;
            k.put("se", Math.sqrt(f * (1 - f) / series));
            k.put("signals_per_1000_ticks", 1000.0 * signals / ((double) series * ticks));
            out.put(kind, k);
        }
        return out;
    }

    /**
     * Short streams: of {@code series} 40-tick series of AR(1) noise (φ 0 and 0.5) with a mean shift of 2, 3 and 5
     * innovation sds at tick 20, the fraction with a signal dated within 5 ticks of it; and of each null kind's
     * 45-tick series, the fraction with any signal (the first ticks are the start test's: {@code docs/breaks.md}).
     */
    public static Map<String, Object> shortSeries(MonitorConfig cfg, int series, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> found = new ArrayList<>();
        for (String kind : List.of("ar0", "ar0.5")) {
            for (double size : new double[] {2, 3, 5}) {
                int dated = 0;
                for (int i = 0; i < series; i++) {
                    Run r = run(cfg, series(kind, 40, rng(seed, kind + "/short/" + size, i), 20, "mean", size));
                    dated += r.dates().stream().anyMatch(d -> Math.abs(d - 20) <= 5) ? 1 : 0;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", kind);
                row.put("size", size);
                row.put("series", series);
                row.put("found_dated_within_5", (double) dated / series);
                found.add(row);
            }
        }
        out.put("shift_at_20_of_40", found);
        Map<String, Object> nulls = new LinkedHashMap<>();
        for (String kind : NULL_KINDS) {
            int any = 0;
            for (int i = 0; i < series; i++) {
                any += run(cfg, series(kind, 45, rng(seed, kind + "/short", i), -1, "none", 0)).signals().isEmpty() ? 0 : 1;
            }
            nulls.put(kind, (double) any / series);
        }
        out.put("nulls_45_ticks_with_any_signal", nulls);
        return out;
    }

    /**
     * Detection delays of a break at tick {@code at} of {@code series} series of {@code kind}: detected = the first
     * signal at or after the break within {@code tolerance} ticks; series with a signal before the break are left out.
     */
    public static Map<String, Object> power(MonitorConfig cfg, String kind, String breakType, double size, int series,
                                            int ticks, int at, int tolerance, long seed) {
        List<Integer> delays = new ArrayList<>();
        List<Integer> dateErrors = new ArrayList<>();
        int covered = 0;
        int intervals = 0;
        int early = 0;
        for (int i = 0; i < series; i++) {
            double[] y = series(kind, ticks, rng(seed, kind + breakType + size, i), at, breakType, size);
            Run r = run(cfg, y);
            boolean before = r.signals().stream().anyMatch(s -> s < at);
            if (before) {
                early++;
                continue;
            }
            for (int j = 0; j < r.signals().size(); j++) {
                int s = r.signals().get(j);
                if (s >= at && s <= at + tolerance) {
                    delays.add(s - at);
                    dateErrors.add(r.dates().get(j) - at);
                    if (r.lower().get(j) >= 0) {
                        intervals++;
                        if (r.lower().get(j) <= at && at <= r.upper().get(j)) {
                            covered++;
                        }
                    }
                    break;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("break", breakType);
        out.put("size", size);
        out.put("at", at);
        out.put("series", series);
        out.put("alarm_before_break", early);
        out.put("detected", delays.size());
        out.put("delay_median", quantile(delays, 0.5));
        out.put("delay_p10", quantile(delays, 0.1));
        out.put("delay_p90", quantile(delays, 0.9));
        List<Integer> abs = dateErrors.stream().map(Math::abs).toList();
        out.put("date_error_median_abs", quantile(abs, 0.5));
        out.put("date_error_p90_abs", quantile(abs, 0.9));
        out.put("interval_defined", intervals);
        out.put("interval_covers", intervals == 0 ? null : (double) covered / intervals);
        return out;
    }

    /**
     * The forecaster's reaction to breaks: the production topology ({@link Backtest}) over generated series with
     * breaks, with {@code breaks.react} true and false in the same run; per break, the one-step RMSE over the
     * {@code after} ticks from the break on (the forecasts of those values, made one tick earlier), pooled over the
     * symbols, and over the {@code after} ticks after the break's signal (the first signal of the symbol at or after
     * the break and before the next one; symbols without one are left out) — the only ticks a reaction can change.
     *
     * @param config the configuration to compare (its {@code breaks.react} is overridden)
     */
    public static Map<String, Object> reaction(io.tickcast.config.TickcastConfig config,
                                               io.tickcast.synth.Generator.Spec spec, int after) throws java.io.IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<io.tickcast.synth.Generator.Point> points = io.tickcast.synth.Generator.generate(spec);
        Map<Boolean, double[]> sse = new LinkedHashMap<>();
        Map<Boolean, double[][]> afterSignal = new LinkedHashMap<>();
        Map<Boolean, Long> signals = new LinkedHashMap<>();
        for (boolean react : new boolean[] {false, true}) {
            double[] perBreak = new double[spec.breaks().size()];
            long n = 0;
            try (Backtest bt = new Backtest(config.with(Map.of("breaks.react", Boolean.toString(react))))) {
                WindowErrors errors = new WindowErrors(spec.breaks().stream().mapToInt(io.tickcast.synth.Generator.Break::at)
                        .toArray(), after);
                bt.listen(errors);
                for (io.tickcast.synth.Generator.Point p : points) {
                    bt.tick(p.row());
                }
                errors.addTo(perBreak);
                afterSignal.put(react, errors.afterSignal());
                n = errors.signals;
            }
            sse.put(react, perBreak);
            signals.put(react, n);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int b = 0; b < spec.breaks().size(); b++) {
            int count = spec.symbols() * Math.min(after, spec.ticks() - spec.breaks().get(b).at());
            double without = Math.sqrt(sse.get(false)[b] / count);
            double with = Math.sqrt(sse.get(true)[b] / count);
            Map<String, Object> r = new LinkedHashMap<>();
            io.tickcast.synth.Generator.Break br = spec.breaks().get(b);
            r.put("break", br.at() + ":" + br.type().name().toLowerCase(java.util.Locale.ROOT) + ":" + br.size());
            r.put("rmse_without", without);
            r.put("rmse_with", with);
            r.put("reduction", 1 - with / without);
            double[] s0 = afterSignal.get(false)[b];
            double[] s1 = afterSignal.get(true)[b];
            r.put("signalled_symbols", (long) s0[2]);
            if (s0[1] > 0 && s1[1] > 0) {
                double w0 = Math.sqrt(s0[0] / s0[1]);
                double w1 = Math.sqrt(s1[0] / s1[1]);
                r.put("rmse_after_signal_without", w0);
                r.put("rmse_after_signal_with", w1);
                r.put("reduction_after_signal", 1 - w1 / w0);
            }
            rows.add(r);
        }
        out.put("symbols", spec.symbols());
        out.put("ticks", spec.ticks());
        out.put("after", after);
        out.put("signals_without", signals.get(false));
        out.put("signals_with", signals.get(true));
        out.put("breaks", rows);
        return out;
    }

    /**
     * The reaction's one-step errors as the forecasts come out: per symbol, the squared error of each forecast in a
     * break's window (the value at tick t against the one-step forecast made at t − 1, t from the break on, at most
     * {@code after} of them), and the break signals. Kept per symbol and summed in the symbols' order at the end, so
     * the sums are those of summing each symbol's series in turn.
     */
    private static final class WindowErrors implements BacktestListener {

        /** One symbol: its ticks so far, its latest one-step forecast, and the squared errors per break. */
        private static final class Symbol {
            int ticks;
            double previous;
            final double[][] squares;
            /** Every tick's squared one-step error (0 at tick 0) and the tick index of each signal. */
            final List<Double> all = new ArrayList<>();
            final List<Integer> signalTicks = new ArrayList<>();

            Symbol(int breaks, int after) {
                squares = new double[breaks][after];
            }
        }

        private final int[] at;
        private final int after;
        private final Map<String, Symbol> symbols = new LinkedHashMap<>();
        long signals;

        WindowErrors(int[] at, int after) {
            this.at = at;
            this.after = after;
        }

        @Override
        public void forecast(io.tickcast.serde.Forecast f) {
            Symbol s = symbols.computeIfAbsent(f.symbol(), k -> new Symbol(at.length, after));
            int t = s.ticks++;
            for (int b = 0; b < at.length; b++) {
                if (t >= 1 && t >= at[b] && t < at[b] + after) {
                    double e = f.value() - s.previous;
                    s.squares[b][t - at[b]] = e * e;
                }
            }
            double e = t >= 1 ? f.value() - s.previous : 0;
            s.all.add(e * e);
            s.previous = f.steps().get(0).forecast();
        }

        @Override
        public void breakRecord(io.tickcast.serde.BreakSignal b) {
            if (b.signal()) {
                signals++;
                // the signal of tick t comes with or after that tick's forecast: the symbol has t + 1 ticks
                Symbol s = symbols.computeIfAbsent(b.symbol(), k -> new Symbol(at.length, after));
                s.signalTicks.add(s.ticks - 1);
            }
        }

        /**
         * Per break: {sum of squared errors, count, symbols} over the {@code after} ticks after each symbol's first
         * signal at or after the break and before the next break, summed in the symbols' order.
         */
        double[][] afterSignal() {
            double[][] out = new double[at.length][3];
            for (Symbol s : symbols.values()) {
                for (int b = 0; b < at.length; b++) {
                    int end = b + 1 < at.length ? at[b + 1] : Integer.MAX_VALUE;
                    int sig = -1;
                    for (int t : s.signalTicks) {
                        if (t >= at[b] && t < end) {
                            sig = t;
                            break;
                        }
                    }
                    if (sig < 0) {
                        continue;
                    }
                    out[b][2]++;
                    for (int t = sig + 1; t <= sig + after && t < s.all.size(); t++) {
                        out[b][0] += s.all.get(t);
                        out[b][1]++;
                    }
                }
            }
            return out;
        }

        /** Adds each break's sum of squared errors over the symbols to {@code perBreak}. */
        void addTo(double[] perBreak) {
            for (Symbol s : symbols.values()) {
                for (int b = 0; b < at.length; b++) {
                    for (int t = at[b]; t < Math.min(s.ticks, at[b] + after); t++) {
                        perBreak[b] += s.squares[b][t - at[b]];
                    }
                }
            }
        }
    }

    /** The type-7 quantile (R's default) of integers, null if empty. */
    static Double quantile(List<Integer> v, double q) {
        if (v.isEmpty()) {
            return null;
        }
        int[] s = v.stream().mapToInt(Integer::intValue).sorted().toArray();
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Series i of a kind: its own seed, independent of the other kinds'. */
    static SplittableRandom rng(long seed, String kind, int i) {
        return new SplittableRandom(seed * 1_000_003L + kind.hashCode() * 65_537L + i);
    }

    /** The recent values, as the forecaster's history for the season's test. */
    private static final class Ring implements History {
        private final double[] v;
        private int head;
        private int count;
        private long observed;

        Ring(int capacity) {
            v = new double[capacity];
        }

        void push(double x) {
            v[head] = x;
            head = (head + 1) % v.length;
            count = Math.min(count + 1, v.length);
            observed++;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public double back(int k) {
            int i = head - 1 - k;
            return v[i < 0 ? i + v.length : i];
        }

        @Override
        public long observed() {
            return observed;
        }
    }
}
