package io.tickcast.forecast;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A grid of exponential-smoothing models run side by side; the expert's forecast is the grid's leader's.
 *
 * <p>Each member is the additive-error state-space model ETS(A,Ad,N) or ETS(A,Ad,A) of Hyndman, Koehler, Ord &amp;
 * Snyder (2008), "Forecasting with Exponential Smoothing", in the error-correction form of their chapter 2 (table
 * 2.2), with a damped trend b, an optional additive season of m slots, on z = y, or on z = ln y for the log families
 * (their multiplicative models' usual approximation, forecasts back-transformed by exp: the median):
 * <pre>
 *   ŷ = l + φ b + s_j                       (j = the slot of this value; s ≡ 0 without season)
 *   e = z − ŷ
 *   s_j ← s_j + γ e ;  j ← (j + 1) mod m
 *   l ← l + φ b + α e
 *   b ← φ b + β e                          (β = α β*)
 *   f_h = l + (φ + φ² + … + φ^h) b + s_{(j + h − 1) mod m};   log families: f_h = exp(clamp(f_h, −700, 700))
 * </pre>
 * The grids (order: α-major, then β*, φ, γ; the seasonal ones keep only γ ≤ 1 − α):
 * <table>
 *   <caption>families</caption>
 *   <tr><th>family</th><th>z</th><th>α</th><th>β*</th><th>φ</th><th>γ</th><th>members</th></tr>
 *   <tr><td>ses</td><td>y</td><td>.05 .1 .2 .3 .5 .7 .9 1</td><td>0 (b ≡ 0)</td><td>1</td><td>–</td><td>8</td></tr>
 *   <tr><td>holt</td><td>y</td><td>.1 .3 .5 .7 .9 1</td><td>.02 .1 .3</td><td>.8 .9 .98 1</td><td>–</td><td>72</td></tr>
 *   <tr><td>lholt</td><td>ln y</td><td>.1 .3 .5 .7 .9 1</td><td>.02 .1 .3</td><td>.9 .98 1</td><td>–</td><td>54</td></tr>
 *   <tr><td>hw</td><td>y</td><td>.05 .2 .4 .7 .9</td><td>0 .05 .2</td><td>.98</td><td>.01 .1 .3</td><td>42</td></tr>
 *   <tr><td>lhw</td><td>ln y</td><td colspan="4">as hw</td><td>42</td></tr>
 * </table>
 *
 * <p>Start-up. Without season: at the first value observed, l = z, b = 0; ready (forecasting) from there. With a
 * season: at the first observation with 2m values in the history (values observed before this family was built
 * count), from the last 2m values w (in z): c₁ = mean(w[0, m)), c₂ = mean(w[m, 2m)), slope = (c₂ − c₁)/m,
 * τ_i = i − (2m − 1)/2, r_i = w_i − ((c₁ + c₂)/2 + slope τ_i), s_j = (r_j + r_{j+m})/2 less their mean,
 * l = (c₁ + c₂)/2 + slope τ_{2m−1}, b = slope for every member; slot 0 is the next value's. A log family dies for good
 * (never ready again) at a value ≤ 0, or when its start-up window holds one. Values are expected finite: a NaN or
 * infinity spoils the other families' states for good (their forecasts are then not finite: {@link #forecast}
 * returns false).
 *
 * <p>Leader. L_k = Σ ((f_{k,1} − y)/s)² over the one-step forecasts made since the family became ready, s the scale
 * passed to {@link #observe} with the value after which the forecast was made (online grid maximum likelihood on
 * prequential one-step errors, no discount); the leader is the member of the smallest L_k, ties to the lowest index
 * (a NaN loss never leads). The leader's forecast is used for every step h. (The prototype chooses a leader per step
 * from h-step errors: the same for horizon 1; one-step only keeps members × H² numbers out of the state.) The
 * one-step forecast of a member is its ŷ of the next update, so scoring needs no stored forecasts.
 *
 * <p>State: flat arrays, level, trend and loss per member and the season slot-major (m × members), the slot, the
 * leader, and the last scale; nothing is allocated per observation.
 */
