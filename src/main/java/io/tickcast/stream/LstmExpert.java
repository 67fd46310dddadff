package io.tickcast.stream;

import io.tickcast.forecast.Seasonality;

import java.nio.ByteBuffer;

/**
 * The LSTM expert, a hybrid in the manner of Smyl (2020): it learns what the statistical experts miss. Its forecast
 * of step h is their combined forecast B_h plus the LSTM's correction, s·c_h, where s is the changes' current scale
 * and the {@link ChangeModel} maps a window of {@link LstmInputs} (the latest {@code timesteps} changes, the
 * seasonal lag, the level's deviation from a slow mean, the statistical experts' recent misses, the calendar) to
 * the corrections c. Its training target for the window ending at v_j is (v_{j+h} − B_h(j)) / s, with
 * B_h(j) the statistical forecast made at v_j ({@link BaseForecasts}). A fresh model's head is zero, so the expert
 * starts as the statistical combination and moves from it only as far as it learns.
 *
 * <p>Schedule: while the symbol is young ({@code ticks <= train.young}) one mini-batch of the latest
 * {@value #YOUNG_WINDOWS} windows on every tick, so that a short series gets a useful number of steps; after,
 * every {@code train.every} ticks one fine-tuning call on its replay buffer, the latest {@code train.buffer}
 * windows whose targets are known. It forecasts once the symbol has {@code train.min} ticks and the model has
 * trained.
 *
 * <p>Record (store {@code tickcast-models}, magic "TCLS", version 2): the model's state
 * ({@link ChangeModel#writeState}). Written after each fine-tuning call. Records of the single-input expert before
 * it (version 1, and the unframed "TCLM" model records) are replaced by a fresh model on restore: that model took
 * other inputs and learned other targets (the changes themselves), so its weights mean nothing here.
 */
final class LstmExpert {

    static final int MAGIC = 0x54434C53; // "TCLS"
    static final short VERSION = 2;
    /** The single-input expert's record version, replaced on restore. */
    static final short SINGLE_INPUT_VERSION = 1;
    private static final int UNFRAMED_MODEL_MAGIC = 0x54434C4D; // "TCLM": the model's own records, before framing

    /** Windows of each young mini-batch. */
    static final int YOUNG_WINDOWS = 4;

    private final ForecastSettings cfg;
    private final ChangeModel model;
    private final double[] window;
    private final double[] out;
    private double[][] trainX = new double[0][];
    private double[][] trainY = new double[0][];

    LstmExpert(ForecastSettings cfg, ChangeModel model) {
        this.cfg = cfg;
        this.model = model;
        this.window = new double[cfg.timesteps() * LstmInputs.FEATURES];
        this.out = new double[cfg.horizon()];
    }

    ChangeModel model() {
        return model;
    }

    String name() {
        return "lstm";
    }

    /**
     * Learns from the values, which end with the tick just accepted: on every tick while the symbol is young, then
     * every {@code train.every} ticks.
     *
     * @param scale the changes' current scale (NaN or 0 while unknown)
     * @return what the fine-tuning call did, or null if it did not train
     */
    StepResult.Training learn(RecentValues values, BaseForecasts base, Seasonality season, double scale) {
        int t = cfg.timesteps();
        boolean young = values.ticks() <= cfg.trainYoung();
        int windows = values.count() - cfg.horizon() - t; // windows end at j in [t, count - 1 - horizon]
        if (!usable(scale) || windows < (young ? YOUNG_WINDOWS : 1)
                || (!young && values.ticks() % cfg.trainEvery() != 0)) {
            return null;
        }
        long start = System.nanoTime();
        long skipped = model.skippedSteps();
        long rollbacks = model.rollbacks();
        int n = fillTrainingWindows(values, base, season, scale, young ? YOUNG_WINDOWS : cfg.trainBuffer());
        double loss = model.train(trainX, trainY, n, t);
        return new StepResult.Training(loss, System.nanoTime() - start, model.skippedSteps() - skipped,
                model.rollbacks() - rollbacks);
    }

