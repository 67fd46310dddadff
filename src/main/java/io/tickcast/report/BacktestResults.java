package io.tickcast.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.BreakColumn;
import io.tickcast.backtest.ForecastColumn;
import io.tickcast.csv.Csv;
import io.tickcast.serde.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report draws, read from a backtest's output directory: per symbol the one-step forecasts
 * ({@code forecasts.csv}, step 1) and the Chow statistics ({@code breaks.csv}), and the summary.
 */
record BacktestResults(Map<String, List<ForecastRow>> forecasts, Map<String, List<BreakRow>> breaks, JsonNode summary) {

    /** A step-1 row of forecasts.csv. */
    record ForecastRow(long ts, double forecast, double lower, double upper, double persistence, double actual,
                       String source, long updates, double trainLoss) {
    }

    /** A row of breaks.csv. */
    record BreakRow(long ts, double f, double crit, boolean signal) {
    }

    /**
     * Reads {@code dir}; breaks.csv and summary.json are optional.
     *
     * @throws IllegalArgumentException when {@code dir} holds no forecasts.csv, or a file lacks a column
     */
    static BacktestResults read(Path dir) throws IOException {
        Path fc = dir.resolve(ForecastColumn.FILE);
        if (!Files.isRegularFile(fc)) {
            throw new IllegalArgumentException("no " + fc + ": --in must be a backtest's output directory");
        }
        Path br = dir.resolve(BreakColumn.FILE);
        Path summary = dir.resolve(Backtest.SUMMARY_FILE);
        return new BacktestResults(readForecasts(fc),
                Files.isRegularFile(br) ? readBreaks(br) : Map.of(),
                Files.isRegularFile(summary) ? Json.mapper().readTree(summary.toFile()) : Json.mapper().createObjectNode());
    }

    private static Map<String, List<ForecastRow>> readForecasts(Path file) throws IOException {
        Map<String, List<ForecastRow>> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(r);
            Csv.Header h = header(csv, file);
            int symbol = h.require(ForecastColumn.SYMBOL.header(), file);
            int ts = h.require(ForecastColumn.TS.header(), file);
            int step = h.require(ForecastColumn.STEP.header(), file);
            int forecast = h.require(ForecastColumn.FORECAST.header(), file);
            int lower = h.require(ForecastColumn.LOWER.header(), file);
            int upper = h.require(ForecastColumn.UPPER.header(), file);
            int persistence = h.require(ForecastColumn.PERSISTENCE.header(), file);
            int actual = h.require(ForecastColumn.ACTUAL.header(), file);
            int source = h.index(ForecastColumn.SOURCE.header());
            int updates = h.index(ForecastColumn.UPDATES.header());
            int trainLoss = h.index(ForecastColumn.TRAIN_LOSS.header());
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                if (!l.cell(step).equals("1")) {
                    continue;
                }
                out.computeIfAbsent(l.cell(symbol), k -> new ArrayList<>()).add(new ForecastRow(
                        Long.parseLong(l.cell(ts)), d(l.cell(forecast)), d(l.cell(lower)), d(l.cell(upper)),
                        d(l.cell(persistence)), d(l.cell(actual)),
                        source >= 0 ? l.cell(source) : "",
                        updates >= 0 ? (long) d(l.cell(updates)) : 0,
                        trainLoss >= 0 ? d(l.cell(trainLoss)) : Double.NaN));
            }
        }
        return out;
    }

    private static Map<String, List<BreakRow>> readBreaks(Path file) throws IOException {
        Map<String, List<BreakRow>> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(r);
            Csv.Header h = header(csv, file);
            int symbol = h.require(BreakColumn.SYMBOL.header(), file);
            int ts = h.require(BreakColumn.TS.header(), file);
            int f = h.require(BreakColumn.F.header(), file);
            int crit = h.require(BreakColumn.F_CRIT.header(), file);
            int signal = h.require(BreakColumn.SIGNAL.header(), file);
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                String sig = l.cell(signal);
                out.computeIfAbsent(l.cell(symbol), k -> new ArrayList<>()).add(new BreakRow(Long.parseLong(l.cell(ts)),
                        d(l.cell(f)), d(l.cell(crit)), sig.equals("1") || sig.equalsIgnoreCase("true")));
            }
        }
        return out;
    }

    private static Csv.Header header(Csv csv, Path file) {
        if (csv.header() == null) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return csv.header();
    }

    private static double d(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
