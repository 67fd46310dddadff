package io.tickcast.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code tickcast bench changepoints}: the break detector, as the production topology runs it ({@link Backtest}, each
 * file in a fresh topology, the configured {@code breaks.mode}), scored against change points annotated by people
 * with TCPDBench's F1 (margin 5) and covering ({@link ChangePointScore}), beside "zero" (no change) and, when given,
 * the published scores of other methods.
 *
 * <p>Every signal ({@code signal=true}) gives one location, {@link #location}: the index of the first observation
 * at or after its estimated break. A series' detected change points are its signals' locations, distinct, within
 * [1, n − 2]; a signal's delay is the index of the tick it was emitted at minus its location.
 *
 * <p>Inputs: {@code annotations.json} (per series, per annotator, 0-based indices of the first observation of each
 * new regime), optionally {@code catalog.json} (per series {@code n} and {@code averaged}: the means are over the
 * averaged series; without a catalog over all) and the published scores (per series, per method, {@code f1} and
 * {@code cover}). The annotated series' rows are held in memory until they are run (benchmark series are short).
 */
public final class ChangePointBench {

    /** The method that declares no change; computed here, so a published "zero" is only checked against it. */
    public static final String ZERO = "zero";

    /**
     * The annotations and what comes with them.
     *
     * @param annotations per series, per annotator, the annotated change points
     * @param catalog     per series, its entry; null without a catalog (every series is then averaged)
     * @param published   per series, per method, the published scores; empty without
     */
    public record Inputs(Map<String, Map<String, int[]>> annotations, Map<String, CatalogEntry> catalog,
                         Map<String, Map<String, ChangePointScore>> published) {

        /** Whether {@code series} counts in the means. */
        public boolean averaged(String series) {
            return catalog == null || catalog.containsKey(series) && catalog.get(series).averaged();
        }

        /** The published methods other than {@link #ZERO}, in order of first appearance. */
        public List<String> methods() {
            Set<String> m = new LinkedHashSet<>();
            published.values().forEach(p -> m.addAll(p.keySet()));
            m.remove(ZERO);
            return List.copyOf(m);
        }
    }

    /** A catalog's entry: the series' length and whether the benchmark averages it. */
    public record CatalogEntry(int n, boolean averaged) {
    }

    /**
     * One series' figures.
     *
     * @param signals     break signals emitted
     * @param locations   the detected change points (distinct, ascending, within [1, n − 2])
     * @param meanDelay   mean over the signals of (signal's tick index − its location), NaN without signals
     * @param medianDelay their median (type 7), NaN without signals
     * @param published   per published method (not {@link #ZERO}), its scores
     */
    public record SeriesResult(String symbol, int n, int signals, int[] locations, double meanDelay,
                               double medianDelay, boolean averaged, ChangePointScore tickcast, ChangePointScore zero,
                               Map<String, ChangePointScore> published) {

        /** The series' JSON object. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", symbol);
            m.put("n", n);
            m.put("averaged", averaged);
            m.put("signals", signals);
            m.put("locations", locations);
            m.put("delay_mean", finite(meanDelay));
            m.put("delay_median", finite(medianDelay));
            m.put("tickcast", scores(tickcast));
            m.put(ZERO, scores(zero));
            published.forEach((method, s) -> m.put(method, scores(s)));
            return m;
        }
    }

    private ChangePointBench() {
    }

    /**
     * Where a break signal puts its change point: the index of the first observation at or after its estimated
     * break ({@code breakTs}, the first observation of the new regime); a signal that does not date its break
     * ({@code breakTs} null) is placed at its own tick. Any detector whose signals carry {@code breakTs} is scored
     * through this one function.
     *
     * @param ts    the series' timestamps so far, ascending (epoch ms, as the topology read them)
     * @param count how many of {@code ts} are filled
     * @return an index in 0..count ({@code count}: after every observation so far)
     */
    public static int location(BreakSignal signal, long[] ts, int count) {
        return firstAtOrAfter(ts, count, signal.breakTs() != null ? signal.breakTs() : signal.ts());
    }

    /** The first index i &lt; count with ts[i] ≥ t, or count. */
    static int firstAtOrAfter(long[] ts, int count, long t) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Reads the annotations, and the catalog and published scores when given.
     *
     * @param catalog   null: none
     * @param published null: none
     * @throws IllegalArgumentException when a file is not as described in the class comment
     */
    public static Inputs read(Path annotations, Path catalog, Path published) throws IOException {
        Map<String, Map<String, int[]>> a = new TreeMap<>();
        fields(tree(annotations), annotations, "an object of series").forEach((series, byAnnotator) -> {
            Map<String, int[]> m = new LinkedHashMap<>();
            fields(byAnnotator, annotations, series + ": an object of annotators").forEach((annotator, points) -> {
                if (!points.isArray()) {
                    throw new IllegalArgumentException(annotations + ": " + series + "/" + annotator
                            + ": expected an array of indices");
                }
                int[] p = new int[points.size()];
                for (int i = 0; i < p.length; i++) {
                    if (!points.get(i).canConvertToInt() || points.get(i).asInt() < 0) {
                        throw new IllegalArgumentException(annotations + ": " + series + "/" + annotator
                                + ": not an index: " + points.get(i));
                    }
                    p[i] = points.get(i).asInt();
                }
                m.put(annotator, p);
            });
            if (m.isEmpty()) {
                throw new IllegalArgumentException(annotations + ": " + series + " has no annotators");
            }
            a.put(series, m);
        });
        Map<String, CatalogEntry> c = null;
        if (catalog != null) {
            Map<String, CatalogEntry> entries = new LinkedHashMap<>();
            fields(tree(catalog), catalog, "an object of series").forEach((series, e) -> {
                if (!e.path("n").canConvertToInt() || !e.path("averaged").isBoolean()) {
                    throw new IllegalArgumentException(catalog + ": " + series + ": expected \"n\" (an integer) and "
                            + "\"averaged\" (true or false)");
                }
                entries.put(series, new CatalogEntry(e.get("n").asInt(), e.get("averaged").asBoolean()));
            });
            c = entries;
        }
        Map<String, Map<String, ChangePointScore>> p = new LinkedHashMap<>();
        if (published != null) {
            fields(tree(published), published, "an object of series").forEach((series, methods) -> {
                Map<String, ChangePointScore> m = new LinkedHashMap<>();
                fields(methods, published, series + ": an object of methods").forEach((method, s) -> {
                    if (!s.path("f1").isNumber() || !s.path("cover").isNumber()) {
                        throw new IllegalArgumentException(published + ": " + series + "/" + method
                                + ": expected \"f1\" and \"cover\" numbers");
                    }
                    m.put(method, new ChangePointScore(s.get("f1").asDouble(), s.get("cover").asDouble()));
                });
                p.put(series, m);
            });
        }
        return new Inputs(a, c, p);
    }

    private static JsonNode tree(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Json.mapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, JsonNode> fields(JsonNode node, Path file, String expected) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": expected " + expected);
        }
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    /** A file's rows of the annotated series, in file order. */
    public record SeriesFile(Path file, List<TickCsv.Row> rows, Map<String, Integer> n) {
    }

    /**
     * Reads the tick CSVs and keeps the rows of annotated series; every other series is skipped with a warning.
     *
     * @throws IllegalArgumentException when a file is not a tick CSV, an annotation lies outside its series, or the
     *                                  catalog gives another length
     */
    public static List<SeriesFile> load(List<Path> files, Inputs inputs, Consumer<String> warn) throws IOException {
        List<SeriesFile> out = new ArrayList<>();
        for (Path f : files) {
            List<TickCsv.Row> rows = new ArrayList<>();
            Map<String, Integer> n = new LinkedHashMap<>();
            Set<String> skipped = new LinkedHashSet<>();
            try (BufferedReader in = Files.newBufferedReader(f)) {
                TickCsv.Rows r = TickCsv.rows(in);
                for (TickCsv.Row row = r.next(); row != null; row = r.next()) {
                    if (inputs.annotations().containsKey(row.symbol())) {
                        rows.add(row);
                        n.merge(row.symbol(), 1, Integer::sum);
                    } else {
                        skipped.add(row.symbol());
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
            }
            skipped.forEach(s -> warn.accept(f.getFileName() + ": series " + s + " has no annotations: skipped"));
            n.forEach((s, count) -> check(f, s, count, inputs));
            if (!rows.isEmpty()) {
                out.add(new SeriesFile(f, rows, n));
            }
        }
        return out;
    }

    private static void check(Path file, String series, int n, Inputs inputs) {
        CatalogEntry c = inputs.catalog() == null ? null : inputs.catalog().get(series);
        if (c != null && c.n() != n) {
            throw new IllegalArgumentException(file + ": " + series + " has " + n + " observations, the catalog says "
                    + c.n());
        }
        inputs.annotations().get(series).forEach((annotator, points) -> {
            for (int p : points) {
                if (p >= n) {
                    throw new IllegalArgumentException(series + ": annotator " + annotator + "'s change point " + p
                            + " is outside the series' 0.." + (n - 1));
                }
            }
        });
    }

    /**
     * Runs each file through a fresh topology and scores its series, in file order.
     *
     * @param tick told after each tick
     * @param warn told what does not stop the run (a published "zero" that disagrees with the computed one)
     * @throws IllegalArgumentException when the topology refused ticks (dead letters): the indices would not be the
     *                                  annotations'
     */
    public static List<SeriesResult> run(TickcastConfig config, List<SeriesFile> files, Inputs inputs, Runnable tick,
                                         Consumer<String> warn) throws IOException {
        List<SeriesResult> out = new ArrayList<>();
        for (SeriesFile f : files) {
            Signals signals = new Signals();
            try (Backtest bt = new Backtest(config)) {
                bt.listen(signals);
                for (TickCsv.Row r : f.rows()) {
                    bt.tick(r);
                    tick.run();
                }
            }
            for (Map.Entry<String, Integer> e : f.n().entrySet()) {
                String series = e.getKey();
                int n = e.getValue();
                Signals.Series s = signals.series.get(series);
                int accepted = s == null ? 0 : s.count;
                if (accepted != n) {
                    throw new IllegalArgumentException(f.file() + ": " + series + ": the topology accepted " + accepted
                            + " of " + n + " ticks (the rest are dead letters: out of order or unreadable), so "
                            + "indices would not be the annotations'");
                }
                out.add(score(series, n, s.signals, inputs, warn));
            }
        }
        return out;
    }

    /** A series' figures from its signals' {tick index, location} pairs. */
    static SeriesResult score(String series, int n, List<int[]> signals, Inputs inputs, Consumer<String> warn) {
        List<int[]> annotators = List.copyOf(inputs.annotations().get(series).values());
        int[] raw = signals.stream().mapToInt(s -> s[1]).toArray();
        List<Integer> delays = signals.stream().map(s -> s[0] - s[1]).toList();
        ChangePointScore zero = ChangePointScore.zero(annotators, n);
        Map<String, ChangePointScore> published = new LinkedHashMap<>(inputs.published().getOrDefault(series, Map.of()));
        ChangePointScore publishedZero = published.remove(ZERO);
        // The published scores have 4 decimals: half of the last one, and a little for the rounding of doubles.
        double tolerance = 5e-5 + 1e-12;
        if (publishedZero != null && (Math.abs(publishedZero.f1() - zero.f1()) > tolerance
                || Math.abs(publishedZero.cover() - zero.cover()) > tolerance)) {
            warn.accept(series + ": the published zero scores " + scoresText(publishedZero)
                    + " differ from the computed " + scoresText(zero) + ": the annotations or n may not be theirs");
        }
        return new SeriesResult(series, n, signals.size(), ChangePointScore.locations(raw, n),
                delays.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN),
                delays.isEmpty() ? Double.NaN : BreakBench.quantile(delays, 0.5), inputs.averaged(series),
                ChangePointScore.of(annotators, raw, n), zero, published);
    }

    /**
     * Per symbol, its timestamps (from its forecasts, one per accepted tick) and its signals' tick index and location.
     */
    private static final class Signals implements BacktestListener {

        private static final class Series {
            long[] ts = new long[64];
            int count;
            final List<int[]> signals = new ArrayList<>();
        }

        final Map<String, Series> series = new LinkedHashMap<>();

        @Override
        public void forecast(Forecast f) {
            Series s = series.computeIfAbsent(f.symbol(), k -> new Series());
            if (s.count == s.ts.length) {
                s.ts = Arrays.copyOf(s.ts, 2 * s.count);
            }
            s.ts[s.count++] = f.ts();
        }

        @Override
        public void breakRecord(BreakSignal b) {
            if (b.signal()) {
                Series s = series.computeIfAbsent(b.symbol(), k -> new Series());
                s.signals.add(new int[] {firstAtOrAfter(s.ts, s.count, b.ts()), location(b, s.ts, s.count)});
            }
        }
    }

    /**
     * The means of F1 and cover over the averaged series, for tickcast, zero and each published method (null for a
     * method without a score on every one of them).
     */
    public static Map<String, Object> means(List<SeriesResult> results, Inputs inputs) {
        List<SeriesResult> avg = results.stream().filter(SeriesResult::averaged).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", avg.size());
        m.put("over", inputs.catalog() == null ? "all" : "averaged");
        m.put("tickcast", scores(mean(avg.stream().map(SeriesResult::tickcast).toList())));
        m.put(ZERO, scores(mean(avg.stream().map(SeriesResult::zero).toList())));
        for (String method : inputs.methods()) {
            List<ChangePointScore> s = avg.stream().map(r -> r.published().get(method)).toList();
            m.put(method, s.contains(null) ? null : scores(mean(s)));
        }
        return m;
    }

    private static ChangePointScore mean(List<ChangePointScore> s) {
        if (s.isEmpty()) {
            return null;
        }
        return new ChangePointScore(s.stream().mapToDouble(ChangePointScore::f1).average().orElseThrow(),
                s.stream().mapToDouble(ChangePointScore::cover).average().orElseThrow());
    }

    /**
     * The detector's settings: {@code breaks.mode}, then the keys of the mode's own prefix ({@code chow.*} for
     * {@code chow}), or, for a mode without keys of its own (the default {@code cusum}), the {@code breaks.*} keys;
     * sorted.
     */
    public static Map<String, Object> detector(TickcastConfig config) {
        String mode = config.getString(TickcastConfig.BREAKS_MODE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TickcastConfig.BREAKS_MODE, mode);
        Map<String, ?> values = new TreeMap<>(config.values());
        String prefix = values.keySet().stream().anyMatch(k -> k.startsWith(mode + ".")) ? mode + "." : "breaks.";
        values.forEach((k, v) -> {
            if (!k.equals(TickcastConfig.BREAKS_MODE) && k.startsWith(prefix)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The readable table: a header line with the detector, one row per series, the means. */
    public static String table(List<SeriesResult> results, Inputs inputs, Map<String, Object> detector) {
        List<String> methods = inputs.methods();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bench changepoints: %d series, %s, F1 margin %d%n", results.size(),
                detector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                ChangePointScore.MARGIN));
        List<String> names = new ArrayList<>(List.of("tickcast", ZERO));
        names.addAll(methods);
        StringBuilder h1 = new StringBuilder(String.format(Locale.ROOT, "%-20s %3s %5s %4s %-13s", "series", "avg",
                "n", "sig", "   delay"));
        StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-20s %3s %5s %4s %6s %6s", "", "", "", "",
                "mean", "median"));
        int prefix = h1.length();
        for (String name : names) {
            h1.append(String.format(Locale.ROOT, "  %-11s", name));
            h2.append(String.format(Locale.ROOT, "  %-5s %-5s", "F1", "cover"));
        }
        b.append(h1).append("  locations").append(System.lineSeparator());
        b.append(h2).append(System.lineSeparator());
        for (SeriesResult r : results) {
            b.append(String.format(Locale.ROOT, "%-20s %3s %5d %4d %6s %6s", r.symbol(), r.averaged() ? "yes" : "no",
                    r.n(), r.signals(), fixed(r.meanDelay(), 1), fixed(r.medianDelay(), 1)));
            cell(b, r.tickcast());
            cell(b, r.zero());
            methods.forEach(m -> cell(b, r.published().get(m)));
            b.append("  ").append(IntStream.of(r.locations()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(" "))).append(System.lineSeparator());
        }
        Map<String, Object> means = means(results, inputs);
        b.append(String.format(Locale.ROOT, "%-" + prefix + "s", "mean of " + means.get("series")
                + (inputs.catalog() == null ? " series" : " averaged series")));
        for (String name : names) {
            @SuppressWarnings("unchecked")
            Map<String, Double> s = (Map<String, Double>) means.get(name);
            cell(b, s == null ? null : new ChangePointScore(s.get("f1"), s.get("cover")));
        }
        b.append(System.lineSeparator());
        return b.toString();
    }

    private static void cell(StringBuilder b, ChangePointScore s) {
        b.append(s == null ? String.format(Locale.ROOT, "  %-5s %-5s", "-", "-")
                : String.format(Locale.ROOT, "  %.3f %.3f", s.f1(), s.cover()));
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    private static String scoresText(ChangePointScore s) {
        return String.format(Locale.ROOT, "F1 %.4f, cover %.4f", s.f1(), s.cover());
    }

    private static Map<String, Double> scores(ChangePointScore s) {
        if (s == null) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("f1", s.f1());
        m.put("cover", s.cover());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
