package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.TickParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth of structural breaks ({@code symbol,ts[,kind]} CSV) and the scoring of break signals
 * against it: a true break is detected by the first signal at or after it within {@code tolerance}
 * ticks; its delay is counted in ticks, and where the signal carries an estimated break ({@code break_ts}) its dating
 * error, estimated minus true tick index (negative: dated early); every other signal is a false alarm.
 */
public record BreakTruth(String symbol, long ts, String kind) {

    /** Reads a ground truth file: columns {@code symbol} and {@code ts}, optionally {@code kind}, in any order. */
    public static List<BreakTruth> read(Path file) throws IOException {
        List<BreakTruth> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(r);
            Csv.Header h = csv.header();
            if (h == null || h.index("symbol") < 0 || h.index("ts") < 0) {
                throw new IllegalArgumentException(file + ": expected the header 'symbol,ts[,kind...]'");
            }
            int symbol = h.index("symbol");
            int ts = h.index("ts");
            int kind = h.index("kind");
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                out.add(new BreakTruth(l.cell(symbol), TickParser.parseTimestamp(l.cell(ts)),
                        kind >= 0 && kind < l.size() ? l.cell(kind) : ""));
            }
        }
        return out;
    }

    /** Adds {@code detection} per symbol to the summary: true breaks, detected, delays, false alarms. */
    @SuppressWarnings("unchecked")
    public static void score(List<BreakTruth> truth, List<BreakSignal> statistics, List<Forecast> forecasts, int tolerance,
                      Map<String, Object> summary) {
        // Tick index of every timestamp per symbol.
        Map<String, Map<Long, Integer>> index = new HashMap<>();
        for (Forecast f : forecasts) {
            Map<Long, Integer> m = index.computeIfAbsent(f.symbol(), k -> new HashMap<>());
            m.put(f.ts(), m.size());
        }
        Map<String, List<Integer>> signals = new HashMap<>();
        // The estimated break of each signal (its tick index), where the record carries one.
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