public final class EtsFamily extends ExpertBase {

    /** One setting of the grid. */
    public record Member(double alpha, double betaStar, double phi, double gamma) {
        /** β = α β*, the trend's error-correction gain. */
        public double beta() {
            return betaStar * alpha;
        }
    }

    /** A family's grid: its label, its tag's offset, whether on ln y, and the values of each parameter. */
    private record Grid(String label, int index, boolean log, double[] alphas, double[] betaStars, double[] phis,
            double[] gammas) {
    }

    private static final double[] HW_ALPHAS = {0.05, 0.2, 0.4, 0.7, 0.9};
    private static final double[] HW_BETA_STARS = {0.0, 0.05, 0.2};
    private static final double[] HW_GAMMAS = {0.01, 0.1, 0.3};
    private static final double[] HOLT_ALPHAS = {0.1, 0.3, 0.5, 0.7, 0.9, 1.0};
    private static final double[] HOLT_BETA_STARS = {0.02, 0.1, 0.3};
    private static final double[] NONE = {0.0};
    private static final double[] ONE = {1.0};
    private static final Grid SES = new Grid("ses", 0, false, new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0},
            NONE, ONE, NONE);
    private static final Grid HOLT = new Grid("holt", 1, false, HOLT_ALPHAS, HOLT_BETA_STARS,
            new double[] {0.8, 0.9, 0.98, 1.0}, NONE);
    private static final Grid LOG_HOLT = new Grid("lholt", 2, true, HOLT_ALPHAS, HOLT_BETA_STARS,
            new double[] {0.9, 0.98, 1.0}, NONE);
    private static final Grid HOLT_WINTERS = new Grid("hw", 3, false, HW_ALPHAS, HW_BETA_STARS, new double[] {0.98},
            HW_GAMMAS);
    private static final Grid LOG_HOLT_WINTERS = new Grid("lhw", 4, true, HW_ALPHAS, HW_BETA_STARS,
            new double[] {0.98}, HW_GAMMAS);

    /** Bound of the log families' forecasts in z before exp (as the prototype). */
    private static final double LOG_CLAMP = 700.0;

    private final boolean log;
    private final int size;
    private final List<Member> members;
    private final double[] alpha;
    private final double[] beta;
    private final double[] phi;
    private final double[] gamma;

    private final double[] level;
    private final double[] trend;
    /** season[j * size + k]: member k's season of slot j. */
    private final double[] season;
    private final double[] loss;
    /** Scratch, not state: the members' one-step forecasts of the value being observed. */
    private final double[] fit;
    private boolean ready;
    private boolean dead;
    private int slot;
    private int leader;
    /** The scale given with the last observation: the unit of the losses of the forecasts made after it. */
    private double lastScale = Double.NaN;

    /** Simple exponential smoothing, ETS(A,N,N): 8 members. */
    public static EtsFamily ses(int horizon) {
        return new EtsFamily(SES, 0, horizon);
    }

    /** Holt's damped trend, ETS(A,Ad,N): 72 members. */
    public static EtsFamily holt(int horizon) {
        return new EtsFamily(HOLT, 0, horizon);
    }

    /** Holt's damped trend on ln y: 54 members; dies at a value ≤ 0. */
    public static EtsFamily logHolt(int horizon) {
        return new EtsFamily(LOG_HOLT, 0, horizon);
    }

    /** Additive Holt-Winters with a damped trend, ETS(A,Ad,A): 42 members. */
    public static EtsFamily holtWinters(int period, int horizon) {
        return new EtsFamily(HOLT_WINTERS, checkPeriod(period), horizon);
    }

    /** Additive Holt-Winters with a damped trend on ln y: 42 members; dies at a value ≤ 0. */
    public static EtsFamily logHoltWinters(int period, int horizon) {
        return new EtsFamily(LOG_HOLT_WINTERS, checkPeriod(period), horizon);
    }

    private EtsFamily(Grid kind, int period, int horizon) {
        super(kind.label(), ETS_FAMILY + kind.index(), period, checkHorizon(horizon));
        this.log = kind.log();
        List<Member> grid = new ArrayList<>();
        for (double a : kind.alphas()) {
            for (double bs : kind.betaStars()) {
                for (double p : kind.phis()) {
                    for (double g : kind.gammas()) {
                        if (period == 0 || g <= 1 - a + 1e-12) {
                            grid.add(new Member(a, bs, p, g));
                        }
                    }
                }
            }
        }
        this.members = Collections.unmodifiableList(grid);
        this.size = grid.size();
        this.alpha = new double[size];
        this.beta = new double[size];
        this.phi = new double[size];
        this.gamma = new double[size];
        for (int k = 0; k < size; k++) {
            Member m = grid.get(k);
            alpha[k] = m.alpha();
            beta[k] = m.beta();
            phi[k] = m.phi();
            gamma[k] = m.gamma();
        }
        this.level = new double[size];
        this.trend = new double[size];
        this.season = new double[period * size];
        this.loss = new double[size];
        this.fit = new double[size];
    }

    /** The season's period, 0 for the non-seasonal families. */
    public int period() {
        return period;
    }

    public int horizon() {
        return horizon;
    }

    /** The grid's settings, in member order. */
    public List<Member> members() {
        return members;
    }

    /** Whether it forecasts: started up and not dead. */
    public boolean ready() {
        return ready;
    }

    /** Index in {@link #members()} of the member whose forecast is the family's; -1 while not ready. */
    public int leader() {
        return ready ? leader : -1;
    }

    /** Member k's cumulative scale-normalised squared one-step error since the family became ready. */
    public double loss(int k) {
        return loss[k];
    }

    @Override
    public void observe(History history, double scale) {
        if (dead) {
            return;
        }
        double y = history.back(0);
        if (log && !(y > 0)) {
            dead = true;
            ready = false;
            return;
        }
        if (ready) {
            update(y, log ? Math.log(y) : y);
        } else {
            start(history);
        }
        lastScale = scale;
    }

    /**
     * Updates every member with z, keeping its one-step forecast ŷ (in z) in {@link #fit}; then scores those forecasts
     * against y and chooses the leader. In passes: the update loop calls nothing, and the log families' exp, a call
     * that spills every live register, runs in a loop of its own.
     */
    private void update(double y, double z) {
        if (period > 0) {
            final int base = slot * size;
            for (int k = 0; k < size; k++) {
                double phib = phi[k] * trend[k];
                double q = level[k] + phib;
                double sj = season[base + k];
                double f = q + sj;
                double e = z - f;
                fit[k] = f;
                season[base + k] = sj + gamma[k] * e;
                level[k] = q + alpha[k] * e;
                trend[k] = phib + beta[k] * e;
            }
            slot = slot + 1 == period ? 0 : slot + 1;
        } else {
            for (int k = 0; k < size; k++) {
                double phib = phi[k] * trend[k];
                double f = level[k] + phib;
                double e = z - f;
                fit[k] = f;
                level[k] = f + alpha[k] * e;
                trend[k] = phib + beta[k] * e;
            }
        }
        if (log) {
            for (int k = 0; k < size; k++) {
                fit[k] = Math.exp(clamp(fit[k]));
            }
        }
        final double s = lastScale;
        double best = Double.POSITIVE_INFINITY;
        int lead = 0;
        for (int k = 0; k < size; k++) {
            double d = (fit[k] - y) / s;
            double lk = loss[k] + d * d;
            loss[k] = lk;
            if (lk < best) {
                best = lk;
                lead = k;
            }
        }
        leader = lead;
    }

    /** The start-up (see the class comment): ready, or still waiting for 2m values, or dead. */
    private void start(History history) {
        double b0 = 0;
        double l0;
        if (period == 0) {
            double y = history.back(0);
            l0 = log ? Math.log(y) : y;
        } else {
            int m = period;
            if (history.count() < 2 * m) {
                return;
            }
            double[] w = new double[2 * m];
            for (int i = 0; i < 2 * m; i++) {
                double v = history.back(2 * m - 1 - i);
                if (log && !(v > 0)) {
                    dead = true;
                    return;
                }
                w[i] = log ? Math.log(v) : v;
            }
            double c1 = 0;
            double c2 = 0;
            for (int i = 0; i < m; i++) {
                c1 += w[i];
                c2 += w[m + i];
            }
            c1 /= m;
            c2 /= m;
            double slope = (c2 - c1) / m;
            double centre = (c1 + c2) / 2;
            double[] s = new double[m];
            double mean = 0;
            for (int j = 0; j < m; j++) {
                double rj = w[j] - (centre + slope * (j - (2 * m - 1) / 2.0));
                double rjm = w[j + m] - (centre + slope * (j + m - (2 * m - 1) / 2.0));
                s[j] = 0.5 * (rj + rjm);
                mean += s[j];
            }
            mean /= m;
            for (int j = 0; j < m; j++) {
                Arrays.fill(season, j * size, (j + 1) * size, s[j] - mean);
            }
            l0 = centre + slope * ((2 * m - 1) - (2 * m - 1) / 2.0);
            b0 = slope;
            slot = 0;
        }
        Arrays.fill(level, l0);
        Arrays.fill(trend, b0);
        Arrays.fill(loss, 0.0);
        leader = 0;
        ready = true;
    }

    /** x within ±700; NaN stays NaN (as numpy's clip). */
    private static double clamp(double x) {
        return x > LOG_CLAMP ? LOG_CLAMP : x < -LOG_CLAMP ? -LOG_CLAMP : x;
    }

    /**
     * The leader's forecasts; {@code out.length} must be the horizon. False while not ready, or when a forecast is
     * not finite.
     */
    @Override
    public boolean forecast(History history, double[] out) {
        return forecastMember(leader, out);
    }

    /** Member k's forecasts, as {@link #forecast}. */
    public boolean forecastMember(int k, double[] out) {
        checkOut(out);
        if (!ready) {
            return false;
        }
        double l = level[k];
        double b = trend[k];
        double p = phi[k];
        double pw = 1;
        double damp = 0;
        boolean finite = true;
        for (int h = 0; h < horizon; h++) {
            pw *= p;
            damp += pw;
            double f = l + damp * b;
            if (period > 0) {
                f += season[((slot + h) % period) * size + k];
            }
            out[h] = log ? Math.exp(clamp(f)) : f;
            finite &= Double.isFinite(out[h]);
        }
        return finite;
    }

    /** Member k's level (in z). For tests. */
    double level(int k) {
        return level[k];
    }

    /** Member k's trend (in z). For tests. */
    double trend(int k) {
        return trend[k];
    }

    /** Member k's season of the value {@code ahead} + 1 observations ahead (in z). For tests. */
    double season(int k, int ahead) {
        return season[((slot + ahead) % period) * size + k];
    }

    @Override
    int bodyBytes() {
        return 1 + 1 + 4 + 4 + 8 + 8 * (3 * size + season.length);
    }

    /** Ready, dead, slot, leader, the last scale, then the levels, trends, losses and seasons. */
    @Override
    void writeBody(ByteBuffer out) {
        putFlag(out, ready);
        putFlag(out, dead);
        out.putInt(slot).putInt(leader);
        out.putLong(Double.doubleToRawLongBits(lastScale));
        putDoubles(out, level);
        putDoubles(out, trend);
        putDoubles(out, loss);
        putDoubles(out, season);
    }

    @Override
    void readBody(ByteBuffer in) {
        boolean r = getFlag(in);
        boolean d = getFlag(in);
        int j = in.getInt();
        int lead = in.getInt();
        if ((r && d) || j < 0 || j >= Math.max(period, 1) || lead < 0 || lead >= size) {
            throw new IllegalArgumentException(name() + " state: inconsistent (ready " + r + ", dead " + d
                    + ", slot " + j + ", leader " + lead + ")");
        }
        ready = r;
        dead = d;
        slot = j;
        leader = lead;
        lastScale = Double.longBitsToDouble(in.getLong());
        getDoubles(in, level);
        getDoubles(in, trend);
        getDoubles(in, loss);
        getDoubles(in, season);
    }
}
