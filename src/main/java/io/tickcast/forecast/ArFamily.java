package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * A family of autoregressions of one transform of the series, several orders side by side, each fitted online by
 * {@link RecursiveLeastSquares}; the family's forecast is its leader's, the order with the smallest prequential
 * sum of squared one-step errors (spec §5.3, prototype {@code RLSAR} / {@code ARFamily}).
 *
 * <p><b>Transforms</b> z_t and what each reads from the {@link History} (m = the period):
 * <table>
 *   <caption>kinds</caption>
 *   <tr><th>kind</th><th>z_t</th><th>orders p</th><th>offset</th><th>reads back(0 .. )</th><th>first update at count</th></tr>
 *   <tr><td>{@link #levels ar_l}</td><td>y_t</td><td>1, 2, 3, 5</td><td>0</td><td>7 (r), then 5</td><td>8</td></tr>
 *   <tr><td>{@link #differences ar_d}</td><td>y_t − y_{t−1}</td><td>1, 2, 3, 5</td><td>1</td><td>7 (r), then 6</td><td>9</td></tr>
 *   <tr><td>{@link #seasonalDifferences ar_sd}</td><td>y_t − y_{t−m}</td><td>1, 2 + lag m</td><td>m</td><td>max(7, 2m)</td><td>max(8 + m, 2m + 1)</td></tr>
 *   <tr><td>{@link #doubleDifferences ar_dsd}</td><td>y_t − y_{t−1} − y_{t−m} + y_{t−m−1}</td><td>1, 2 + lag m</td><td>m + 1</td><td>max(8, 2m + 1)</td><td>max(9 + m, 2m + 2)</td></tr>
 * </table>
 * So the history must keep at least 2m + 2 values for the seasonal kinds (the product's ring keeps 400, m ≤ 133).
 *
 * <p><b>Model.</b> Regressors x_t = [1, z_{t−1}/r, …, z_{t−p}/r (, z_{t−m}/r)], target z_t/r; RLS with λ = 1,
 * θ₀ = 0, P₀ = I. The conditioning scale r is the RMS of the 7 changes among the 8 latest values at the first
 * {@link #observe} whose history holds 8 + offset values (|y| + 1 if that RMS is 0), fixed afterwards. Each order
 * updates once z_t and its largest lag are in the history. An order is ready after d + 2 updates (d = its
 * dimension); the family is ready (forecasts) when all its orders are.
 *
 * <p><b>Leader.</b> After each update the family keeps every order's one-step forecast and the scale given to
 * {@code observe}; the next {@code observe} adds ((forecast − y)/scale)² to each order's loss (only forecasts
 * made while the family was ready count), then updates. The leader is the order with the smallest loss (ties: the
 * lowest order; a NaN loss never leads). The leader chosen on one-step losses serves every step of the horizon.
 *
 * <p><b>Forecast.</b> The leader's model is iterated: ẑ_{t+h} = r · x̂ᵀθ with the forecasts fed back as lags, and
 * the transform inverted with the known or forecast y's. The state does not depend on the horizon.
 *
 * <p>Per tick: one O(d²) RLS update per order (Σ d² = 65 for ar_l / ar_d, 25 for ar_sd / ar_dsd), no allocation.
 */
public final class ArFamily implements OnlineExpert {

    /** The transform of the series that the family autoregresses. */
    public enum Kind {
        /** z = y. */
        LEVELS("ar_l"),
        /** z = first difference. */
        DIFFERENCES("ar_d"),
        /** z = seasonal difference. */
        SEASONAL_DIFFERENCES("ar_sd"),
        /** z = seasonal difference of the first difference. */
        DOUBLE_DIFFERENCES("ar_dsd"),
        /** z = ln y, for positive series: multiplicative dynamics. Retired at the first value ≤ 0. */
        LOG_LEVELS("ar_ll");

        private final String expertName;

        Kind(String expertName) {
            this.expertName = expertName;
        }

        /** The expert's name, e.g. {@code ar_d}. */
        public String expertName() {
            return expertName;
        }

        boolean seasonal() {
            return this == SEASONAL_DIFFERENCES || this == DOUBLE_DIFFERENCES;
        }
    }

    /** Orders of the non-seasonal kinds. */
    static final int[] ORDERS = {1, 2, 3, 5};
    /** Orders of the seasonal kinds (each with the lag-m term in addition). */
    static final int[] SEASONAL_ORDERS = {1, 2};
    static final double LAMBDA = 1.0;
    static final double DELTA = 1.0;
    /** Values whose changes set the conditioning scale r. */
    static final int SCALE_VALUES = 8;

    private final Kind kind;
    private final int period;
    private final int horizon;
    private final int offset;
    private final int[][] lags;
    private final int[] maxLag;
    private final RecursiveLeastSquares[] rls;
    /** Distinct z offsets (observations back) read per tick, ascending; zBack[0] = 0. */
    private final int[] zBack;
    /** Per order and lag l: the index in {@link #zs} of z at back(l) (update) and back(l − 1) (forecast). */
    private final int[][] updateAt;
    private final int[][] forecastAt;
    private final double[] zs;
    private final double[] x;
    private final double[] zf;

    private double ref = Double.NaN;
    private final double[] loss;
    private final double[] next;
    private double nextScale = Double.NaN;
    private boolean ready;
    private boolean allFinite;
    private int leader;

    private ArFamily(Kind kind, int period, int horizon, int[] orders) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (kind.seasonal() && period < 2) {
            throw new IllegalArgumentException(kind.expertName + " needs a period >= 2, got " + period);
        }
        this.kind = kind;
        this.period = kind.seasonal() ? period : 1;
        this.horizon = horizon;
        switch (kind) {
            case LEVELS, LOG_LEVELS -> offset = 0;
            case DIFFERENCES -> offset = 1;
            case SEASONAL_DIFFERENCES -> offset = period;
            default -> offset = period + 1;
        }
        int n = orders.length;
        lags = new int[n][];
        maxLag = new int[n];
        rls = new RecursiveLeastSquares[n];
        int familyMax = 0;
        for (int k = 0; k < n; k++) {
            int p = orders[k];
            int[] l = new int[kind.seasonal() ? p + 1 : p];
            for (int i = 0; i < p; i++) {
                l[i] = i + 1;
            }
            if (kind.seasonal()) {
                l[p] = period;
            }
            lags[k] = l;
            for (int v : l) {
                maxLag[k] = Math.max(maxLag[k], v);
            }
            familyMax = Math.max(familyMax, maxLag[k]);
            rls[k] = new RecursiveLeastSquares(l.length + 1, LAMBDA, DELTA);
        }
        boolean[] need = new boolean[familyMax + 1];
        need[0] = true;
        for (int[] l : lags) {
            for (int v : l) {
                need[v] = true;
                need[v - 1] = true;
            }
        }
        int[] pos = new int[familyMax + 1];
        int count = 0;
        for (int j = 0; j <= familyMax; j++) {
            if (need[j]) {
                pos[j] = count++;
            }
        }
        zBack = new int[count];
        for (int j = 0; j <= familyMax; j++) {
            if (need[j]) {
                zBack[pos[j]] = j;
            }
        }
        updateAt = new int[n][];
        forecastAt = new int[n][];
        int maxDim = 0;
        for (int k = 0; k < n; k++) {
            updateAt[k] = new int[lags[k].length];
            forecastAt[k] = new int[lags[k].length];
            for (int i = 0; i < lags[k].length; i++) {
                updateAt[k][i] = pos[lags[k][i]];
                forecastAt[k][i] = pos[lags[k][i] - 1];
            }
            maxDim = Math.max(maxDim, lags[k].length + 1);
        }
        zs = new double[count];
        x = new double[maxDim];
        zf = new double[horizon];
        loss = new double[n];
        next = new double[n];
    }

    /** ar_l: AR(1, 2, 3, 5) with intercept on the levels. */
    public static ArFamily levels(int horizon) {
        return new ArFamily(Kind.LEVELS, 1, horizon, ORDERS);
    }

    /**
     * ar_ll: AR(1, 2, 3, 5) with intercept on the log values, forecasts exp(ẑ); retired for good at the first value
     * ≤ 0 it sees (a positive series' multiplicative dynamics, e.g. population cycles).
     */
    public static ArFamily logLevels(int horizon) {
        return new ArFamily(Kind.LOG_LEVELS, 1, horizon, ORDERS);
    }

    /** ar_d: AR(1, 2, 3, 5) with intercept on the first differences. */
    public static ArFamily differences(int horizon) {
        return new ArFamily(Kind.DIFFERENCES, 1, horizon, ORDERS);
    }

    /** ar_sd: AR(1, 2) plus the lag-m term, with intercept, on the seasonal differences (period ≥ 2). */
    public static ArFamily seasonalDifferences(int period, int horizon) {
        return new ArFamily(Kind.SEASONAL_DIFFERENCES, period, horizon, SEASONAL_ORDERS);
    }

    /** ar_dsd: AR(1, 2) plus the lag-m term, with intercept, on the seasonal differences of the first differences. */
    public static ArFamily doubleDifferences(int period, int horizon) {
        return new ArFamily(Kind.DOUBLE_DIFFERENCES, period, horizon, SEASONAL_ORDERS);
    }

    public Kind kind() {
        return kind;
    }

    /** The period m (1 for the non-seasonal kinds). */
    public int period() {
        return period;
    }

    /** The largest horizon {@link #forecast} accepts. */
    public int horizon() {
        return horizon;
    }

    /** Orders in the family. */
    public int size() {
        return rls.length;
    }

    /** The AR order p of member k (without the seasonal lag). */
    public int order(int k) {
        return kind.seasonal() ? lags[k].length - 1 : lags[k].length;
    }

    /** The conditioning scale r, NaN until set. */
    public double referenceScale() {
        return ref;
    }

    /** Whether every order has a forecast (after the latest {@link #observe}). */
    public boolean ready() {
        return ready;
    }

    /** The index of the leading order (meaningful once ready). */
    public int leader() {
        return leader;
    }

    /** The prequential loss of member k: Σ ((forecast − y)/scale)² over its scored one-step forecasts. */
    public double loss(int k) {
        return loss[k];
    }

    /** Member k's one-step forecast made at the latest {@link #observe} (meaningful once ready). */
    public double oneStep(int k) {
        return next[k];
    }

    /** Member k's model. */
    public RecursiveLeastSquares member(int k) {
        return rls[k];
    }

    @Override
    public String name() {
        return kind.expertName;
    }

    @Override
    public boolean seasonal() {
        return kind.seasonal();
    }

    @Override
    public void observe(History history, double scale) {
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        double y = history.back(0);
        if (ready) {
            double s = nextScale;
            for (int k = 0; k < loss.length; k++) {
                double e = (next[k] - y) / s;
                loss[k] += e * e;
            }
        }
        ready = false;
        if (retired()) {
            return;
        }
        if (kind == Kind.LOG_LEVELS && !(y > 0)) {
            ref = RETIRED;
            return;
        }
        int avail = history.count() - 1 - offset;
        if (avail < 0) {
            return;
        }
        if (Double.isNaN(ref)) {
            if (avail < SCALE_VALUES - 1) {
                return;
            }
            ref = conditioningScale(history);
            if (retired()) {
                return;
            }
        }
        for (int i = 0; i < zBack.length; i++) {
            int j = zBack[i];
            zs[i] = j <= avail ? z(history, j) / ref : Double.NaN;
            if (j <= avail && !Double.isFinite(zs[i])) {
                ref = RETIRED; // an older value ≤ 0 within the lags of the log values
                return;
            }
        }
        boolean all = true;
        for (int k = 0; k < rls.length; k++) {
            RecursiveLeastSquares r = rls[k];
            if (maxLag[k] <= avail) {
                gather(updateAt[k]);
                r.update(x, zs[0]);
            }
            all &= r.updates() >= r.dimension() + 2;
        }
        if (!all) {
            return;
        }
        double a1 = history.back(0);
        double am = kind.seasonal() ? history.back(period - 1) : Double.NaN;
        double am1 = kind.seasonal() ? history.back(period) : Double.NaN;
        boolean finite = true;
        for (int k = 0; k < rls.length; k++) {
            gather(forecastAt[k]);
            double f = invert(rls[k].predict(x) * ref, a1, am, am1);
            next[k] = f;
            finite &= Double.isFinite(f);
        }
        leader = leaderOf(loss);
        allFinite = finite;
        nextScale = scale;
        ready = true;
    }

    /**
     * The leader's forecasts of the next {@code out.length} (≤ {@link #horizon()}) values. False (not ready) until
     * every order is ready, or when an order's one-step forecast or one of the leader's forecasts is not finite.
     */
    @Override
    public boolean forecast(History history, double[] out) {
        if (out.length > horizon) {
            throw new IllegalArgumentException("forecast of " + out.length + " steps, horizon is " + horizon);
        }
        if (!ready || !allFinite) {
            return false;
        }
        if (out.length == 0) {
            return true;
        }
        if (out.length == 1) {
            out[0] = next[leader];
            return true;
        }
        iterate(history, leader, out);
        for (double v : out) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Member k's iterated forecasts of the next {@code out.length} (≤ horizon) values, ready or not. */
    void iterate(History history, int k, double[] out) {
        int[] l = lags[k];
        RecursiveLeastSquares r = rls[k];
        for (int h = 1; h <= out.length; h++) {
            x[0] = 1.0;
            for (int i = 0; i < l.length; i++) {
                int q = h - l[i];
                x[i + 1] = (q <= 0 ? z(history, -q) : zf[q - 1]) / ref;
            }
            double zh = r.predict(x) * ref;
            zf[h - 1] = zh;
            double am = kind.seasonal() ? value(history, out, h - period) : Double.NaN;
            double am1 = kind.seasonal() ? value(history, out, h - period - 1) : Double.NaN;
            out[h - 1] = invert(zh, value(history, out, h - 1), am, am1);
        }
    }

    /** y at t + q: the history for q ≤ 0, else the forecast out[q − 1]. */
    private static double value(History history, double[] out, int q) {
        return q <= 0 ? history.back(-q) : out[q - 1];
    }

    private void gather(int[] at) {
        x[0] = 1.0;
        for (int i = 0; i < at.length; i++) {
            x[i + 1] = zs[at[i]];
        }
    }

    /** z at back(j), in the prototype's order of operations. */
    private double z(History h, int j) {
        return switch (kind) {
            case LEVELS -> h.back(j);
            case LOG_LEVELS -> Math.log(h.back(j));
            case DIFFERENCES -> h.back(j) - h.back(j + 1);
            case SEASONAL_DIFFERENCES -> h.back(j) - h.back(j + period);
            case DOUBLE_DIFFERENCES -> h.back(j) - h.back(j + 1) - h.back(j + period) + h.back(j + period + 1);
        };
    }

    /** The level whose transform is z, given y one step back (a1), m steps back (am) and m + 1 steps back (am1). */
    private double invert(double z, double a1, double am, double am1) {
        return switch (kind) {
            case LEVELS -> z;
            case LOG_LEVELS -> Math.exp(Math.max(-700.0, Math.min(700.0, z)));
            case DIFFERENCES -> a1 + z;
            case SEASONAL_DIFFERENCES -> am + z;
            case DOUBLE_DIFFERENCES -> z + a1 + am - am1;
        };
    }

    /** RMS of the 7 changes among the 8 latest values (oldest first), or |y| + 1 if that is 0. */
    private double conditioningScale(History h) {
        double s = 0;
        for (int i = SCALE_VALUES - 2; i >= 0; i--) {
            double d = kind == Kind.LOG_LEVELS ? Math.log(h.back(i)) - Math.log(h.back(i + 1)) : h.back(i) - h.back(i + 1);
            s += d * d;
        }
        if (!Double.isFinite(s)) {
            return RETIRED; // log values: a value ≤ 0 among them
        }
        double r = Math.sqrt(s / (SCALE_VALUES - 1));
        double y = kind == Kind.LOG_LEVELS ? Math.log(h.back(0)) : h.back(0);
        return r != 0 ? r : Math.abs(y) + 1.0;
    }

    /** The conditioning scale's value for a log family retired by a value ≤ 0: it never forecasts again. */
    private static final double RETIRED = Double.NEGATIVE_INFINITY;

    /** Whether the family is retired (only the log values' family can be). */
    boolean retired() {
        return ref == RETIRED;
    }

    @Override
    public int stateBytes() {
        int n = Byte.BYTES + Integer.BYTES + Byte.BYTES            // kind, period, orders
                + Double.BYTES + Byte.BYTES + Double.BYTES          // r, ready, scale of the kept forecasts
                + 2 * Double.BYTES * rls.length;                    // losses, kept one-step forecasts
        for (RecursiveLeastSquares r : rls) {
            n += r.stateBytes();
        }
        return n;
    }

    @Override
    public void writeState(ByteBuffer out) {
        out.put((byte) kind.ordinal());
        out.putInt(period);
        out.put((byte) rls.length);
        out.putLong(Double.doubleToRawLongBits(ref));
        out.put((byte) (ready ? 1 : 0));
        out.putLong(Double.doubleToRawLongBits(nextScale));
        for (int k = 0; k < rls.length; k++) {
            out.putLong(Double.doubleToRawLongBits(loss[k]));
            out.putLong(Double.doubleToRawLongBits(next[k]));
        }
        for (RecursiveLeastSquares r : rls) {
            r.writeState(out);
        }
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a state of this kind, period and orders, or are
     *                                  truncated (the instance is then unchanged)
     */
    @Override
    public void readState(ByteBuffer in) {
        if (in.remaining() < stateBytes()) {
            throw new IllegalArgumentException(name() + " state truncated: " + in.remaining() + " bytes, need " + stateBytes());
        }
        int start = in.position();
        int kindCode = in.get();
        int m = in.getInt();
        int n = in.get();
        if (kindCode != kind.ordinal() || m != period || n != rls.length) {
            in.position(start);
            throw new IllegalArgumentException("not a " + name() + " state of period " + period + " and " + rls.length
                    + " orders: kind code " + kindCode + ", period " + m + ", " + n + " orders");
        }
        double r = Double.longBitsToDouble(in.getLong());
        int readyCode = in.get();
        if (readyCode != 0 && readyCode != 1) {
            in.position(start);
            throw new IllegalArgumentException(name() + " state has a bad ready flag " + readyCode);
        }
        ByteBuffer members = in.duplicate();
        members.position(in.position() + Double.BYTES + 2 * Double.BYTES * n);
        RecursiveLeastSquares[] fresh = new RecursiveLeastSquares[n];
        try {
            for (int k = 0; k < n; k++) {
                fresh[k] = new RecursiveLeastSquares(rls[k].dimension(), LAMBDA, DELTA);
                fresh[k].readState(members);
            }
        } catch (IllegalArgumentException e) {
            in.position(start);
            throw new IllegalArgumentException(name() + " state: " + e.getMessage(), e);
        }
        ref = r;
        ready = readyCode == 1;
        nextScale = Double.longBitsToDouble(in.getLong());
        boolean finite = true;
        for (int k = 0; k < n; k++) {
            loss[k] = Double.longBitsToDouble(in.getLong());
            next[k] = Double.longBitsToDouble(in.getLong());
            finite &= Double.isFinite(next[k]);
            rls[k] = fresh[k];
        }
        in.position(members.position());
        allFinite = finite;
        leader = leaderOf(loss);
    }

    private static int leaderOf(double[] loss) {
        int best = 0;
        for (int k = 1; k < loss.length; k++) {
            if (loss[k] < loss[best] || Double.isNaN(loss[best]) && !Double.isNaN(loss[k])) {
                best = k;
            }
        }
        return best;
    }
}
