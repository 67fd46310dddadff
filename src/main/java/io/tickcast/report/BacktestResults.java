package io.tickcast.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.backtest.BreakColumn;
import io.tickcast.backtest.Column;
import io.tickcast.backtest.ForecastColumn;
import io.tickcast.backtest.ResultFiles;
import io.tickcast.csv.Csv;
import io.tickcast.serde.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the report draws, read from a backtest's output directory: per symbol the one-step forecasts
 * ({@code forecasts.csv}, step 1) and the break detector's statistics ({@code breaks.csv}), and the summary.
 */
record BacktestResults(Map<String, List<ForecastRow>> forecasts, Map<String, List<BreakRow>> breaks, JsonNode summary) {

    /** A step-1 row of forecasts.csv. */
    record ForecastRow(long ts, double forecast, double lower, double upper, double persistence, double actual,
                       String source, long updates, double trainLoss) {
    }

    /**
     * A row of breaks.csv: the detector's statistic and threshold (NaN when undefined; files from before those columns:
     * the Chow test's F and critical value, or the CUSUM and its threshold) and its mode ("" when the file has none).
     */
    record BreakRow(long ts, double statistic, double threshold, boolean signal, String mode, boolean dismissed) {
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
        Path summary = dir.resolve(ResultFiles.SUMMARY_FILE);
        return new BacktestResults(readForecasts(fc),
                Files.isRegularFile(br) ? readBreaks(br) : Map.of(),
                Files.isRegularFile(summary) ? Json.mapper().readTree(summary.toFile()) : Json.mapper().createObjectNode());
    }

    /** The step-1 rows of forecasts.csv by symbol; the later steps' forecasts are not drawn. */
    private static Map<String, List<ForecastRow>> readForecasts(Path file) throws IOException {
        return bySymbol(file, ForecastColumn.values(), EnumSet.of(ForecastColumn.SYMBOL, ForecastColumn.TS,
                ForecastColumn.STEP, ForecastColumn.FORECAST, ForecastColumn.LOWER, ForecastColumn.UPPER,
                ForecastColumn.PERSISTENCE, ForecastColumn.ACTUAL), ForecastColumn.SYMBOL, (c, l) ->
                !"1".equals(c.text(l, ForecastColumn.STEP)) ? null : new ForecastRow(
                        Long.parseLong(c.text(l, ForecastColumn.TS)), c.number(l, ForecastColumn.FORECAST),
                        c.number(l, ForecastColumn.LOWER), c.number(l, ForecastColumn.UPPER),
                        c.number(l, ForecastColumn.PERSISTENCE), c.number(l, ForecastColumn.ACTUAL),
                        c.has(ForecastColumn.SOURCE) ? c.text(l, ForecastColumn.SOURCE) : "",
                        (long) c.number(l, ForecastColumn.UPDATES), // 0 when absent or empty
                        c.number(l, ForecastColumn.TRAIN_LOSS)));
    }

    private static Map<String, List<BreakRow>> readBreaks(Path file) throws IOException {
        return bySymbol(file, BreakColumn.values(), EnumSet.of(BreakColumn.SYMBOL, BreakColumn.TS, BreakColumn.SIGNAL),
                BreakColumn.SYMBOL, (c, l) -> {
                    String mode = c.has(BreakColumn.MODE) ? c.text(l, BreakColumn.MODE) : "";
                    boolean cusum = mode.equals("cusum");
                    double statistic = c.has(BreakColumn.STATISTIC) ? c.number(l, BreakColumn.STATISTIC)
                            : c.number(l, cusum ? BreakColumn.CUSUM : BreakColumn.F);
                    double threshold = c.has(BreakColumn.THRESHOLD) ? c.number(l, BreakColumn.THRESHOLD)
                            : c.number(l, cusum ? BreakColumn.CUSUM_CRIT : BreakColumn.F_CRIT);
                    return new BreakRow(Long.parseLong(c.text(l, BreakColumn.TS)), statistic, threshold,
                            c.text(l, BreakColumn.SIGNAL).equals("1") || c.text(l, BreakColumn.SIGNAL).equalsIgnoreCase("true"),
                            mode, c.has(BreakColumn.DISMISSED) && c.text(l, BreakColumn.DISMISSED).equals("1"));
                });
    }

    /** Where each column of a file is (-1: absent), found by the declared header names. */
    private record Cells<C extends Enum<C> & Column>(EnumMap<C, Integer> index) {

        boolean has(C column) {
            return index.get(column) >= 0;
        }

        String text(Csv.Line l, C column) {
            return l.cell(index.get(column));
        }

        /** The cell as a number; NaN when empty or when the file has no such column. */
        double number(Csv.Line l, C column) {
            String s = has(column) ? text(l, column) : "";
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }
    }

    /**
     * The rows of {@code file} grouped by the {@code symbol} column, in file order.
     *
     * @param row reads one line (null: skip it)
     * @throws IllegalArgumentException when the file is empty or lacks a {@code required} column
     */
    private static <C extends Enum<C> & Column, R> Map<String, List<R>> bySymbol(Path file, C[] columns, Set<C> required,
            C symbol, BiFunction<Cells<C>, Csv.Line, R> row) throws IOException {
        Map<String, List<R>> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(r);
            if (csv.header() == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            EnumMap<C, Integer> index = new EnumMap<>(columns[0].getDeclaringClass());
            for (C c : columns) {
                index.put(c, required.contains(c) ? csv.header().require(c.header(), file) : csv.header().index(c.header()));
            }
            Cells<C> cells = new Cells<>(index);
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                R value = row.apply(cells, l);
                if (value != null) {
                    out.computeIfAbsent(cells.text(l, symbol), k -> new ArrayList<>()).add(value);
                }
            }
        }
        return out;
    }
}
