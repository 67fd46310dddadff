package io.tickcast.stream;

import io.tickcast.model.LstmModel;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Tick;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything tickcast knows about one symbol, and the one place that changes it. Each accepted tick
 * ({@link #accept}) runs the per-tick step, free of Kafka:
 * <ol>
 *   <li>score the pending forecasts whose step ends at this value: the conformal residuals, the aggregator's
 *       sums, the rolling one-step scores;</li>
 *   <li>update the scale of the changes and append the value;</li>
 *   <li>let every expert learn (the LSTM fine-tunes every {@code train.every} ticks);</li>
 *   <li>ask every expert for its forecast changes, combine them ({@link Aggregator}), put a conformal interval
 *       around each step, and keep the forecast as pending;</li>
 *   <li>update the break detector.</li>
 * </ol>
 *
 * <p>Stored as separate records, each framed by {@link StateCodec}: the series (this class's own parts and
 * the aggregator; store {@link StoreNames#SERIES}, every tick), each expert (its own store, when it changed)
 * and the detector ({@link StoreNames#CHOW}, every tick). Series record, magic "TCSS", version 1: {@code int}
 * horizon, history capacity, score window, number of experts; then {@link RecentValues}, {@link ChangeScale},
 * {@link PendingForecasts}, {@link RollingScores}, {@link ConformalIntervals}, the aggregator. Version 0
 * ("TCS1") is read by {@link LegacySeriesFormat}.
 *
 * <p>Not thread-safe; one instance is owned by one stream task at a time.
 */
final class SymbolState {

    static final int MAGIC = 0x54435353; // "TCSS"
    static final short VERSION = 1;

    private final String symbol;
    private final ForecastSettings cfg;
    final RecentValues values;
    final ChangeScale scale = new ChangeScale();
    final PendingForecasts pending;
    final RollingScores scores;
    final ConformalIntervals conformal;
    final Aggregator aggregator;
    private final List<Expert> experts;
    /** Which experts changed at the latest tick (their records are due). */
    private final boolean[] expertChanged;
    final BreakDetector detector;

    private SymbolState(String symbol, ForecastSettings cfg, List<String> expertNames, List<Expert> experts,
                        BreakDetector detector) {
        this.symbol = symbol;
        this.cfg = cfg;
        this.values = new RecentValues(cfg.historyCapacity());
        this.pending = new PendingForecasts(cfg.horizon(), experts.size());
        this.scores = new RollingScores(cfg.scoreWindow());
        this.conformal = new ConformalIntervals(cfg.horizon(), cfg.scoreWindow());
        this.aggregator = new PersistenceShrinkage(cfg, expertNames);
        this.experts = List.copyOf(experts);
        this.expertChanged = new boolean[experts.size()];
        this.detector = detector;
    }

    /** A new symbol's state: fresh experts and detector. */
    static SymbolState create(String symbol, ForecastSettings cfg, Components components) {
        List<Expert> experts = new ArrayList<>();
        components.experts().forEach(k -> experts.add(k.create(symbol)));
        BreakDetector d = components.detector() == null ? null : components.detector().create();
        return new SymbolState(symbol, cfg, components.expertNames(), experts, d);
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
        List<Expert> experts = new ArrayList<>();
        for (ExpertKind k : components.experts()) {
            byte[] b = stored.apply(k.store());
            experts.add(b == null ? k.create(symbol) : k.restore(b));
        }
        BreakDetector d = null;
        if (components.detector() != null) {
            byte[] b = stored.apply(StoreNames.CHOW);
            d = b == null ? components.detector().create() : components.detector().restore(b);
        }
        SymbolState s = new SymbolState(symbol, cfg, components.expertNames(), experts, d);
        if (StateCodec.hasMagic(series, LegacySeriesFormat.MAGIC)) {
            LegacySeriesFormat.read(series, s);
        } else {
            s.readSeries(series);
        }
        return s;
    }

    String symbol() {
        return symbol;
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
        double s = scale.scale();

        StepResult.Training training = null;
        for (int e = 0; e < experts.size(); e++) {
            StepResult.Training t = experts.get(e).learn(values, s);
            expertChanged[e] = t != null;
            if (t != null) {
                training = t;
            }
        }

        int horizon = cfg.horizon();
        double[][] expertChange = new double[experts.size()][horizon];
        boolean[] ready = new boolean[experts.size()];
        for (int e = 0; e < experts.size(); e++) {
            ready[e] = experts.get(e).forecast(values, s, expertChange[e]);
        }
        double[] change = new double[horizon];
        double weight = aggregator.combine(expertChange, ready, change);
        double[] fc = new double[horizon];
        double[] lo = new double[horizon];
        double[] hi = new double[horizon];
        List<Forecast.Step> steps = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            fc[h] = value + change[h];
            double half = conformal.halfWidth(h, s, cfg.level(), cfg.zLevel());
            lo[h] = fc[h] - half;
            hi[h] = fc[h] + half;
            steps.add(new Forecast.Step(h + 1, fc[h], lo[h], hi[h], value));
        }
        PendingForecast made = new PendingForecast(value, s, fc, lo, hi, expertChange, ready);
        pending.push(made);
        double loss = lastLoss();
        Forecast forecast = new Forecast(symbol, ts, value, steps, aggregator.source(ready), !made.anyReady(),
                values.ticks(), updates(), Double.isNaN(loss) ? null : loss, scores.summary(cfg.level()));

        BreakSignal b = detector == null ? null : detector.update(symbol, ts, value);
        return new StepResult(forecast, training, weight, b, null);
    }

    /** Scores every pending forecast whose step ends at this value; the forecast made {@code age} ticks ago ends its step age + 1. */
    private void score(double actual) {
        for (int age = 0; age < pending.count(); age++) {
            PendingForecast p = pending.get(age);
            double f = p.forecast()[age];
            if (Double.isFinite(p.scale()) && p.scale() > 0) {
                conformal.add(age, Math.abs(actual - f) / p.scale());
            }
            aggregator.learn(age, p, actual - p.base());
            if (age == 0) {
                boolean inside = actual >= p.lower()[0] && actual <= p.upper()[0];
                scores.add(actual - f, actual - p.base(), inside);
            }
        }
    }

    private long updates() {
        long n = 0;
        for (Expert e : experts) {
            n += e.updates();
        }
        return n;
    }

    /** The latest fine-tuning loss of the first expert that has one; NaN if none. */
    private double lastLoss() {
        for (Expert e : experts) {
            if (!Double.isNaN(e.lastLoss())) {
                return e.lastLoss();
            }
        }
        return Double.NaN;
    }

    /**
     * Writes the records the latest tick changed: the series, the experts that learned, the detector.
     *
     * @param put receives (store name, record)
     */
    void store(BiConsumer<String, byte[]> put) {
        put.accept(StoreNames.SERIES, encodeSeries());
        for (int e = 0; e < experts.size(); e++) {
            if (expertChanged[e]) {
                put.accept(experts.get(e).store(), experts.get(e).encode());
            }
        }
        if (detector != null) {
            put.accept(StoreNames.CHOW, detector.encode());
        }
    }

    /** Every record, as after the symbol's first tick (for sizing the changelogs). */
    void storeAll(BiConsumer<String, byte[]> put) {
        put.accept(StoreNames.SERIES, encodeSeries());
        experts.forEach(e -> put.accept(e.store(), e.encode()));
        if (detector != null) {
            put.accept(StoreNames.CHOW, detector.encode());
        }
    }

    byte[] encodeSeries() {
        int bytes = 4 * 4 + values.stateBytes() + ChangeScale.STATE_BYTES + pending.stateBytes() + scores.stateBytes()
                + conformal.stateBytes() + aggregator.stateBytes();
        return StateCodec.encode(MAGIC, VERSION, bytes, out -> {
            out.putInt(cfg.horizon()).putInt(cfg.historyCapacity()).putInt(cfg.scoreWindow()).putInt(experts.size());
            values.write(out);
            scale.write(out);
            pending.write(out);
            scores.write(out);
            conformal.write(out);
            aggregator.write(out);
        });
    }

    private void readSeries(byte[] bytes) {
        StateCodec.Frame f = StateCodec.decode(bytes, MAGIC, "series");
        StateCodec.requireVersion(f, VERSION, "series");
        ByteBuffer in = f.payload();
        checkDimensions(in.getInt(), in.getInt(), in.getInt());
        int e = in.getInt();
        if (e != experts.size()) {
            throw new IllegalArgumentException("stored series state has " + e + " experts, configured " + experts.size());
        }
        values.read(in);
        scale.read(in);
        pending.read(in);
        scores.read(in);
        conformal.read(in);
        aggregator.read(in);
        f.requireConsumed("series");
    }

    /** @throws IllegalArgumentException when the stored dimensions differ from the configured ones */
    void checkDimensions(int horizon, int historyCapacity, int scoreWindow) {
        if (horizon != cfg.horizon() || historyCapacity != cfg.historyCapacity() || scoreWindow != cfg.scoreWindow()) {
            throw new IllegalArgumentException("stored series state has horizon " + horizon + ", history "
                    + historyCapacity + ", score window " + scoreWindow + "; configured " + cfg.horizon() + ", "
                    + cfg.historyCapacity() + ", " + cfg.scoreWindow() + " (use a new application.id after changing "
                    + "model.horizon, model.timesteps, train.buffer or score.window)");
        }
    }

    /**
     * A view for queries. It shares the LSTM with this state: take it only from a state decoded for the query,
     * never from one a stream thread is using.
     */
    SymbolSnapshot snapshot() {
        SymbolSnapshot.LastForecast last = null;
        if (pending.count() > 0) {
            PendingForecast p = pending.get(0);
            List<SymbolSnapshot.Step> steps = new ArrayList<>();
            for (int h = 0; h < p.horizon(); h++) {
                steps.add(new SymbolSnapshot.Step(p.forecast()[h], p.lower()[h], p.upper()[h]));
            }
            last = new SymbolSnapshot.LastForecast(steps, aggregator.source(p.ready()));
        }
        // The LSTM, once it has trained (before, the store holds no model record).
        SymbolSnapshot.Model model = null;
        LstmModel lstm = null;
        for (Expert e : experts) {
            if (e instanceof LstmExpert x && x.model() instanceof LearningComponents.LstmChangeModel m
                    && m.trained() != null) {
                lstm = m.trained();
                model = new SymbolSnapshot.Model(lstm.updates(), Double.isFinite(lstm.lastLoss()) ? lstm.lastLoss() : null,
                        lstm.skippedSteps(), lstm.rollbacks(), lstm.config().hiddenSize(), lstm.config().layers(),
                        lstm.config().horizon());
            }
        }
        return new SymbolSnapshot(symbol, values.ticks(), values.lastTs(), values.back(0), last, model, lstm,
                detector == null ? null : detector.summary());
    }
}
