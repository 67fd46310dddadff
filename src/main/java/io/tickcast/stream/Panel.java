package io.tickcast.stream;

import io.tickcast.forecast.ArFamily;
import io.tickcast.forecast.Drift;
import io.tickcast.forecast.EtsFamily;
import io.tickcast.forecast.History;
import io.tickcast.forecast.MlPoly;
import io.tickcast.forecast.OnlineExpert;
import io.tickcast.forecast.Persistence;
import io.tickcast.forecast.PersistenceShrink;
import io.tickcast.forecast.SeasonalNaive;
import io.tickcast.forecast.Seasonality;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A symbol's panel of online experts and their aggregation, built once the seasonal period is known
 * ({@code docs/forecasting.md}). The statistical experts, in this order: persistence, seasonal naive, the seasonal
 * naive of a week (for hourly values' daily period only, {@link #hasWeek}), drift,
 * simple exponential smoothing, damped-trend Holt, Holt on log values, Holt-Winters, Holt-Winters on log values,
 * autoregressions on differences, on levels, on log levels, on seasonal differences and on differenced seasonal
 * differences
 * (the seasonal ones only with a period m &gt; 1); then the LSTM, when configured. Per horizon step, ML-Poly
 * weighs the awake experts ({@link MlPoly}) and the aggregate's change is shrunk towards persistence by its
 * calibration ({@link PersistenceShrink}). An expert sleeps for a forecast that is not finite or moves implausibly
 * far ({@link #plausible}); a step whose aggregate is not finite all the same is persistence ({@link #combine}).
 *
 * <p>State (in the series record): the period, each statistical expert's state, then per step the aggregator's,
 * the shrink's and (on a panel with a seasonal naive, from version 7) the shrink towards the seasonal naive's. The
 * LSTM keeps its own record.
 */
final class Panel {

    /**
     * How far an expert's forecast may move from the latest value, in units of the changes' scale per step ahead,
     * before it is taken as broken and the expert sleeps for that forecast ({@link #plausible}): iterated
     * autoregressions with an explosive root and the log families' exponentials do break on real series. On the
     * quality bench's 19 series the experts move at most 6.2 units per step at horizon 1 and 1,300 at horizon 48;
     * on M4's hourly and weekly series (horizons 48 and 13) forecasts reached 1e12 units per step (the
     * autoregressions) to 1e300 (the log families' exp, up to 1e304), and one such forecast in the combination spoils
     * the aggregator's sums for good. What the data itself does, |y_{t+h} − y_t| / (s_t · h) over every tick and
     * step (s_t the scale then): at most 34 on M4 Hourly's development half (99.9th percentile 4.3), 273 on Weekly
     * (11.6), 9.1 on the quality bench; 1e2 lies above all but the rarest real moves (issue 22: hourly OWA 1.88 →
     * 1.55 against 1e6, weekly and the quality bench unchanged; 30, below Hourly's largest move, gave 1.40 but is
     * not data-justified). The bound also keeps every level within 1e2 · 100 · unit of the latest value, which is what
     * keeps the combination's arithmetic finite for values within the parser's range (issue 20,
     * {@code docs/forecasting.md}).
     */
    static final double MAX_CHANGES_PER_STEP = 1e2;

    private final int period;
    private final int horizon;
    /** Whether the experts include the seasonal naive of a week where the period has one ({@link #hasWeek}). */
    private final boolean weekly;
    private List<OnlineExpert> stats;
    private final LstmExpert lstm;
    private final List<String> names;
    private final boolean[] seasonal;
    private final MlPoly[] aggregators;
    private final PersistenceShrink[] shrinks;
    /**
     * Per step, the shrink towards the seasonal naive forecast instead of persistence (null without a seasonal naive
     * on the panel): the step uses whichever of the two made the smaller errors lately ({@link #combine}).
     */
    private final PersistenceShrink[] seasonalShrinks;
    /** Per step, whether its latest forecast was anchored at the seasonal naive ({@link #combine}); not stored. */
    private final boolean[] anchoredSeasonal;
    private final boolean statistical;
    /** Scratch for one expert's forecast levels, and for weights. */
    private final double[] out;
    private final double[] scratchWeights;
    /** Scratch for the winsorised levels ML-Poly learns from ({@link #learn}). */
    private final double[] scratchLevels;

    Panel(int period, int horizon, boolean statistical, LstmExpert lstm) {
        this(period, horizon, statistical, lstm, true);
    }

    /** {@code weekly} false: the panel of a series record before version 7 ({@link #experts(int, int, boolean)}). */
    Panel(int period, int horizon, boolean statistical, LstmExpert lstm, boolean weekly) {
        this.period = period;
        this.horizon = horizon;
        this.statistical = statistical;
        this.weekly = weekly;
        this.stats = statistical ? experts(period, horizon, weekly) : List.of(new Persistence());
        this.lstm = lstm;
        List<String> n = new ArrayList<>();
        stats.forEach(e -> n.add(e.name()));
        if (lstm != null) {
            n.add(lstm.name());
        }
        this.names = List.copyOf(n);
        this.seasonal = new boolean[names.size()];
        for (int k = 0; k < stats.size(); k++) {
            seasonal[k] = stats.get(k).seasonal();
        }
        this.aggregators = new MlPoly[horizon];
        this.shrinks = new PersistenceShrink[horizon];
        this.seasonalShrinks = seasonal.length > SNAIVE && seasonal[SNAIVE] ? new PersistenceShrink[horizon] : null;
        this.anchoredSeasonal = new boolean[horizon];
        this.out = new double[horizon];
        this.scratchWeights = new double[names.size()];
        this.scratchLevels = new double[names.size()];
        for (int h = 0; h < horizon; h++) {
            aggregators[h] = new MlPoly(names.size());
            shrinks[h] = new PersistenceShrink();
            if (seasonalShrinks != null) {
                seasonalShrinks[h] = new PersistenceShrink();
            }
        }
    }

    /** The seasonal naive's index on a panel with a period (persistence is 0). */
    private static final int SNAIVE = 1;

    /** The statistical experts for a period (1: none) in the panel's order. */
    static List<OnlineExpert> experts(int period, int horizon) {
        return experts(period, horizon, true);
    }

    /**
     * The statistical experts for a period in the panel's order; {@code weekly} false: without the seasonal naive of
     * a week ({@link #hasWeek}), as series records before version 7 stored them.
     */
    static List<OnlineExpert> experts(int period, int horizon, boolean weekly) {
        boolean seasonal = period > 1;
        List<OnlineExpert> e = new ArrayList<>();
        e.add(new Persistence());
        if (seasonal) {
            e.add(new SeasonalNaive(period, horizon)); // at SNAIVE
        }
        if (weekly && hasWeek(period)) {
            e.add(SeasonalNaive.weekOf(period, horizon));
        }
        e.add(new Drift(horizon));
        e.add(EtsFamily.ses(horizon));
        e.add(EtsFamily.holt(horizon));
        e.add(EtsFamily.logHolt(horizon));
        if (seasonal) {
            e.add(EtsFamily.holtWinters(period, horizon));
            e.add(EtsFamily.logHoltWinters(period, horizon));
        }
        e.add(ArFamily.differences(horizon));
        e.add(ArFamily.levels(horizon));
        e.add(ArFamily.logLevels(horizon));
        if (seasonal) {
            e.add(ArFamily.seasonalDifferences(period, horizon));
            e.add(ArFamily.doubleDifferences(period, horizon));
        }
        return e;
    }

    /**
     * Whether the panel of a period has the seasonal naive of a week ({@link SeasonalNaive#weekOf}): for a period of
     * {@link #HOURS_PER_DAY}, a day of hourly values, whose week (168 values) the kept history holds twice
     * ({@link ForecastSettings#MIN_HISTORY}). A day is the only calendar cycle of 24 observations; other periods have
     * no week in a known number of observations (or none the history holds).
     */
    static boolean hasWeek(int period) {
        return period == HOURS_PER_DAY;
    }

    /** The period of a day of hourly values. */
    static final int HOURS_PER_DAY = 24;

    int size() {
        return names.size();
    }

    /** The seasonal period the panel's experts were built with (1: none). */
    int period() {
        return period;
    }

    /**
     * The panel for another seasonal period, when the period in use changes ({@link io.tickcast.forecast.Seasonality}
     * found another in the data, or dropped it): its statistical experts are those of the new period, restarted on every
     * value kept as after a break ({@link #restart}), with aggregators that learn from their replayed forecasts; the
     * shrinks towards persistence carry over (they learn from the combination's changes, whichever experts make it).
     * This panel is not changed.
     */
    Panel withPeriod(int newPeriod, RecentValues values, double scale, boolean seasonOn) {
        Panel p = new Panel(newPeriod, horizon, statistical, lstm);
        for (int h = 0; h < horizon; h++) {
            p.shrinks[h] = shrinks[h];
            if (newPeriod == period && seasonalShrinks != null && p.seasonalShrinks != null) {
                p.seasonalShrinks[h] = seasonalShrinks[h]; // the same anchor (a record rebuilt for the week)
            }
        }
        if (values.count() > 0) {
            p.restart(values, values.count(), scale, seasonOn);
        }
        return p;
    }

    List<String> names() {
        return names;
    }

    /** Lets every statistical expert learn from the latest value (the LSTM learns on its own schedule). */
    void observe(RecentValues values, double scale) {
        for (OnlineExpert e : stats) {
            e.observe(values, scale);
        }
    }

    /**
     * Every expert's forecast levels, [step][expert], and which are awake: ready, {@link #plausible}, and not
     * seasonal unless the season is confirmed. The statistical experts first; their combination by this step's
     * weights, {@code base[h]}, is what the LSTM corrects ({@link LstmExpert}).
     *
     * @param unit the unit of the losses now (the changes' scale, or its stand-in while it is 0 or unknown)
     */
    void forecast(RecentValues values, BaseForecasts bases, Seasonality season, double lstmScale, double unit,
                  double[][] levels, boolean[] awake, double[] base) {
        boolean seasonOn = season.on();
        double last = values.back(0);
        for (int k = 0; k < stats.size(); k++) {
            boolean ready = stats.get(k).forecast(values, out) && plausible(out, last, unit);
            awake[k] = ready && (!seasonal[k] || seasonOn);
            for (int h = 0; h < horizon; h++) {
                levels[h][k] = awake[k] ? out[h] : 0.0;
            }
        }
        if (lstm == null) {
            for (int h = 0; h < horizon; h++) {
                base[h] = combination(h, last, levels[h], awake);
            }
            return;
        }
        int k = stats.size();
        awake[k] = false;
        for (int h = 0; h < horizon; h++) {
            levels[h][k] = 0.0;
            base[h] = combination(h, last, levels[h], awake);
        }
        awake[k] = lstm.forecast(values, bases, season, lstmScale, base, out) && plausible(out, last, unit);
        for (int h = 0; h < horizon && awake[k]; h++) {
            levels[h][k] = out[h];
        }
    }

    /**
     * Whether an expert's forecasts {@code f} of steps 1..H may join the combination: each finite and within
     * {@link #MAX_CHANGES_PER_STEP} units per step of the latest value, {@code |f_h − last| ≤ 1e2 · unit · h}.
     * Not modified: f.
     */
    static boolean plausible(double[] f, double last, double unit) {
        for (int h = 0; h < f.length; h++) {
            if (!(Math.abs(f[h] - last) <= MAX_CHANGES_PER_STEP * unit * (h + 1))) {
                return false; // also NaN and the infinities
            }
        }
        return true;
    }

    /** The awake experts' combination by step h's current weights, unshrunk; persistence if it is not finite. */
    private double combination(int h, double last, double[] levels, boolean[] awake) {
        aggregators[h].weights(awake, scratchWeights);
        return finiteOr(MlPoly.aggregate(scratchWeights, levels, awake), last);
    }

    /**
     * The aggregate of step h: writes the weights and returns the shrunk forecast level
     * {@code a + g·(Σ w_k f_k − a)}; {@code raw[h]} receives the unshrunk aggregate. The anchor a is persistence
     * ({@code base}), or the seasonal naive forecast while it is awake and the step's shrink towards it has the
     * smaller mean squared error of the two lately ({@link PersistenceShrink#meanSquaredError}, each over its last
     * few hundred scored forecasts): the null forecast of a seasonal series many steps ahead is the value a season
     * back (M4's sNaive), not the latest value, and the shrink that pulls a doubtful aggregate towards persistence
     * there pulls it away from the cycle (issue 22; {@code docs/forecasting.md}, "A week of hours"). The last line of
     * defence: a step whose aggregate's change is not finite is persistence, and teaches the aggregator and the
     * shrink nothing ({@link #learn}). Unreachable while every awake level is {@link #plausible} and the values are
     * within the parser's range; it keeps a non-finite number out of the records should either ever fail.
     */
    double combine(int h, double base, double[] levels, boolean[] awake, double[] weights, double[] raw) {
        if (!anyAwake(awake)) {
            raw[h] = base; // cannot happen while persistence is on the panel: it is always awake
            java.util.Arrays.fill(weights, 0.0); // the rows are reused (PendingForecasts)
            return base;
        }
        aggregators[h].weights(awake, weights);
        double agg = MlPoly.aggregate(weights, levels, awake);
        raw[h] = agg;
        anchoredSeasonal[h] = seasonalAnchor(h, awake);
        if (anchoredSeasonal[h] && Double.isFinite(agg - levels[SNAIVE])) {
            return levels[SNAIVE] + seasonalShrinks[h].gain() * (agg - levels[SNAIVE]);
        }
        anchoredSeasonal[h] = false;
        return Double.isFinite(agg - base) ? base + shrinks[h].gain() * (agg - base) : base;
    }

    /**
     * Whether step h's forecast now is anchored at the seasonal naive (see {@link #combine}): only at steps at least
     * half a season ahead, 2h ≥ m, where the latest value lies in the other half of the cycle from its target (nearer
     * steps keep persistence, which the one-step bench and Weekly's 52-week season, at h ≤ 13, measured best), once
     * the shrink towards it has scored a half-life of forecasts ({@link PersistenceShrink#HALF_LIFE}): the two mean
     * squared errors compared are forgotten over that many, and one resting on fewer is the noisier.
     */
    private boolean seasonalAnchor(int h, boolean[] awake) {
        return seasonalShrinks != null && awake[SNAIVE]
                && 2 * (h + 1) >= period
                && seasonalShrinks[h].count() >= MIN_SCORED
                && seasonalShrinks[h].meanSquaredError() < shrinks[h].meanSquaredError();
    }

    /** Scored forecasts a shrink towards the seasonal naive needs before it may be chosen: the sums' half-life. */
    private static final double MIN_SCORED = PersistenceShrink.HALF_LIFE;

    private static double finiteOr(double x, double fallback) {
        return Double.isFinite(x) ? x : fallback;
    }

    /** The share of the aggregate's change from its anchor that step h's latest forecast took (0: the anchor). */
    double gain(int h) {
        return anchoredSeasonal[h] ? seasonalShrinks[h].gain() : shrinks[h].gain();
    }

    /** Whether step h's latest forecast was anchored at the seasonal naive rather than persistence. */
    boolean anchoredSeasonal(int h) {
        return anchoredSeasonal[h];
    }

    /**
     * Learns from the actual value of step h of the pending forecast at {@code age} (h = age). The shrink takes the changes in units of the
     * larger of the scale then and the scale now ({@code scaleNow}, ignored unless finite and &gt; 0): a forecast
     * made while the scale knew only a quiet night would count the morning's jump as 1000 scales and hold T² near 0
     * for a thousand forecasts (issue 22).
     */
    void learn(int h, PendingForecasts pending, int age, double actual, double scaleNow) {
        if (!pending.hasPanel(age)) {
            return; // made before the panel was built
        }
        boolean[] awake = pending.awake(age);
        if (!anyAwake(awake)) {
            return;
        }
        double base = pending.base(age);
        double scale = pending.scale(age);
        double raw = pending.raw(age, h);
        if (!Double.isFinite(raw - base) || !Double.isFinite(actual - base)) {
            // A step that fell back to persistence ({@link #combine}), or a change that overflows: from +1.7e308 to
            // -1.7e308, values the parser refuses (issue 20); it would stop the learners.
            return;
        }
        // ML-Poly learns from the experts' levels winsorised as the shrink winsorises changes (issue 22): one wild
        // forecast's regret no longer outweighs every later one, which froze the step's weights near uniform.
        double unit = scaleNow > scale && scaleNow < Double.POSITIVE_INFINITY ? scaleNow : scale;
        double bound = shrinks[h].changeBound(unit);
        double[] levels = pending.levels(age, h);
        double[] w = pending.weights(age, h);
        double agg = 0.0;
        for (int k = 0; k < levels.length; k++) {
            double change = levels[k] - base;
            scratchLevels[k] = !awake[k] ? 0.0 : Math.abs(change) <= bound ? levels[k] : base + Math.copySign(bound, change);
            agg += awake[k] ? w[k] * scratchLevels[k] : 0.0;
        }
        aggregators[h].learn(w, scratchLevels, awake, agg, actual, scale);
        shrinks[h].learn(raw - base, actual - base, unit);
        if (seasonalShrinks != null && awake.length > SNAIVE && awake[SNAIVE] && seasonal[SNAIVE]) {
            double anchor = levels[SNAIVE];
            if (Double.isFinite(raw - anchor) && Double.isFinite(actual - anchor)) {
                seasonalShrinks[h].learn(raw - anchor, actual - anchor, unit);
            }
        }
    }

    private static boolean anyAwake(boolean[] awake) {
        for (boolean a : awake) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a break: fresh statistical experts that observe (and forecast, as every tick) only the latest
     * {@code since} values — the new regime — and fresh per-step aggregators that learn from those replayed forecasts
     * (the LSTM asleep in the replay: its forecasts of the past are not kept), so that the combination starts from
     * how the experts did on the new regime, not from uniform weights. The shrinks towards persistence are kept:
     * started afresh they forecast persistence until they have scored a few forecasts, the worst choice after a mean
     * shift of a mean-reverting series (measured: 10 symbols, 3 sd shift on white noise, RMSE over the 50 ticks after
     * it 1.408 with fresh shrinks, 1.361 with these).
     *
     * @param since values of the new regime, 1 ≤ since ≤ values.count()
     */
    void restart(RecentValues values, int since, double scale, boolean seasonOn) {
        stats = statistical ? experts(period, horizon, weekly) : List.of(new Persistence());
        for (int h = 0; h < horizon; h++) {
            aggregators[h] = new MlPoly(names.size());
        }
        double unit = Double.isFinite(scale) && scale > 0 ? scale : 1e-9;
        int k = names.size();
        // the replay's forecasts, by replay tick: levels[i][h][k], weights[i][h][k], raw[i][h], awake[i][k]
        double[][][] lv = new double[since][][];
        double[][][] wt = new double[since][][];
        double[][] raw = new double[since][];
        boolean[][] aw = new boolean[since][];
        Tail tail = new Tail(values);
        for (int i = 0; i < since; i++) {
            int hidden = since - 1 - i;
            tail.show(hidden, i + 1);
            double value = values.back(hidden);
            for (OnlineExpert e : stats) {
                e.observe(tail, unit);
            }
            for (int h = 0; h < horizon; h++) {
                int made = i - h - 1;
                if (made >= 0 && aw[made] != null && anyAwake(aw[made])) {
                    aggregators[h].learn(wt[made][h], lv[made][h], aw[made], raw[made][h], value, unit);
                }
            }
            lv[i] = new double[horizon][k];
            wt[i] = new double[horizon][k];
            raw[i] = new double[horizon];
            aw[i] = new boolean[k];
            for (int j = 0; j < stats.size(); j++) {
                boolean ready = stats.get(j).forecast(tail, out) && plausible(out, value, unit);
                aw[i][j] = ready && (!seasonal[j] || seasonOn);
                for (int h = 0; h < horizon; h++) {
                    lv[i][h][j] = aw[i][j] ? out[h] : 0.0;
                }
            }
            if (anyAwake(aw[i])) {
                for (int h = 0; h < horizon; h++) {
                    aggregators[h].weights(aw[i], wt[i][h]);
                    raw[i][h] = MlPoly.aggregate(wt[i][h], lv[i][h], aw[i]);
                }
            }
        }
    }

    /** The values of the new regime as they were {@code hidden} ticks ago: the {@code count} oldest of them. */
    private static final class Tail implements History {
        private final RecentValues values;
        private int hidden;
        private int count;

        Tail(RecentValues values) {
            this.values = values;
        }

        void show(int hidden, int count) {
            this.hidden = hidden;
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public double back(int k) {
            return values.back(k + hidden);
        }

        @Override
        public long observed() {
            return count;
        }
    }

    /** Whether this panel, read from a record before version 7, lacks the week its period has ({@link #hasWeek}). */
    boolean lacksWeek() {
        return statistical && !weekly && hasWeek(period);
    }

    int stateBytes() {
        return stateBytes(true);
    }

    /** {@code seasonalShrinks} false: as version 6 wrote it, without the shrinks towards the seasonal naive. */
    int stateBytes(boolean withSeasonalShrinks) {
        int n = 4 + 4 + 4;
        for (OnlineExpert e : stats) {
            n += e.stateBytes();
        }
        for (int h = 0; h < horizon; h++) {
            n += aggregators[h].stateBytes() + shrinks[h].stateBytes();
            n += seasonalShrinks == null || !withSeasonalShrinks ? 0 : seasonalShrinks[h].stateBytes();
        }
        return n;
    }

    void write(ByteBuffer out) {
        write(out, true);
    }

    /** {@code withSeasonalShrinks} false: as version 6 wrote it (for its tests), without those shrinks. */
    void write(ByteBuffer out, boolean withSeasonalShrinks) {
        out.putInt(period).putInt(horizon).putInt(names.size());
        for (OnlineExpert e : stats) {
            e.writeState(out);
        }
        for (int h = 0; h < horizon; h++) {
            aggregators[h].writeState(out);
            shrinks[h].writeState(out);
            if (seasonalShrinks != null && withSeasonalShrinks) {
                seasonalShrinks[h].writeState(out);
            }
        }
    }

    /** Reads what {@link #write} wrote into a panel of the stored period. */
    static Panel read(ByteBuffer in, int horizon, boolean statistical, LstmExpert lstm) {
        return read(in, horizon, statistical, lstm, true);
    }

    /**
     * Reads what {@link #write} wrote; {@code weekly} false: a panel of a series record before version 7, whose experts
     * lack the seasonal naive of a week and whose steps have no shrink towards the seasonal naive (they start
     * afresh). Such a panel is read as it was written; {@link #lacksWeek} tells whether it must be rebuilt
     * ({@link #withPeriod}) to have the week.
     */
    static Panel read(ByteBuffer in, int horizon, boolean statistical, LstmExpert lstm, boolean weekly) {
        int period = in.getInt();
        int h = in.getInt();
        int k = in.getInt();
        if (h != horizon || period < 1) {
            throw new IllegalArgumentException("stored panel has horizon " + h + " and period " + period
                    + "; configured horizon " + horizon);
        }
        Panel p = new Panel(period, horizon, statistical, lstm, weekly);
        if (k != p.size()) {
            throw new IllegalArgumentException("stored panel has " + k + " experts, this configuration " + p.size()
                    + " (" + String.join(", ", p.names) + ")");
        }
        for (OnlineExpert e : p.stats) {
            e.readState(in);
        }
        for (int s = 0; s < horizon; s++) {
            p.aggregators[s].readState(in);
            p.shrinks[s].readState(in);
            if (p.seasonalShrinks != null && weekly) {
                p.seasonalShrinks[s].readState(in); // before version 7 there were none: they start afresh
            }
        }
        return p;
    }
}
