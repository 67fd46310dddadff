package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The forecasts of the last {@code horizon} ticks awaiting their actual values, holding only what scoring still reads.
 * The forecast made {@code age} ticks before the latest ({@code age} 0 = at the latest tick) has its step
 * {@code age} (0-based, i.e. {@code age + 1} ahead) scored when the next value arrives, after which that step is
 * never read again: of the forecast at age a only steps a..horizon-1 are live, h(h+1)/2 steps in all instead of h².
 *
 * <p>Layout, allocated once (the experts' rows when the first forecast with a panel arrives): per forecast (a ring of
 * {@code horizon} slots, by the forecast's number m mod horizon) the value it was made at ({@code base}), the changes'
 * scale then, whether the panel existed and which experts were awake; per step s (a ring of s + 1 entries, by m mod
 * (s + 1): the forecasts at ages 0..s, the ones whose step s is live) the final forecast, its interval and the
 * interval's normaliser, the unshrunk aggregate, and per expert its forecast level and weight. A new forecast is
 * written in place ({@link #begin}, {@link #levelRows}, ...) over the entries of the ones whose last live step was
 * scored at this tick; nothing is allocated per tick.
 */
final class PendingForecasts {

    private final int horizon;
    /** Forecasts pushed so far (the next one's number). */
    private long made;
    private int count;

    private final double[] base;
    private final double[] scale;
    private final boolean[] panel;
    /** [slot][expert]; null until a forecast with a panel arrives. */
    private boolean[][] awake;
    /** The experts per forecast with a panel (-1: none yet). */
    private int experts = -1;

    /** [step][entry]. */
    private final double[][] forecast;
    private final double[][] lower;
    private final double[][] upper;
    private final double[][] norm;
    private final double[][] raw;
    /** [step][entry][expert]; null until a forecast with a panel arrives. */
    private double[][][] levels;
    private double[][][] weights;

    /** The rows of the forecast being made ({@link #begin}), per step: views into the rings. */
    private final double[][] levelRows;
    private final double[][] weightRows;

    PendingForecasts(int horizon) {
        this.horizon = horizon;
        this.base = new double[horizon];
        this.scale = new double[horizon];
        this.panel = new boolean[horizon];
        this.forecast = triangle(horizon);
        this.lower = triangle(horizon);
        this.upper = triangle(horizon);
        this.norm = triangle(horizon);
        this.raw = triangle(horizon);
        this.levelRows = new double[horizon][];
        this.weightRows = new double[horizon][];
    }

    private static double[][] triangle(int horizon) {
        double[][] t = new double[horizon][];
        for (int s = 0; s < horizon; s++) {
            t[s] = new double[s + 1];
        }
        return t;
    }

    private void allocateExperts(int k) {
        experts = k;
        awake = new boolean[horizon][k];
        levels = new double[horizon][][];
        weights = new double[horizon][][];
        for (int s = 0; s < horizon; s++) {
            levels[s] = new double[s + 1][k];
            weights[s] = new double[s + 1][k];
        }
    }

    int horizon() {
        return horizon;
    }

    int count() {
        return count;
    }

    private int slot(int age) {
        return (int) ((made - 1 - age) % horizon);
    }

    private int entry(int age, int step) {
        return (int) ((made - 1 - age) % (step + 1));
    }

    /**
     * Starts the newest forecast, dropping the oldest when {@code horizon} are pending: its per-step values are written
     * with {@link #set}, and with a panel of {@code k} experts, its levels and weights into {@link #levelRows} and
     * {@link #weightRows}, its awake flags into {@link #awake(int)} of age 0. Overwrites only entries whose steps were
     * all scored.
     *
     * @param k the experts on the panel; -1 without a panel
     */
    void begin(double base, double scale, int k) {
        if (k >= 0 && k != experts) {
            allocateExperts(k);
        }
        made++;
        if (count < horizon) {
            count++;
        }
        int slot = slot(0);
        this.base[slot] = base;
        this.scale[slot] = scale;
        this.panel[slot] = k >= 0;
        if (k >= 0) {
            for (int s = 0; s < horizon; s++) {
                int e = entry(0, s);
                levelRows[s] = levels[s][e];
                weightRows[s] = weights[s][e];
            }
        }
    }

    /** The newest forecast's levels, [step][expert], to write (after {@link #begin} with a panel). */
    double[][] levelRows() {
        return levelRows;
    }

    /** The newest forecast's weights, [step][expert], to write (after {@link #begin} with a panel). */
    double[][] weightRows() {
        return weightRows;
    }

    /** Sets step s of the newest forecast. */
    void set(int s, double forecast, double lower, double upper, double norm, double raw) {
        int e = entry(0, s);
        this.forecast[s][e] = forecast;
        this.lower[s][e] = lower;
        this.upper[s][e] = upper;
        this.norm[s][e] = norm;
        this.raw[s][e] = raw;
    }

    double base(int age) {
        return base[slot(age)];
    }

    double scale(int age) {
        return scale[slot(age)];
    }

    /** Whether the forecast at {@code age} was made with the panel (it then has levels, weights and awake flags). */
    boolean hasPanel(int age) {
        return panel[slot(age)];
    }

    /** Which experts took part in the forecast at {@code age}; requires {@link #hasPanel}. */
    boolean[] awake(int age) {
        return awake[slot(age)];
    }

    /** Step s of the forecast at {@code age}: live while s ≥ age. */
    double forecast(int age, int s) {
        return forecast[s][entry(age, s)];
    }

    double lower(int age, int s) {
        return lower[s][entry(age, s)];
    }

    double upper(int age, int s) {
        return upper[s][entry(age, s)];
    }

    double norm(int age, int s) {
        return norm[s][entry(age, s)];
    }

    double raw(int age, int s) {
        return raw[s][entry(age, s)];
    }

    /** The experts' levels of step s of the forecast at {@code age}; requires {@link #hasPanel}. */
    double[] levels(int age, int s) {
        return levels[s][entry(age, s)];
    }

    double[] weights(int age, int s) {
        return weights[s][entry(age, s)];
    }

    /**
     * Drops the experts' part of every pending forecast (their levels, weights and flags), keeping what the intervals
     * and the scores learn from: the panel that made them was replaced by one of other experts ({@link Panel#withPeriod}).
     */
    void forgetExperts() {
        // Their entries stay allocated (the next forecast with a panel re-sizes them if its experts differ); a
        // forecast without a panel is neither read by the learners nor written with its experts' part.
        for (int age = 0; age < count; age++) {
            panel[slot(age)] = false;
        }
    }

    /** Forgets every pending forecast (their learners are gone, e.g. after a migration). */
    void clear() {
        made = 0;
        count = 0;
    }

    int stateBytes() {
        int n = 4;
        for (int age = 0; age < count; age++) {
            int live = horizon - age;
            n += 8 + 8 + 5 * 8 * live + 4;
            if (hasPanel(age)) {
                n += experts * (1 + 2 * 8 * live);
            }
        }
        return n;
    }

    /**
     * Versions 4 and 5 of the series record: count, then newest first: base, scale, per live step (age..horizon-1) forecast,
     * lower, upper, norm, raw; the number of experts (-1: no panel yet), then per expert: awake, per live step its level
     * and weight.
     */
    void write(ByteBuffer out) {
        out.putInt(count);
        for (int age = 0; age < count; age++) {
            out.putDouble(base(age)).putDouble(scale(age));
            for (int s = age; s < horizon; s++) {
                out.putDouble(forecast(age, s)).putDouble(lower(age, s)).putDouble(upper(age, s))
                        .putDouble(norm(age, s)).putDouble(raw(age, s));
            }
            if (!hasPanel(age)) {
                out.putInt(-1);
                continue;
            }
            out.putInt(experts);
            boolean[] a = awake(age);
            for (int e = 0; e < experts; e++) {
                out.put((byte) (a[e] ? 1 : 0));
                for (int s = age; s < horizon; s++) {
                    out.putDouble(levels(age, s)[e]).putDouble(weights(age, s)[e]);
                }
            }
        }
    }

    /**
     * Reads what {@link #write} wrote ({@code allSteps} false), or the layout of versions 2 and 3 ({@code allSteps}):
     * the same with every step of every forecast, whose steps already scored (s &lt; age) are skipped.
     */
    void read(ByteBuffer in, boolean allSteps) {
        int n = in.getInt();
        if (n < 0 || n > horizon) {
            throw new IllegalArgumentException("series state: " + n + " pending forecasts, horizon " + horizon);
        }
        clear();
        made = n;
        count = n;
        for (int age = 0; age < n; age++) {
            int slot = slot(age);
            base[slot] = in.getDouble();
            scale[slot] = in.getDouble();
            int first = allSteps ? 0 : age;
            if (allSteps) {
                // forecast[h], lower[h], upper[h], norm[h], raw[h], each of every step
                double[][][] arrays = {forecast, lower, upper, norm, raw};
                for (double[][] a : arrays) {
                    for (int s = 0; s < horizon; s++) {
                        double v = in.getDouble();
                        if (s >= age) {
                            a[s][entry(age, s)] = v;
                        }
                    }
                }
            } else {
                for (int s = first; s < horizon; s++) {
                    int e = entry(age, s);
                    forecast[s][e] = in.getDouble();
                    lower[s][e] = in.getDouble();
                    upper[s][e] = in.getDouble();
                    norm[s][e] = in.getDouble();
                    raw[s][e] = in.getDouble();
                }
            }
            int k = in.getInt();
            panel[slot] = k >= 0;
            if (k < 0) {
                continue;
            }
            if (k != experts) {
                if (experts >= 0) {
                    throw new IllegalArgumentException("series state: pending forecasts of " + experts + " and "
                            + k + " experts");
                }
                allocateExperts(k);
            }
            for (int e = 0; e < k; e++) {
                awake[slot][e] = in.get() != 0;
                for (int s = first; s < horizon; s++) {
                    double level = in.getDouble();
                    double weight = in.getDouble();
                    if (s >= age) {
                        levels[s][entry(age, s)][e] = level;
                        weights[s][entry(age, s)][e] = weight;
                    }
                }
            }
        }
    }
}
