package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.BreakSignal;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of a backtest's {@code breaks.csv}, in file order: one row per detector statistic (every
 * tick, the backtest emits them all), {@code signal} 1 or 0, empty cells where a field is undefined or
 * belongs to another detector (the interval and the CUSUM: {@code breaks.mode=cusum}; F's critical value and p-value:
 * the Chow test). {@code statistic} and {@code threshold} are every mode's; on a signal, {@code score}, the
 * {@code change}'s kind and its regimes' magnitudes ({@code level_before} .. {@code sd_after}) where the detector tells;
 * {@code dismissed} 1 on the tick of an alarm the bend check dismissed (cusum), else empty. Written by {@link ResultFiles}, read by {@code report}: the header names are declared once.
 */
public enum BreakColumn implements Column {
    SYMBOL, TS, F, F_CRIT, P_VALUE, SIGNAL, BREAK_TS, MODE, WINDOW, K, BREAK_LOWER_TS, BREAK_UPPER_TS, CUSUM, CUSUM_CRIT,
    STATISTIC, THRESHOLD, SCORE, CHANGE, LEVEL_BEFORE, LEVEL_AFTER, SLOPE_BEFORE, SLOPE_AFTER, SD_BEFORE, SD_AFTER,
    DISMISSED;

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
            case STATISTIC -> orEmpty(b.statistic());
            case THRESHOLD -> orEmpty(b.threshold());
            case SCORE -> orEmpty(b.score());
            case CHANGE -> b.change() == null ? "" : orEmpty(b.change().kind());
            case LEVEL_BEFORE -> b.change() == null || b.change().before() == null ? "" : orEmpty(b.change().before().level());
            case LEVEL_AFTER -> b.change() == null || b.change().after() == null ? "" : orEmpty(b.change().after().level());
            case SLOPE_BEFORE -> b.change() == null || b.change().before() == null ? "" : orEmpty(b.change().before().slope());
            case SLOPE_AFTER -> b.change() == null || b.change().after() == null ? "" : orEmpty(b.change().after().slope());
            case SD_BEFORE -> b.change() == null || b.change().before() == null ? "" : orEmpty(b.change().before().sd());
            case SD_AFTER -> b.change() == null || b.change().after() == null ? "" : orEmpty(b.change().after().sd());
            case DISMISSED -> Boolean.TRUE.equals(b.dismissed()) ? "1" : "";
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