    /**
     * Writes {@code levels[h]}, the forecast of {@code v[t+h+1]} for the latest value {@code v[t]}: the statistical
     * forecast {@code baseNow[h]} plus the learned correction.
     *
     * @return false if it has no forecast now (warming up, or its output is not finite)
     */
    boolean forecast(RecentValues values, BaseForecasts base, Seasonality season, double scale, double[] baseNow,
                     double[] levels) {
        int t = cfg.timesteps();
        if (!usable(scale) || values.ticks() < cfg.trainMin() || values.count() < t + 1 || model.updates() <= 0) {
            return false;
        }
        LstmInputs.window(values, base, season, values.count() - 1, t, scale, window);
        model.predict(window, t, out);
        for (int h = 0; h < out.length; h++) {
            levels[h] = baseNow[h] + out[h] * scale;
            if (!Double.isFinite(levels[h])) {
                return false; // never forward a non-finite forecast
            }
        }
        return true;
    }

    private static boolean usable(double scale) {
        return Double.isFinite(scale) && scale > 0;
    }

    /**
     * Cuts the latest {@code most} windows whose targets are all known from the recent values: each
     * {@code timesteps} rows of inputs and {@code horizon} scaled misses of the statistical forecast. Returns how
     * many windows were written.
     */
    private int fillTrainingWindows(RecentValues values, BaseForecasts base, Seasonality season, double scale,
                                    int most) {
        int t = cfg.timesteps();
        int horizon = cfg.horizon();
        int count = values.count();
        int last = count - 1 - horizon;
        int first = Math.max(t, last - most + 1);
        int n = last - first + 1;
        if (trainX.length < n) {
            trainX = new double[n][t * LstmInputs.FEATURES];
            trainY = new double[n][horizon];
        }
        for (int w = 0; w < n; w++) {
            int j = first + w;
            LstmInputs.window(values, base, season, j, t, scale, trainX[w]);
            double vj = values.at(j);
            for (int h = 0; h < horizon; h++) {
                trainY[w][h] = (values.at(j + h + 1) - base.level(count - 2 - j, h, vj)) / scale;
            }
        }
        return n;
    }

    long updates() {
        return model.updates();
    }

    double lastLoss() {
        return model.lastLoss();
    }

    byte[] encode() {
        return StateCodec.encode(MAGIC, VERSION, model.stateBytes(), model::writeState);
    }

    /**
     * Makes and restores LSTM experts over one kind of {@link ChangeModel}: the seam where production plugs in
     * the LSTM and tests plug in fakes.
     */
    abstract static class Kind {
        final ForecastSettings settings;

        Kind(ForecastSettings settings) {
            this.settings = settings;
        }

        /** A fresh model for the symbol. */
        abstract ChangeModel newModel(String symbol);

        /** Reads what {@link ChangeModel#writeState} wrote, from {@code state}'s position. */
        abstract ChangeModel readModel(ByteBuffer state);

        /** A fresh expert; a pure function of the configuration and the symbol, so reruns agree. */
        LstmExpert create(String symbol) {
            return new LstmExpert(settings, newModel(symbol));
        }

        /**
         * Restores what {@link LstmExpert#encode()} wrote; a record of the single-input expert (see the class) gives
         * a fresh expert.
         *
         * @throws IllegalArgumentException if the record is not this expert's state
         */
        LstmExpert restore(String symbol, byte[] stored) {
            if (StateCodec.hasMagic(stored, UNFRAMED_MODEL_MAGIC)) {
                return create(symbol);
            }
            StateCodec.Frame f = StateCodec.decode(stored, MAGIC, "LSTM expert");
            if (f.version() == SINGLE_INPUT_VERSION) {
                return create(symbol);
            }
            StateCodec.requireVersion(f, VERSION, "LSTM expert");
            ChangeModel m = readModel(f.payload());
            f.requireConsumed("LSTM expert");
            return new LstmExpert(settings, m);
        }
    }
}
