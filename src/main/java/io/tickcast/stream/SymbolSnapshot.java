package io.tickcast.stream;

import io.tickcast.model.LstmModel;

import java.util.List;
import java.util.Map;

/**
 * A read-only view of one symbol's state, decoded from its stores for queries ({@link LocalSymbols}).
 *
 * @param lastForecast the forecast made at the latest tick, or null before the first
 * @param period       the seasonal period in use (1: none), or null before it is inferred
 * @param candidatePeriod the period inferred from the timestamps (or configured), in use once confirmed; null before
 * @param model        the LSTM expert's summary, or null before it first trained (nothing stored yet)
 * @param lstm         the LSTM itself (a decoded copy, for export), or null with {@code model}
 * @param detector     the break detector's summary, or null without a detector
 */
public record SymbolSnapshot(String symbol, long ticks, long lastTs, double lastValue, LastForecast lastForecast,
                             Integer period, Integer candidatePeriod, Model model, LstmModel lstm, Detector detector) {

    /** One step of the latest forecast. */
    public record Step(double forecast, double lower, double upper) {
    }

    /**
     * The latest forecast: its steps, the expert with the largest one-step weight ({@code persistence} before the
     * panel exists) and the one-step weights of the awake experts (null before the panel exists).
     */
    public record LastForecast(List<Step> steps, String source, Map<String, Double> weights) {
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
