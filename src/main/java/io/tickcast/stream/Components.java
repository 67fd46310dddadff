package io.tickcast.stream;

/**
 * The kinds of component every symbol's state holds besides its series and its panel of statistical experts
 * ({@link Panel}): the LSTM expert and the break detector.
 *
 * @param lstm     the LSTM expert's kind, or null to run without it
 * @param detector the detector's kind, or null to run without break detection
 * @param react    whether the forecaster adapts to the detector's break signals ({@code breaks.react})
 */
record Components(LstmExpert.Kind lstm, BreakDetector.Kind detector, boolean react) {

    /** Components that react to breaks (the default). */
    Components(LstmExpert.Kind lstm, BreakDetector.Kind detector) {
        this(lstm, detector, true);
    }
}
