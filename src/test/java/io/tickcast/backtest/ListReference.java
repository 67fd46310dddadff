package io.tickcast.backtest;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The list-based writers and break scoring as they were before the backtest streamed (commit a14d65c:
 * {@code ForecastColumn.write}, {@code BreakColumn.write}, {@code BreakTruth.score}), the cells spelled out one by
 * one: the reference that the streamed output must equal byte for byte. It holds every record in memory, so it
 * serves tests on small inputs only.
 */
final class ListReference {

    private ListReference() {
    }

    /** {@code forecasts.csv}: each forecast's steps with the actual found in the same symbol's later records. */
    static void writeForecasts(Path file, List<Forecast> forecasts) throws IOException {
        Map<String, List<Forecast>> bySymbol = new HashMap<>();
        for (Forecast f : forecasts) {
            bySymbol.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(f);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(Stream.of(ForecastColumn.values()).map(ForecastColumn::header).collect(Collectors.joining(",", "", "\n")));
            Map<String, Integer> index = new HashMap<>();
            for (Forecast f : forecasts) {
                List<Forecast> series = bySymbol.get(f.symbol());
                int i = index.merge(f.symbol(), 1, Integer::sum) - 1;
                for (Forecast.Step s : f.steps()) {
                    int j = i + s.step();
                    String actual = j < series.size() ? Double.toString(series.get(j).value()) : "";
                    w.write(row(f, s, actual));
                }
            }
        }
    }

    private static String row(Forecast f, Forecast.Step s, String actual) {
        List<String> cells = new ArrayList<>();
        for (ForecastColumn c : ForecastColumn.values()) {
            cells.add(switch (c) {
                case SYMBOL -> f.symbol();
                case TS -> Long.toString(f.ts());
                case STEP -> Integer.toString(s.step());
                case FORECAST -> Double.toString(s.forecast());
                case LOWER -> Double.toString(s.lower());
                case UPPER -> Double.toString(s.upper());
                case PERSISTENCE -> Double.toString(s.persistence());
                case ACTUAL -> actual;
                case SOURCE -> f.source();
                case TICKS -> Long.toString(f.ticks());
                case UPDATES -> Long.toString(f.updates());
                case TRAIN_LOSS -> f.trainLoss() == null ? "" : f.trainLoss().toString();
            });
        }
        return String.join(",", cells) + "\n";
    }

    /** {@code breaks.csv}: one row per record, in order. */
    static void writeBreaks(Path file, List<BreakSignal> breaks) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(Stream.of(BreakColumn.values()).map(BreakColumn::header).collect(Collectors.joining(",", "", "\n")));
            for (BreakSignal b : breaks) {
                w.write(String.join(",", b.symbol(), Long.toString(b.ts()), orEmpty(b.f()), orEmpty(b.fCrit()),
                        orEmpty(b.pValue()), b.signal() ? "1" : "0", orEmpty(b.breakTs()), b.mode(),
                        Integer.toString(b.window()), Integer.toString(b.k()), orEmpty(b.breakLowerTs()),
                        orEmpty(b.breakUpperTs()), orEmpty(b.cusum()), orEmpty(b.cusumCrit()), orEmpty(b.statistic()),
                        orEmpty(b.threshold()), orEmpty(b.score()), b.change() == null ? "" : orEmpty(b.change().kind()),
                        regime(b, true, 0), regime(b, false, 0), regime(b, true, 1), regime(b, false, 1),
                        regime(b, true, 2), regime(b, false, 2), Boolean.TRUE.equals(b.dismissed()) ? "1" : "") + "\n");
            }
        }
    }

    /** A member (0 level, 1 slope, 2 sd) of the change's regime before or after; empty when unknown. */
    private static String regime(BreakSignal b, boolean before, int member) {
        BreakSignal.Regime r = b.change() == null ? null : before ? b.change().before() : b.change().after();
        return r == null ? "" : orEmpty(member == 0 ? r.level() : member == 1 ? r.slope() : r.sd());
    }

    private static String orEmpty(Object v) {
        return v == null ? "" : v.toString();
    }

    /** Adds {@code detection} per symbol of the summary, from every record at once. */
    @SuppressWarnings("unchecked")
    static void score(List<BreakTruth> truth, List<BreakSignal> statistics, List<Forecast> forecasts, int tolerance,
                      Map<String, Object> summary) {
        Map<String, Map<Long, Integer>> index = new HashMap<>();
        for (Forecast f : forecasts) {
            Map<Long, Integer> m = index.computeIfAbsent(f.symbol(), k -> new HashMap<>());
            m.put(f.ts(), m.size());
        }
        Map<String, List<Integer>> signals = new HashMap<>();
        Map<String, Map<Integer, Integer>> dated = new HashMap<>();
        for (BreakSignal b : statistics) {
            if (b.signal()) {
                Map<Long, Integer> ix = index.getOrDefault(b.symbol(), Map.of());
                Integer i = ix.get(b.ts());
                if (i != null) {
                    signals.computeIfAbsent(b.symbol(), k -> new ArrayList<>()).add(i);
                    Integer at = b.breakTs() == null ? null : ix.get(b.breakTs());
                    if (at != null) {
                        dated.computeIfAbsent(b.symbol(), k -> new HashMap<>()).put(i, at);
                    }
                }
            }
        }
        Map<String, Object> symbols = (Map<String, Object>) summary.get("symbols");
        Map<String, List<BreakTruth>> bySymbol = new HashMap<>();
        truth.forEach(t -> bySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t));
        for (Map.Entry<String, Object> e : symbols.entrySet()) {
            List<Integer> sig = new ArrayList<>(signals.getOrDefault(e.getKey(), List.of()));
            List<Integer> delays = new ArrayList<>();
            List<Integer> dateErrors = new ArrayList<>();
            Map<Integer, Integer> dates = dated.getOrDefault(e.getKey(), Map.of());
            int detected = 0;
            List<BreakTruth> trueBreaks = bySymbol.getOrDefault(e.getKey(), List.of());
            for (BreakTruth t : trueBreaks) {
                Integer at = nearestIndexAtOrAfter(index.getOrDefault(e.getKey(), Map.of()), t.ts());
                if (at == null) {
                    continue;
                }
                Integer hit = sig.stream().filter(s -> s >= at && s <= at + tolerance).findFirst().orElse(null);
                if (hit != null) {
                    detected++;
                    delays.add(hit - at);
                    if (dates.containsKey(hit)) {
                        dateErrors.add(dates.get(hit) - at);
                    }
                    sig.remove(hit);
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("true_breaks", trueBreaks.size());
            d.put("detected", detected);
            d.put("delays", delays);
            d.put("mean_delay", delays.isEmpty() ? null : delays.stream().mapToInt(Integer::intValue).average().orElse(0));
            d.put("date_errors", dateErrors);
            d.put("false_alarms", sig.size());
            ((Map<String, Object>) e.getValue()).put("detection", d);
        }
    }

    private static Integer nearestIndexAtOrAfter(Map<Long, Integer> index, long ts) {
        return index.entrySet().stream().filter(x -> x.getKey() >= ts).min(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).orElse(null);
    }
}
