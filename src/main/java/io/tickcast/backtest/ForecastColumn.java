package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.Forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of a backtest's {@code forecasts.csv}, in file order: one row per forecast step, with
 * {@code actual} the symbol's value {@code step} ticks later (empty beyond the end of the data).
 * Written here, read by {@code report}: the header names are declared once.
 */
public enum ForecastColumn implements Column {
    SYMBOL, TS, STEP, FORECAST, LOWER, UPPER, PERSISTENCE, ACTUAL, SOURCE, TICKS, UPDATES, TRAIN_LOSS;

    /** The file's name in a backtest's output directory. */
    public static final String FILE = "forecasts.csv";

    /** The constant's name in lower case. */
    @Override
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    private String cell(Forecast f, Forecast.Step s, String actual) {
        return switch (this) {
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
        };
    }

    /** Writes {@code forecasts} (in arrival order) with their actuals, found in the same symbol's later records. */
    static void write(Path file, List<Forecast> forecasts) throws IOException {
        Map<String, List<Forecast>> bySymbol = new HashMap<>();
        for (Forecast f : forecasts) {
            bySymbol.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(f);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(Stream.of(values()).map(ForecastColumn::header).collect(Collectors.joining(",", "", "\n")));
            Map<String, Integer> index = new HashMap<>();
            for (Forecast f : forecasts) {
                List<Forecast> series = bySymbol.get(f.symbol());
                int i = index.merge(f.symbol(), 1, Integer::sum) - 1;
                for (Forecast.Step s : f.steps()) {
                    int j = i + s.step();
                    String actual = j < series.size() ? Double.toString(series.get(j).value()) : "";
                    w.write(Stream.of(values()).map(c -> Csv.quoted(c.cell(f, s, actual))).collect(Collectors.joining(",", "", "\n")));
                }
            }
        }
    }
}
