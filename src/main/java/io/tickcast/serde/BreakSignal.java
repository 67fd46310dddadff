package io.tickcast.serde;

/**
 * The rolling Chow statistic of one symbol at one tick ({@code schemas/break.schema.json}).
 * With {@code chow.emit=signals} only records with {@code signal=true} are written.
 *
 * @param symbol  the series
 * @param ts      the tick's timestamp (epoch ms)
 * @param breakTs timestamp of the estimated break (the first observation after it), null if undefined
 * @param f       the F statistic (sup-F in scan mode), null when the window is degenerate
 * @param fCrit   the critical value at {@code alpha}, null when undefined
 * @param pValue  the p-value, null when undefined
 * @param alpha   the significance level
 * @param window  observations in the window
 * @param k       regressors
 * @param mode    {@code fixed} or {@code scan}
 * @param signal  true where a break is signalled (once per break, with hysteresis)
 */
public record BreakSignal(String symbol, long ts, Long breakTs, Double f, Double fCrit, Double pValue,
                          double alpha, int window, int k, String mode, boolean signal) implements Output {
}
