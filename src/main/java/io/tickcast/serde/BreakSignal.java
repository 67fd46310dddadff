package io.tickcast.serde;

/**
 * The break detector's statistic of one symbol at one tick ({@code schemas/break.schema.json}).
 * With {@code chow.emit=signals} only records with {@code signal=true} are written.
 *
 * <p>Modes {@code fixed} and {@code scan} are the rolling Chow test ({@code breaks.mode=chow}); mode {@code cusum}
 * is the default sequential monitor ({@code docs/breaks.md}), whose signals carry the dated break with its interval.
 *
 * @param symbol       the series
 * @param ts           the tick's timestamp (epoch ms)
 * @param breakTs      timestamp of the estimated break (the first observation after it); null if undefined (Chow) or
 *                     on a tick without a signal (cusum)
 * @param f            the F statistic (sup-F in scan mode; cusum: the dating's F at the estimated break, on a signal),
 *                     null when undefined
 * @param fCrit        the critical value at {@code alpha}, null when undefined (always for cusum)
 * @param pValue       the p-value, null when undefined (always for cusum)
 * @param alpha        the significance level (cusum: the false-alarm budget over {@code breaks.horizon} ticks)
 * @param window       observations in the window (cusum: rows of the current regime's regression)
 * @param k            regressors
 * @param mode         {@code fixed}, {@code scan} or {@code cusum}
 * @param signal       true where a break is signalled (once per break)
 * @param breakLowerTs cusum, on a signal: the first observation after the break at the interval's lower end
 * @param breakUpperTs cusum, on a signal: the same at the interval's upper end (null where it is undefined)
 * @param cusum        cusum: the CUSUM statistic max(S+, S-) (before the restart, on a signal); null while not
 *                     monitoring
 * @param cusumCrit    cusum: its threshold
 */
public record BreakSignal(String symbol, long ts, Long breakTs, Double f, Double fCrit, Double pValue,
                          double alpha, int window, int k, String mode, boolean signal, Long breakLowerTs,
                          Long breakUpperTs, Double cusum, Double cusumCrit) implements Output {

    /** A Chow test's record (no interval, no CUSUM). */
    public static BreakSignal chow(String symbol, long ts, Long breakTs, Double f, Double fCrit, Double pValue,
                                   double alpha, int window, int k, String mode, boolean signal) {
        return new BreakSignal(symbol, ts, breakTs, f, fCrit, pValue, alpha, window, k, mode, signal, null, null, null,
                null);
    }
}
