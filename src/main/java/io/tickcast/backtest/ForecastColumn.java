package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.Forecast;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of a backtest's {@code forecasts.csv}, in file order: one row per forecast step, with
 * {@code actual} the symbol's value {@code step} ticks later (empty beyond the end of the data).
 * Written by {@link ForecastCsvWriter}, read by {@code report}: the header names are declared once.
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

    /** The header line, newline included. */
    static String headerLine() {
        return Stream.of(values()).map(ForecastColumn::header).collect(Collectors.joining(",", "", "\n"));
    }

    /** One step's line, newline included; {@code actual} is the value {@code step} ticks later, or empty. */
    static String line(Forecast f, Forecast.Step s, String actual) {
        return Stream.of(values()).map(c -> Csv.quoted(c.cell(f, s, actual))).collect(Collectors.joining(",", "", "\n"));
    }
}
