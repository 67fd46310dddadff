package io.tickcast.serde;

import java.util.Locale;

/**
 * The break detector's statistic of one symbol at one tick ({@code schemas/break.schema.json}).
 * With {@code chow.emit=signals} only records with {@code signal=true} are written.
 *
 * <p>Every mode fills the generic fields: {@code statistic} (the detector's current statistic) and {@code threshold}
 * (the value above which it signals); on a signal, {@code break_ts} with its interval {@code break_lower_ts} ..
 * {@code break_upper_ts}, {@code change} (what changed: its kind and the magnitudes before and after) and
 * {@code score} (the signal's strength). The older fields {@code f}, {@code f_crit}, {@code p_value} (the Chow test's)
 * and {@code cusum}, {@code cusum_crit} (the sequential monitor's) are kept for compatibility.
 *
 * <p>Modes ({@link #mode}): {@code fixed} and {@code scan} are the rolling Chow test ({@code breaks.mode=chow}),
 * {@code cusum} the default sequential monitor ({@code docs/breaks.md}). Build a record with {@link #builder}; no field holds NaN or an infinity (the builder
 * turns them into null, {@link Outputs} refuses them).
 *
 * @param symbol       the series
 * @param ts           the tick's timestamp (epoch ms): when the statistic was computed, on a signal when it signalled
 * @param breakTs      timestamp of the estimated break (the first observation after it); null if undefined (Chow) or
 *                     on a tick without a signal (cusum)
 * @param f            compatibility: the F statistic (sup-F in scan mode; cusum: the dating's F at the estimated break,
 *                     on a signal), null when undefined
 * @param fCrit        compatibility: the F's critical value at {@code alpha}, null when undefined (always for cusum)
 * @param pValue       the p-value, null when undefined (always for cusum)
 * @param alpha        the significance level (cusum: the false-alarm budget over {@code breaks.horizon} ticks)
 * @param window       observations in the window (cusum: rows of the current regime's regression)
 * @param k            regressors
 * @param mode         {@code fixed}, {@code scan} or {@code cusum}
 * @param signal       true where a break is signalled (once per break)
 * @param breakLowerTs on a signal: the first observation after the break at the interval's lower end
 * @param breakUpperTs on a signal: the same at the interval's upper end (null where it is undefined)
 * @param cusum        compatibility, cusum: the CUSUM statistic max(S+, S-), as {@code statistic}
 * @param cusumCrit    compatibility, cusum: its threshold, as {@code threshold}
 * @param statistic    the detector's current statistic (chow: F; cusum: max(S+, S-)), null while
 *                     undefined
 * @param threshold    the statistic's signal threshold (chow: F crit; cusum: h), null while undefined
 * @param change       on a signal: what changed, null if the detector does not tell
 * @param score        on a signal: a detector-specific strength (chow and cusum: statistic / threshold; another detector: e.g.
 *                     a probability), null if none
 * @param dismissed    cusum: true on the tick of an alarm the bend check dismissed ({@code breaks.bend}: a bend explains
 *                     the values around the dated split as well as a break) — the statistic above the threshold and no
 *                     signal; null otherwise (the field is written only when true)
 */
