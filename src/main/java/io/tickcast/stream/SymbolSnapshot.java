package io.tickcast.stream;

import io.tickcast.model.LstmModel;
import io.tickcast.serde.BreakSignal;

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
     * The break detector's settings, its latest statistic and its latest signal ({@code /symbols/{symbol}}).
     *
     * @param mode         the record's mode: {@code fixed}, {@code scan}, {@code cusum} or {@code segment}
     * @param window       observations the statistic is over
     * @param k            regressors
     * @param alpha        the significance level (or false-alarm budget)
     * @param statistic    the latest statistic, null while undefined
     * @param threshold    its signal threshold, null while undefined
     * @param breakTs      the latest estimated break (cusum, segment: the latest signal's; Chow: the current
     *                     window's), null when none
     * @param breakLowerTs its interval's lower end, null when undefined
     * @param breakUpperTs its interval's upper end, null when undefined
     * @param change       what changed at the latest signalled break, null when unknown
     * @param signals      signals so far
     * @param undefined    ticks whose statistic was undefined
     * @param f            compatibility (Chow): the latest F, null otherwise
     * @param fCrit        compatibility (Chow): its critical value, null otherwise
     * @param pValue       compatibility (Chow): its p-value, null otherwise
     */
    public record Detector(String mode, int window, int k, double alpha, Double statistic, Double threshold,
                           Long breakTs, Long breakLowerTs, Long breakUpperTs, BreakSignal.Change change, long signals,
                           long undefined, Double f, Double fCrit, Double pValue) {

        /** A summary without a break, a change or the Chow test's fields (add them with the {@code with} methods). */
        public static Detector of(String mode, int window, int k, double alpha, Double statistic, Double threshold,
                                  long signals, long undefined) {
            return new Detector(mode, window, k, alpha, BreakSignal.finite(statistic), BreakSignal.finite(threshold),
                    null, null, null, null, signals, undefined, null, null, null);
        }

        /** This summary with the latest break (any null when undefined). */
        public Detector withBreak(Long breakTs, Long lower, Long upper, BreakSignal.Change change) {
            return new Detector(mode, window, k, alpha, statistic, threshold, breakTs, lower, upper, change, signals,
                    undefined, f, fCrit, pValue);
        }

        /** This summary with the Chow test's F, critical value and p-value. */
        public Detector withChow(Double f, Double fCrit, Double pValue) {
            return new Detector(mode, window, k, alpha, statistic, threshold, breakTs, breakLowerTs, breakUpperTs,
                    change, signals, undefined, BreakSignal.finite(f), BreakSignal.finite(fCrit),
                    BreakSignal.finite(pValue));
        }

        /** The detector's name for people ({@link BreakSignal#detectorName}). */
        public String name() {
            return BreakSignal.detectorName(mode);
        }
    }
}
