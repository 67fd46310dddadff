package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Forecast;

/**
 * What one accepted tick produced for its symbol.
 *
 * @param forecast    the forecast made at this tick
 * @param training    the fine-tuning call made at this tick, or null
 * @param modelWeight the one-step weight of the leading expert (0 before the panel exists)
 * @param breakSignal the detector's statistic at this tick (a signal or not), or null without a detector
 * @param rejection   why the tick was not accepted (then every other field is null or 0), or null
 */
record StepResult(Forecast forecast, Training training, double modelWeight, BreakSignal breakSignal,
                  Rejection rejection) {

    static StepResult rejected(DeadLetterReason reason, String detail) {
        return new StepResult(null, null, 0.0, null, new Rejection(reason, detail));
    }

    /** A tick the symbol's state refused, e.g. one not newer than its latest. */
    record Rejection(DeadLetterReason reason, String detail) {
    }

    /**
     * One fine-tuning call.
     *
     * @param loss          its mean training loss (NaN when every step was skipped)
     * @param nanos         its duration
     * @param skippedSteps  steps it skipped because the loss or a gradient was not finite
     * @param rollbacks     steps it rolled back because they left weights non-finite
     */
    record Training(double loss, long nanos, long skippedSteps, long rollbacks) {
    }
}