public record BreakSignal(String symbol, long ts, Long breakTs, Double f, Double fCrit, Double pValue,
                          double alpha, int window, int k, String mode, boolean signal, Long breakLowerTs,
                          Long breakUpperTs, Double cusum, Double cusumCrit, Double statistic, Double threshold,
                          Change change, Double score, Boolean dismissed) implements Output {

    /** Mode {@code fixed}: the Chow test at the window's fixed split. */
    public static final String FIXED = "fixed";
    /** Mode {@code scan}: the sup-F Chow test over the window's splits. */
    public static final String SCAN = "scan";
    /** Mode {@code cusum}: the sequential monitor ({@code breaks.mode=cusum}, the default). */
    public static final String CUSUM = "cusum";

    /**
     * What changed at a break: its kind and the regimes before and after it.
     *
     * @param kind   {@link #LEVEL}, {@link #SLOPE}, {@link #VARIANCE}, {@link #DYNAMICS} or another lower-case word
     *               ({@code [a-z_]+})
     * @param before the regime before the break, null if unknown
     * @param after  the regime after it, null if unknown
     */
    public record Change(String kind, Regime before, Regime after) {
        /** The mean level moved. */
        public static final String LEVEL = "level";
        /** The trend (slope per tick) changed. */
        public static final String SLOPE = "slope";
        /** The noise's standard deviation changed. */
        public static final String VARIANCE = "variance";
        /** The autoregression's coefficients (the dynamics) changed; the level is one of them. */
        public static final String DYNAMICS = "dynamics";

        public static Change of(String kind, Regime before, Regime after) {
            return new Change(kind, before, after);
        }
    }

    /**
     * The magnitudes of one regime (all in the series' units; any member null when unknown).
     *
     * @param level the regime's level (the mean of its segment)
     * @param slope its slope, per tick
     * @param sd    the standard deviation of its noise
     */
    public record Regime(Double level, Double slope, Double sd) {

        /** A regime; NaN and infinities become null. */
        public static Regime of(double level, double slope, double sd) {
            return new Regime(finite(level), finite(slope), finite(sd));
        }

        /** A regime whose members may be null; NaN and infinities become null. */
        public static Regime ofNullable(Double level, Double slope, Double sd) {
            return new Regime(finite(level), finite(slope), finite(sd));
        }
    }

    /** A Chow test's record (no interval, no CUSUM): statistic = F, threshold = F crit, score = F / F crit on a signal. */
    public static BreakSignal chow(String symbol, long ts, Long breakTs, Double f, Double fCrit, Double pValue,
                                   double alpha, int window, int k, String mode, boolean signal) {
        return builder(symbol, ts, mode).breakTs(breakTs).f(f).fCrit(fCrit).pValue(pValue).alpha(alpha).window(window)
                .k(k).signal(signal).statistic(f).threshold(fCrit).score(signal ? ratio(f, fCrit) : null).build();
    }

    /** A new builder; everything else unset (null, 0, false). */
    public static Builder builder(String symbol, long ts, String mode) {
        return new Builder(symbol, ts, mode);
    }

    /** statistic / threshold where both are defined and the threshold positive, else null. */
    public static Double ratio(Double statistic, Double threshold) {
        return statistic == null || threshold == null || !(threshold > 0) ? null : finite(statistic / threshold);
    }

    /** The value, or null when it is null, NaN or an infinity. */
    public static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /**
     * The detector a mode names, for people: "Chow test (fixed)", "Chow test (sup-F scan)", "Sequential CUSUM",
     * the mode itself otherwise.
     */
    public static String detectorName(String mode) {
        if (mode == null) {
            return "Break detector";
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case FIXED -> "Chow test (fixed)";
            case SCAN -> "Chow test (sup-F scan)";
            case CUSUM -> "Sequential CUSUM";
            default -> mode;
        };
    }

    /** A copy of this record as a builder. */
    public Builder toBuilder() {
        return builder(symbol, ts, mode).breakTs(breakTs).f(f).fCrit(fCrit).pValue(pValue).alpha(alpha).window(window)
                .k(k).signal(signal).interval(breakLowerTs, breakUpperTs).cusum(cusum).cusumCrit(cusumCrit)
                .statistic(statistic).threshold(threshold).change(change).score(score);
    }

    /**
     * Builds a record field by field. Every number setter takes null, and turns NaN or an infinity into null (the
     * field is then left out of the JSON). Not thread-safe; one record per builder.
     */
    public static final class Builder {
        private final String symbol;
        private final long ts;
        private final String mode;
        private Long breakTs;
        private Double f;
        private Double fCrit;
        private Double pValue;
        private double alpha;
        private int window;
        private int k;
        private boolean signal;
        private Long breakLowerTs;
        private Long breakUpperTs;
        private Double cusum;
        private Double cusumCrit;
        private Double statistic;
        private Double threshold;
        private Change change;
        private Double score;
        private Boolean dismissed;

        private Builder(String symbol, long ts, String mode) {
            this.symbol = symbol;
            this.ts = ts;
            this.mode = mode;
        }

        /** The detector's current statistic. */
        public Builder statistic(Double v) {
            statistic = finite(v);
            return this;
        }

        /** Its signal threshold. */
        public Builder threshold(Double v) {
            threshold = finite(v);
            return this;
        }

        /** The significance level or false-alarm budget, in (0, 1). */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /** Observations the statistic is over. */
        public Builder window(int v) {
            window = v;
            return this;
        }

        /** Regressors (or parameters) of the detector's model. */
        public Builder k(int v) {
            k = v;
            return this;
        }

        public Builder signal(boolean v) {
            signal = v;
            return this;
        }

        /** The estimated break: the first observation after it (null: undefined). */
        public Builder breakTs(Long v) {
            breakTs = v;
            return this;
        }

        /** The break's interval, lower and upper end (either null: undefined). */
        public Builder interval(Long lower, Long upper) {
            breakLowerTs = lower;
            breakUpperTs = upper;
            return this;
        }

        /** A signal: {@code signal=true}, the break and its interval (any null when undefined). */
        public Builder signalled(Long breakTs, Long lower, Long upper) {
            return signal(true).breakTs(breakTs).interval(lower, upper);
        }

        /** What changed (on a signal). */
        public Builder change(Change v) {
            change = v;
            return this;
        }

        /** The signal's strength. */
        public Builder score(Double v) {
            score = finite(v);
            return this;
        }

        /** An alarm the bend check dismissed (cusum); written only when true. */
        public Builder dismissed(boolean v) {
            dismissed = v ? Boolean.TRUE : null;
            return this;
        }

        /** Compatibility (Chow): the F statistic. */
        public Builder f(Double v) {
            f = finite(v);
            return this;
        }

        /** Compatibility (Chow): the F's critical value. */
        public Builder fCrit(Double v) {
            fCrit = finite(v);
            return this;
        }

        public Builder pValue(Double v) {
            pValue = finite(v);
            return this;
        }

        /** Compatibility (cusum): the CUSUM statistic. */
        public Builder cusum(Double v) {
            cusum = finite(v);
            return this;
        }

        /** Compatibility (cusum): its threshold. */
        public Builder cusumCrit(Double v) {
            cusumCrit = finite(v);
            return this;
        }

        public BreakSignal build() {
            return new BreakSignal(symbol, ts, breakTs, f, fCrit, pValue, alpha, window, k, mode, signal, breakLowerTs,
                    breakUpperTs, cusum, cusumCrit, statistic, threshold, change, score, dismissed);
        }
    }
}
