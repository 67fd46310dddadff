package io.tickcast.stats;

import java.util.Objects;

/**
 * Immutable configuration of a {@link RollingChow}. Build with {@link #builder()} or take
 * {@link #defaults()}; every field is validated when {@link Builder#build()} is called and a bad
 * value throws an {@link IllegalArgumentException} naming the field.
 *
 * <p>Regressors: an intercept column (if {@code intercept}) and the previous {@code lags} values of
 * the series, so {@code k = lags + (intercept ? 1 : 0)}; the response is the current value.
 */
public final class ChowConfig {

    /** Default number of lagged values used as regressors. */
    public static final int DEFAULT_LAGS = 5;
    /** Default: an intercept column is included. */
    public static final boolean DEFAULT_INTERCEPT = true;
    /** Default number of (x, y) pairs in the sliding window. */
    public static final int DEFAULT_WINDOW = 120;
    /** Default mode. */
    public static final ChowMode DEFAULT_MODE = ChowMode.FIXED;
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default trimming of the SCAN range, each side, as a fraction of the window (strucchange's {@code from}). */
    public static final double DEFAULT_TRIM = 0.15;

    /** Largest k = lags + intercept; Hansen's p-value table covers up to 40 regressors. */
    public static final int MAX_K = HansenSupFTable.MAX_K;
    /** Largest window accepted (memory is O(window) doubles per symbol). */
    public static final int MAX_WINDOW = 1 << 20;

    private final int lags;
    private final boolean intercept;
    private final int window;
    private final ChowMode mode;
    private final double alpha;
    private final double trim;

    private ChowConfig(Builder b) {
        if (b.lags < 0) {
            throw new IllegalArgumentException("lags must be >= 0, was " + b.lags);
        }
        int k = b.lags + (b.intercept ? 1 : 0);
        if (k < 1) {
            throw new IllegalArgumentException("lags must be >= 1 when intercept is false (k = 0 regressors)");
        }
        if (k > MAX_K) {
            throw new IllegalArgumentException("lags: k = lags + intercept must be <= " + MAX_K + ", was " + k);
        }
        if (b.window < 1 || b.window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be in [1, " + MAX_WINDOW + "], was " + b.window);
        }
        if (b.mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (!(b.alpha > 0.0 && b.alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + b.alpha);
        }
        if (!(b.trim > 0.0 && b.trim < 0.5)) {
            throw new IllegalArgumentException("trim must be in (0, 0.5), was " + b.trim);
        }
        this.lags = b.lags;
        this.intercept = b.intercept;
        this.window = b.window;
        this.mode = b.mode;
        this.alpha = b.alpha;
        this.trim = b.trim;
    }

    /** The defaults: lags 5, intercept, window 120, FIXED, alpha 0.05, trim 0.15. */
    public static ChowConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().lags(lags).intercept(intercept).window(window).mode(mode).alpha(alpha).trim(trim);
    }

    /** Number of lagged values used as regressors. */
    public int lags() {
        return lags;
    }

    /** Whether an intercept column is included. */
    public boolean intercept() {
        return intercept;
    }

    /** Number of regressors k = lags + (intercept ? 1 : 0). */
    public int k() {
        return lags + (intercept ? 1 : 0);
    }

    /** Number of (x, y) pairs in the sliding window. */
    public int window() {
        return window;
    }

    /** FIXED (breakpoint at the middle) or SCAN (sup-F over the trimmed window). */
    public ChowMode mode() {
        return mode;
    }

    /** Significance level: a window signals when p &lt; alpha. */
    public double alpha() {
        return alpha;
    }

    /** SCAN trimming fraction, each side. */
    public double trim() {
        return trim;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChowConfig c && c.lags == lags && c.intercept == intercept && c.window == window
                && c.mode == mode && Double.compare(c.alpha, alpha) == 0 && Double.compare(c.trim, trim) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lags, intercept, window, mode, alpha, trim);
    }

    @Override
    public String toString() {
        return "ChowConfig{lags=" + lags + ", intercept=" + intercept + ", window=" + window + ", mode=" + mode
                + ", alpha=" + alpha + ", trim=" + trim + "}";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int lags = DEFAULT_LAGS;
        private boolean intercept = DEFAULT_INTERCEPT;
        private int window = DEFAULT_WINDOW;
        private ChowMode mode = DEFAULT_MODE;
        private double alpha = DEFAULT_ALPHA;
        private double trim = DEFAULT_TRIM;

        private Builder() {
        }

        public Builder lags(int lags) {
            this.lags = lags;
            return this;
        }

        public Builder intercept(boolean intercept) {
            this.intercept = intercept;
            return this;
        }

        public Builder window(int window) {
            this.window = window;
            return this;
        }

        public Builder mode(ChowMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder trim(double trim) {
            this.trim = trim;
            return this;
        }

        /** Validates and builds. @throws IllegalArgumentException naming the bad field */
        public ChowConfig build() {
            return new ChowConfig(this);
        }
    }
}
