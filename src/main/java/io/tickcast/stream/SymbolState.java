package io.tickcast.stream;

import io.tickcast.forecast.AdaptiveConformal;
import io.tickcast.forecast.Seasonality;
import io.tickcast.model.LstmModel;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.ExpertWeights;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Tick;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything tickcast knows about one symbol, and the one place that changes it. Each accepted tick
 * ({@link #accept}) runs the per-tick step, free of Kafka ({@code docs/forecasting.md}):
 * <ol>
 *   <li>score the pending forecasts whose step ends at this value: the experts' aggregator and the shrink
 *       learn, the conformal intervals adapt, the rolling one-step scores move;</li>
 *   <li>update the scale of the changes and append the value;</li>
 *   <li>the season: infer the candidate period from the first timestamps, confirm it by a test on the recent
 *       values, and look for a period in the recent values every few ticks ({@link Seasonality}); once the period is
 *       known, build the panel of experts, and rebuild it from the history when the period changes;</li>
 *   <li>update the break detector; on a signal, the experts restart on the new regime ({@link #onBreak});</li>
 *   <li>let every expert learn (the LSTM fine-tunes every {@code train.every} ticks);</li>
 *   <li>ask every expert for its forecasts, combine them per step (ML-Poly, then the shrink towards persistence),
 *       put an adaptive conformal interval around each, and keep the forecast as pending.</li>
 * </ol>
 * Until the panel exists (the first five ticks) the forecast is persistence.
 *
 * <p>Stored as separate records, each framed by {@link StateCodec}, at every checkpoint ({@link SymbolStore}): the
 * series (store {@link StoreNames#SERIES}), the LSTM expert ({@link StoreNames#MODELS}, if it trained since its
 * record was written) and the detector ({@link StoreNames#CHOW}). Series record, magic "TCSS", version 7: {@code int} horizon, score
 * window; {@link RecentValues}, {@link ChangeScale}, {@link PendingForecasts} (of each pending forecast its live steps
 * only), {@link RollingScores}, per step the {@link AdaptiveConformal} state, the {@link Seasonality}, a byte (panel
 * built), the {@link Panel} and the {@link BaseForecasts}. Version 6 is the same layout without the panel's shrinks
 * towards the seasonal naive (they start afresh) and without the seasonal naive of a week on a panel of period 24
 * ({@link Panel#hasWeek}): such a panel is read, then rebuilt with it from the kept values as after a change of period
 * (its pending forecasts' expert parts dropped); other panels continue as they were.
 * Version 5 is the same layout with every step's interval
 * at step 1's rates (half-life and ACI step; version 6 scales them with the step, {@link ForecastSettings#newConformal}):
 * its intervals are read and continue at the new rates. Version 4 is the same with the seasonality's state before
 * the period found in the data (its scan starts afresh: no period found yet); version 3 is version 4 with every step
 * of every pending forecast (the steps already scored are skipped when read: nothing reads them); version 2 is
 * version 3 without the base forecasts, which then start empty.
 * Versions 0 ("TCS1") and 1 are read by {@link LegacySeriesFormat}: their values, scale and scores carry over,
 * the rest starts afresh.
 *
 * <p>Not thread-safe; one instance is owned by one stream task at a time.
 */
final class SymbolState {

    static final int MAGIC = 0x54435353; // "TCSS"
    static final short VERSION = 7;
    /** The version before the seasonal naive of a week and the shrinks towards the seasonal naive ({@link Panel}). */
    static final short VERSION_WITHOUT_WEEK = 6;
    /** The version before the intervals' rates scaled with the step: the same layout, step 1's rates at every step. */
    static final short VERSION_STEP_ONE_RATES = 5;
    /** The version before the period found in the data: the same record with the seasonality's shorter state. */
    static final short VERSION_WITHOUT_SCAN = 4;
    /** The version before the pending forecasts kept only their live steps: every step of every pending forecast. */
    static final short VERSION_ALL_PENDING_STEPS = 3;
    /** The version before the base forecasts: version 3 without them. */
    static final short VERSION_WITHOUT_BASES = 2;

    private final String symbol;
    private final ForecastSettings cfg;
    final RecentValues values;
    final ChangeScale scale = new ChangeScale();
    final PendingForecasts pending;
    final RollingScores scores;
    private final AdaptiveConformal[] conformal;
    private final Seasonality season;
    private Panel panel;
    /** The statistical experts' combined forecasts of the latest ticks, which the LSTM learns to correct. */
    final BaseForecasts bases;
    private final LstmExpert lstm;
    /** Whether the LSTM trained since its record was last read or written (its record is due at the next {@link #store}). */
    private boolean modelDirty;
    /** The accepted ticks at the checkpoint last read or written ({@link SymbolStore}); not stored. */
    long checkpointed;
    /** The journal's open segment ({@link SymbolStore}); not stored. */
    final JournalSegment journal = new JournalSegment();
    final BreakDetector detector;
    /** This tick's anomaly score ({@link #score}); not stored: each tick computes its own from the state. */
    private Forecast.Anomaly anomaly;
    /** Whether the forecaster reacts to the detector's signals ({@link #onBreak}). */
    private final boolean react;
    /** Per-step scratch of {@link #accept}, reused every tick (the pending forecast keeps its own copy). */
    private final double[] scratchForecast;
    private final double[] scratchLower;
    private final double[] scratchUpper;
    private final double[] scratchNorm;
    private final double[] scratchRaw;
    private final double[] scratchBase;

    private SymbolState(String symbol, ForecastSettings cfg, LstmExpert lstm, BreakDetector detector, boolean react) {
        this.symbol = symbol;
        this.cfg = cfg;
        this.values = new RecentValues(cfg.historyCapacity());
        this.pending = new PendingForecasts(cfg.horizon());
        this.scores = new RollingScores(cfg.scoreWindow());
        this.conformal = new AdaptiveConformal[cfg.horizon()];
        for (int h = 0; h < conformal.length; h++) {
            conformal[h] = cfg.newConformal(h + 1);
        }
        this.season = new Seasonality(cfg.seasonPeriod(), cfg.historyCapacity());
        this.bases = new BaseForecasts(cfg.baseCapacity(), cfg.horizon());
        this.lstm = lstm;
        this.detector = detector;
        this.react = react;
        int h = cfg.horizon();
        this.scratchForecast = new double[h];
        this.scratchLower = new double[h];
        this.scratchUpper = new double[h];
        this.scratchNorm = new double[h];
        this.scratchRaw = new double[h];
        this.scratchBase = new double[h];
    }

    /** A new symbol's state: a fresh LSTM (if configured) and detector. */
    static SymbolState create(String symbol, ForecastSettings cfg, Components components) {
        LstmExpert lstm = components.lstm() == null ? null : components.lstm().create(symbol);
        BreakDetector d = components.detector() == null ? null : components.detector().create();
        return new SymbolState(symbol, cfg, lstm, d, components.react());
    }

    /**
     * Restores a symbol from its records.
     *
     * @param stored the symbol's record in a store, by store name; null where it has none
     * @return null if the symbol has no series record (a new symbol)
     * @throws IllegalArgumentException if a record is corrupt, of an unknown format, or of other dimensions
     */
    static SymbolState restore(String symbol, ForecastSettings cfg, Components components,
                               Function<String, byte[]> stored) {
        byte[] series = stored.apply(StoreNames.SERIES);
        if (series == null) {
            return null;
        }
        LstmExpert lstm = null;
        if (components.lstm() != null) {
            byte[] b = stored.apply(StoreNames.MODELS);
            lstm = b == null ? components.lstm().create(symbol) : components.lstm().restore(symbol, b);
        }
        BreakDetector d = null;
        if (components.detector() != null) {
            byte[] b = stored.apply(StoreNames.CHOW);
            d = b == null ? components.detector().create() : components.detector().restore(b);
        }
        SymbolState s = new SymbolState(symbol, cfg, lstm, d, components.react());
        if (StateCodec.hasMagic(series, LegacySeriesFormat.V0_MAGIC)) {
            LegacySeriesFormat.readVersion0(series, s);
        } else {
            StateCodec.Frame f = StateCodec.decode(series, MAGIC, "series");
            if (f.version() == LegacySeriesFormat.V1) {
                LegacySeriesFormat.readVersion1(f, s);
            } else {
                short v = f.version();
                if (v != VERSION_WITHOUT_BASES && v != VERSION_ALL_PENDING_STEPS && v != VERSION_WITHOUT_SCAN
                        && v != VERSION_STEP_ONE_RATES && v != VERSION_WITHOUT_WEEK) {
                    StateCodec.requireVersion(f, VERSION, "series");
                }
                s.readSeries(f, v >= VERSION_ALL_PENDING_STEPS, v <= VERSION_ALL_PENDING_STEPS, v >= VERSION_STEP_ONE_RATES,
                        v >= VERSION);
            }
        }
        return s;
    }

    /** Processes one tick of this symbol: a rejection if it is not newer than the latest accepted one. */
    StepResult accept(Tick tick) {
        long ts = tick.ts();
        double value = tick.value();
        if (values.ticks() > 0 && ts <= values.lastTs()) {
            boolean dup = ts == values.lastTs();
            return StepResult.rejected(dup ? DeadLetterReason.DUPLICATE : DeadLetterReason.OUT_OF_ORDER,
                    "ts " + ts + (dup ? " equals" : " is older than") + " the symbol's last accepted ts " + values.lastTs());
        }
        if (values.count() > 0) {
            score(value);
            scale.update(value - values.back(0), cfg.halflife());
        }
        values.push(ts, value);
        season.observe(ts, values);
        if (panel == null && season.period() > 0) {
            panel = new Panel(season.period(), cfg.horizon(), cfg.statisticalExperts(), lstm);
        } else if (panel != null && season.period() != panel.period()) {
            // The data show another period (or no longer show theirs): the experts of that period, from the history.
            panel = panel.withPeriod(season.period(), values, scale.scale(), season.on());
            pending.forgetExperts();
        }
        // The detector before the experts, so that a break's reaction already shapes this tick's forecast.
        Integer inUse = periodInUse();
        BreakSignal b = detector == null ? null : detector.update(symbol, ts, value, inUse == null ? 1 : inUse);
        if (b != null && b.signal() && react) {
            onBreak(detector.regimeTicks());
        }
        double s = scale.scale();
        // The unit of every loss: the scale of the changes, or a small fraction of the level before it is known.
        double unit = Double.isFinite(s) && s > 0 ? s : Math.max(1e-3 * Math.abs(value), 1e-9);

        StepResult.Training training = null;
        if (lstm != null) {
            training = lstm.learn(values, bases, season, s);
            modelDirty |= training != null;
        }
        if (panel != null) {
            panel.observe(values, unit);
        }

        int horizon = cfg.horizon();
        double[] fc = scratchForecast;
        double[] lo = scratchLower;
        double[] hi = scratchUpper;
        double[] raw = scratchRaw;
        double[] norm = scratchNorm;
        // The new pending forecast is written in place: its levels, weights and awake flags by the panel.
        pending.begin(value, unit, panel == null ? -1 : panel.size());
        double[][] weights = null;
        boolean[] awake = null;
        if (panel != null) {
            double[][] levels = pending.levelRows();
            weights = pending.weightRows();
            awake = pending.awake(0);
            panel.forecast(values, bases, season, s, unit, levels, awake, scratchBase);
            bases.push(scratchBase);
            for (int h = 0; h < horizon; h++) {
                fc[h] = panel.combine(h, value, levels[h], awake, weights[h], raw);
            }
        } else {
            java.util.Arrays.fill(fc, value);
            java.util.Arrays.fill(raw, value);
            bases.push(null);
        }
        long spacing = season.spacingMs();
        for (int h = 0; h < horizon; h++) {
            double fallback = unit * Math.sqrt(h + 1.0);
            if (panel == null && !(s > 0)) {
                // The first ticks, before the changes have a scale: an interval of ±10 % of the value.
                fallback = conformal[h].normaliserForWarmUpHalfWidth(0.1 * Math.abs(value) + 1e-9);
            }
            norm[h] = conformal[h].normaliser(fallback);
            double half = conformal[h].halfWidth(norm[h]);
            lo[h] = fc[h] - half;
            hi[h] = fc[h] + half;
        }
        clipAtZeroIfNonNegative(lo, fc, horizon);
        for (int h = 0; h < horizon; h++) {
            pending.set(h, fc[h], lo[h], hi[h], norm[h], raw[h]);
        }
        // The output's own copies (it outlives the tick: the HTTP history keeps it).
        Forecast.Steps steps = new Forecast.Steps(fc.clone(), lo.clone(), hi.clone(), value, ts, spacing);

        ExpertWeights oneStep = weights == null ? null : weightsByName(weights[0], awake);
        Double gain = panel == null ? null : panel.gain(0);
        // With no share of the combined change, the forecast is persistence, whoever leads the combination.
        String source = gain == null || gain == 0.0
                ? (panel != null && panel.anchoredSeasonal(0) ? "snaive" : "persistence") : leader(oneStep);
        double loss = lstm == null ? Double.NaN : lstm.lastLoss();
        Forecast forecast = new Forecast(symbol, ts, value, steps, source, oneStep == null,
                values.ticks(), lstm == null ? 0 : lstm.updates(), Double.isNaN(loss) ? null : loss,
                scores.summary(cfg.level()), periodInUse(), oneStep, gain, anomaly);

        Double leading = oneStep == null ? null : oneStep.get(source);
        double lead = leading == null ? 0.0 : leading;
        return new StepResult(forecast, training, lead, b, null);
    }

    /**
     * An interval respects the series' support: while every kept value ({@code history.capacity}, 400 by default) is
     * non-negative — counts, prices, sales, most sensors — a lower bound below zero becomes zero (or the forecast, if
     * that is below zero: the bound never passes the forecast). The upper bounds and
     * the forecasts are untouched; the conformal scores that set the widths are those of the unclipped intervals
     * whenever a value lands at or above zero, which is every value of such a series. The kept values are read only
     * when a lower bound is negative.
     */
    private void clipAtZeroIfNonNegative(double[] lo, double[] fc, int horizon) {
        boolean below = false;
        for (int h = 0; h < horizon && !below; h++) {
            below = lo[h] < 0;
        }
        if (!below) {
            return;
        }
        for (int k = 0; k < values.count(); k++) {
            if (values.back(k) < 0) {
                return;
            }
        }
        for (int h = 0; h < horizon; h++) {
            lo[h] = Math.max(lo[h], Math.min(0.0, fc[h]));
        }
    }

    /**
     * The reaction to a break signal ({@code docs/breaks.md}): the statistical experts and the aggregators restart on
     * the values since the estimated break (the aggregators learning from the experts' replayed forecasts), and each
     * step's conformal interval drops the old regime's scores. The LSTM
     * keeps its weights (it learns changes, and its replay buffer moves on to the new regime by itself).
     *
     * @param since values of the new regime, the latest included (≥ 1; more than are kept: all kept)
     */
    void onBreak(int since) {
        if (panel != null) {
            panel.restart(values, Math.max(1, Math.min(since, values.count())), scale.scale(), season.on());
        }
        for (int h = 0; h < conformal.length; h++) {
            conformal[h] = cfg.newConformal(h + 1);
        }
    }

    /** The period the seasonal experts use now: the confirmed one, else 1 (none); null before it is inferred. */
    private Integer periodInUse() {
        int m = season.period();
        return m == 0 ? null : season.on() ? m : 1;
    }

    private ExpertWeights weightsByName(double[] w, boolean[] awake) {
        return ExpertWeights.of(panel.names(), w, awake);
    }

    /** The expert with the largest one-step weight (the first of equals), or persistence without a panel. */
    private static String leader(ExpertWeights w) {
        String best = "persistence";
        double max = -1;
        if (w != null) {
            for (int i = 0; i < w.size(); i++) {
                if (w.weight(i) > max) {
                    max = w.weight(i);
                    best = w.name(i);
                }
            }
        }
        return best;
    }

    /** Scores every pending forecast whose step ends at this value; the forecast made {@code age} ticks ago ends its step age + 1. */
    private void score(double actual) {
        anomaly = null;
        double now = scale.scale();
        for (int age = 0; age < pending.count(); age++) {
            if (panel != null) {
                panel.learn(age, pending, age, actual, now);
            }
            double forecast = pending.forecast(age, age);
            double norm = pending.norm(age, age);
            if (age == 0) {
                // Before the interval takes this residual in: the p-value ranks it among the earlier ones.
                double pv = conformal[0].pValue(actual, forecast, norm);
                anomaly = Double.isNaN(pv) ? null : new Forecast.Anomaly(pv, pv <= 1.0 - cfg.anomalyLevel());
            }
            double lower = pending.lower(age, age);
            double upper = pending.upper(age, age);
            conformal[age].learn(actual, forecast, lower, upper, norm);
            if (age == 0) {
                boolean inside = actual >= lower && actual <= upper;
                scores.add(actual - forecast, actual - pending.base(age), inside);
            }
        }
    }

    /**
     * Writes the symbol's records (a checkpoint, {@link SymbolStore}): the series, the LSTM if it learned since its
     * record was last read or written, the detector.
     *
     * @param put receives (store name, record)
     */
    void store(BiConsumer<String, byte[]> put) {
        put.accept(StoreNames.SERIES, encodeSeries());
        if (lstm != null && modelDirty) {
            put.accept(StoreNames.MODELS, lstm.encode());
            modelDirty = false;
        }
        if (detector != null) {
            put.accept(StoreNames.CHOW, detector.encode());
        }
    }

    /**
     * Every record of the state as it is now, the LSTM's even if unchanged since it was written (a view for tests and
     * tools; unlike {@link #store} it changes nothing).
     */
    Map<String, byte[]> records() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(StoreNames.SERIES, encodeSeries());
        if (lstm != null) {
            out.put(StoreNames.MODELS, lstm.encode());
        }
        if (detector != null) {
            out.put(StoreNames.CHOW, detector.encode());
        }
        return out;
    }

    /**
     * The bytes the symbol's records would have now, without encoding them (the detector's at their largest): about
     * what the decoded state holds in its arrays, for sizing the cache of decoded states.
     */
    long recordBytes() {
        return StateCodec.HEADER + seriesPayloadBytes() + StateCodec.TRAILER
                + (lstm == null ? 0 : lstm.model().stateBytes())
                + (detector == null ? 0 : detector.maxRecordBytes());
    }

    /**
     * The largest record a symbol's state can have in this configuration, for sizing the changelogs: the series
     * record of a symbol grown to its largest — the longest season it can confirm, every pending forecast, every
     * score — measured on a simulated one without the LSTM (whose share of the series record is added); the LSTM's
     * own record (its size never changes); the detector's with a full window.
     */
    static long largestRecordBytes(ForecastSettings cfg, Components components) {
        int capacity = cfg.historyCapacity();
        int period = cfg.seasonPeriod() > 0 ? cfg.seasonPeriod() : Seasonality.maxPeriod(capacity);
        // Simulated with a short interval window (their records are linear in the scores held), then corrected.
        int window = Math.min(cfg.intervalWindow(), Math.max(64, (int) Math.ceil(1.0 / (1.0 - cfg.level())) + 2));
        ForecastSettings grown = new ForecastSettings(cfg.timesteps(), cfg.horizon(), cfg.trainMin(), cfg.trainYoung(), cfg.trainEvery(),
                cfg.trainBuffer(), cfg.halflife(), cfg.level(), cfg.scoreWindow(), period, window,
                cfg.intervalGamma(), cfg.intervalHalflife(), cfg.statisticalExperts(), cfg.anomalyLevel());
        SymbolState s = create("x", grown, new Components(null, null));
        int ticks = Math.max(capacity, window + cfg.horizon()) + 2;
        for (int t = 0; t < ticks; t++) {
            s.accept(new Tick("x", t, 100 + Math.sin(2 * Math.PI * t / period) + 0.01 * t));
        }
        long series = s.encodeSeries().length;
        if (components.lstm() != null) {
            // The LSTM on the panel, which the simulation leaves out (training it would be slow): per pending
            // forecast its awake flag and per live step its level and weight (h(h+1)/2 steps in all); per step its
            // ML-Poly sums.
            int h = cfg.horizon();
            series += h + 16L * h * (h + 1) / 2 + 16L * h;
        }
        AdaptiveConformal full = cfg.newConformal(1);
        for (AdaptiveConformal c : s.conformal) {
            series += full.maxStateBytes() - c.stateBytes();
        }
        long largest = series;
        if (components.lstm() != null) {
            largest = Math.max(largest, components.lstm().create("x").encode().length);
        }
        if (components.detector() != null) {
            largest = Math.max(largest, components.detector().create().maxRecordBytes());
        }
        return largest;
    }

    private int seriesPayloadBytes() {
        int bytes = 4 + 4 + values.stateBytes() + ChangeScale.STATE_BYTES + pending.stateBytes() + scores.stateBytes()
                + season.stateBytes() + 1 + (panel == null ? 0 : panel.stateBytes()) + bases.stateBytes();
        for (AdaptiveConformal c : conformal) {
            bytes += c.stateBytes();
        }
        return bytes;
    }

    byte[] encodeSeries() {
        return StateCodec.encode(MAGIC, VERSION, seriesPayloadBytes(), out -> {
            out.putInt(cfg.horizon()).putInt(cfg.scoreWindow());
            values.write(out);
            scale.write(out);
            pending.write(out);
            scores.write(out);
            for (AdaptiveConformal c : conformal) {
                c.writeState(out);
            }
            season.writeState(out);
            out.put((byte) (panel == null ? 0 : 1));
            if (panel != null) {
                panel.write(out);
            }
            bases.write(out);
        });
    }

    private void readSeries(StateCodec.Frame f, boolean withBases, boolean allPendingSteps, boolean withScan,
                            boolean withWeek) {
        ByteBuffer in = f.payload();
        checkDimensions(in.getInt(), in.getInt());
        values.read(in);
        scale.read(in);
        pending.read(in, allPendingSteps);
        scores.read(in);
        for (AdaptiveConformal c : conformal) {
            c.readState(in);
        }
        if (withScan) {
            season.readState(in);
        } else {
            season.readLegacyState(in);
        }
        if (in.get() != 0) {
            panel = Panel.read(in, cfg.horizon(), cfg.statisticalExperts(), lstm, withWeek);
            if (panel.lacksWeek()) {
                // A record before version 7 of an hourly daily season: the experts with the week's seasonal naive,
                // restarted on the kept values as after a change of period (the shrinks carry over).
                panel = panel.withPeriod(panel.period(), values, scale.scale(), season.on());
                pending.forgetExperts();
            }
        }
        if (withBases) {
            bases.read(in);
        }
        f.requireConsumed("series");
    }

    /** @throws IllegalArgumentException when the stored dimensions differ from the configured ones */
    void checkDimensions(int horizon, int scoreWindow) {
        if (horizon != cfg.horizon() || scoreWindow != cfg.scoreWindow()) {
            throw new IllegalArgumentException("stored series state has horizon " + horizon + ", score window "
                    + scoreWindow + "; configured " + cfg.horizon() + ", " + cfg.scoreWindow()
                    + " (use a new application.id after changing model.horizon or score.window)");
        }
    }

    /**
     * A view for queries. It shares the LSTM with this state: take it only from a state decoded for the query,
     * never from one a stream thread is using.
     */
    SymbolSnapshot snapshot() {
        SymbolSnapshot.LastForecast last = null;
        if (pending.count() > 0) {
            List<SymbolSnapshot.Step> steps = new ArrayList<>();
            for (int h = 0; h < pending.horizon(); h++) {
                steps.add(new SymbolSnapshot.Step(pending.forecast(0, h), pending.lower(0, h), pending.upper(0, h)));
            }
            ExpertWeights w = !pending.hasPanel(0) ? null : weightsByName(pending.weights(0, 0), pending.awake(0));
            last = new SymbolSnapshot.LastForecast(steps, leader(w), w);
        }
        // The LSTM, once it has trained (before, the store holds no model record).
        SymbolSnapshot.Model model = null;
        LstmModel trained = null;
        if (lstm != null && lstm.model() instanceof LearningComponents.LstmChangeModel m && m.trained() != null) {
            trained = m.trained();
            model = new SymbolSnapshot.Model(trained.updates(), Double.isFinite(trained.lastLoss()) ? trained.lastLoss() : null,
                    trained.skippedSteps(), trained.rollbacks(), trained.config().hiddenSize(), trained.config().layers(),
                    trained.config().horizon());
        }
        return new SymbolSnapshot(symbol, values.ticks(), values.lastTs(), values.back(0), last, periodInUse(),
                season.period() == 0 ? null : season.period(), model, trained, detector == null ? null : detector.summary());
    }
}
