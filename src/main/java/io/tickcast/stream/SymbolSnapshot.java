package io.tickcast.stream;

import io.tickcast.model.LstmModel;

import java.util.List;

/**
 * A read-only view of one symbol's state, decoded from its stores for queries ({@link LocalSymbols}).
 *
 * @param lastForecast the forecast made at the latest tick, or null before the first
 * @param model        the LSTM expert's summary, or null before it first trained (nothing stored yet)
 * @param lstm         the LSTM itself (a decoded copy, for export), or null with {@code model}
 * @param detector     the break detector's summary, or null without a detector
 */
public record SymbolSnapshot(String symbol, long ticks, long lastTs, double lastValue, LastForecast lastForecast,
                             Model model, LstmModel lstm, Detector detector) {

    /** One step of the latest forecast. */
    public record Step(double forecast, double lower, double upper) {
    }

    /** The latest forecast: its steps and the expert it came from ({@code persistence} when none). */
    public record LastForecast(List<Step> steps, String source) {
    }

    /** The LSTM expert's training so far and its shape. */
    public record Model(long updates, Double lastLoss, long skippedSteps, long rollbacks, int hidden, int layers,
                        int horizon) {
    }

    /**
     * The break detector's settings and latest statistic.
     *
     * @param f        the latest statistic, null while undefined
     * @param breakTs  the estimated break's timestamp, null when none
     */
    public record Detector(String mode, int window, int k, double alpha, Double f, Double fCrit, Double pValue,
                           Long breakTs, long signals, long undefined) {
    }
}
