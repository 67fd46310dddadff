package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.BreakSignal;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of a backtest's {@code breaks.csv}, in file order: one row per detector statistic (every
 * tick, the backtest emits them all), {@code signal} 1 or 0, empty cells where a field is undefined or
 * belongs to the other detector (the interval and the CUSUM: {@code breaks.mode=cusum}). Written by {@link ResultFiles}, read by {@code report}: the header names are declared once.
 */
public enum BreakColumn implements Column {
    SYMBOL, TS, F, F_CRIT, P_VALUE, SIGNAL, BREAK_TS, MODE, WINDOW, K, BREAK_LOWER_TS, BREAK_UPPER_TS, CUSUM, CUSUM_CRIT;

    /** The file's name in a backtest's output directory. */
    public static final String FILE = "breaks.csv";

    /** The constant's name in lower case. */
    @Override
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    private String cell(BreakSignal b) {
        return switch (this) {
            case SYMBOL -> b.symbol();
            case TS -> Long.toString(b.ts());
            case F -> orEmpty(b.f());
            case F_CRIT -> orEmpty(b.fCrit());
            case P_VALUE -> orEmpty(b.pValue());
            case SIGNAL -> b.signal() ? "1" : "0";
            case BREAK_TS -> orEmpty(b.breakTs());
            case MODE -> b.mode();
            case WINDOW -> Integer.toString(b.window());
            case K -> Integer.toString(b.k());
            case BREAK_LOWER_TS -> orEmpty(b.breakLowerTs());
            case BREAK_UPPER_TS -> orEmpty(b.breakUpperTs());
            case CUSUM -> orEmpty(b.cusum());
            case CUSUM_CRIT -> orEmpty(b.cusumCrit());
        };
    }

    private static String orEmpty(Object v) {
        return v == null ? "" : v.toString();
    }

    /** The header line, newline included. */
    static String headerLine() {
        return Stream.of(values()).map(BreakColumn::header).collect(Collectors.joining(",", "", "\n"));
    }

    /** The record's line, newline included. */
    static String line(BreakSignal b) {
        return Stream.of(values()).map(c -> Csv.quoted(c.cell(b))).collect(Collectors.joining(",", "", "\n"));
    }
}
