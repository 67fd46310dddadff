package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The LSTM expert: a {@link ChangeModel} that forecasts the next {@code horizon} changes from the last
 * {@code timesteps} changes, all scaled by the changes' current scale s: input x_i = (v_i − v_{i−1}) / s,
 * target y_h = (v_{t+h} − v_t) / s. Every {@code train.every} ticks it fine-tunes on its replay buffer, the
 * latest {@code train.buffer} windows whose targets are known, cut from the recent values. It forecasts once
 * the symbol has {@code train.min} ticks and the model has trained.
 *
 * <p>Record (store {@code tickcast-models}, magic "TCLS", version 1): the model's state
 * ({@link ChangeModel#writeState}). Written after each fine-tuning call.
 */
final class LstmExpert {

    static final int MAGIC = 0x54434C53; // "TCLS"
    static final short VERSION = 1;

    private final ForecastSettings cfg;
    private final ChangeModel model;
    private final double[] window;
    private final double[] out;
    private double[][] trainX = new double[0][];
    private double[][] trainY = new double[0][];

    LstmExpert(ForecastSettings cfg, ChangeModel model) {
        this.cfg = cfg;
        this.model = model;
        this.window = new double[cfg.timesteps()];
        this.out = new double[cfg.horizon()];
    }

    ChangeModel model() {
        return model;
    }

    String name() {
        return "lstm";
    }

    /**
     * Learns from the values, which end with the tick just accepted: every {@code train.every} ticks, one
     * fine-tuning call on the replay buffer.
     *
     * @param scale the changes' current scale (NaN or 0 while unknown)
     * @return what the fine-tuning call did, or null if it did not train
     */
    StepResult.Training learn(RecentValues values, double scale) {
        int t = cfg.timesteps();
        if (!usable(scale) || values.ticks() % cfg.trainEvery() != 0 || values.count() < t + 1 + cfg.horizon()) {
            return null;
        }
        long start = System.nanoTime();
        long skipped = model.skippedSteps();
        long rollbacks = model.rollbacks();
        int n = fillTrainingWindows(values, scale);
        double loss = model.train(trainX, trainY, n, t);
        return new StepResult.Training(loss, System.nanoTime() - start, model.skippedSteps() - skipped,
                model.rollbacks() - rollbacks);
    }

    /**
     * Writes {@code change[h]}, the forecast of {@code v[t+h+1] − v[t]} for the latest value {@code v[t]}.
     *
     * @return false if it has no forecast now (warming up, or its output is not finite)
     */
    boolean forecast(RecentValues values, double scale, double[] change) {
        int t = cfg.timesteps();
        if (!usable(scale) || values.ticks() < cfg.trainMin() || values.count() < t + 1 || model.updates() <= 0) {
            return false;
        }
        for (int i = 0; i < t; i++) {
            window[i] = (values.back(t - 1 - i) - values.back(t - i)) / scale;
        }
        model.predict(window, t, out);
        for (double o : out) {
            if (!Double.isFinite(o)) {
                return false; // never forward a non-finite forecast: persistence instead
            }
        }
        for (int h = 0; h < out.length; h++) {
            change[h] = out[h] * scale;
        }
        return true;
    }

    private static boolean usable(double scale) {
        return Double.isFinite(scale) && scale > 0;
    }

    /**
     * Cuts the replay buffer from the recent values: the latest {@code train.buffer} windows whose targets are
     * all known, each {@code timesteps} scaled changes and {@code horizon} scaled cumulative changes. Returns
     * how many windows were written.
     */
    private int fillTrainingWindows(RecentValues values, double scale) {
        int t = cfg.timesteps();
        int horizon = cfg.horizon();
        // The window ending at value index j (0 = oldest kept) needs j >= t and j + horizon <= count - 1.
        int last = values.count() - 1 - horizon;
        int first = Math.max(t, last - cfg.trainBuffer() + 1);
        int count = last - first + 1;
        if (trainX.length < count) {
            trainX = new double[count][t];
            trainY = new double[count][horizon];
        }
        for (int w = 0; w < count; w++) {
            int j = first + w;
            for (int i = 0; i < t; i++) {
                int idx = j - t + 1 + i;
                trainX[w][i] = (values.at(idx) - values.at(idx - 1)) / scale;
            }
            for (int h = 0; h < horizon; h++) {
                trainY[w][h] = (values.at(j + h + 1) - values.at(j)) / scale;
            }
        }
        return count;
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
         * Restores what {@link LstmExpert#encode()} wrote.
         *
         * @throws IllegalArgumentException if the record is not this expert's state
         */
        LstmExpert restore(byte[] stored) {
            StateCodec.Frame f = StateCodec.decode(stored, MAGIC, "LSTM expert");
            StateCodec.requireVersion(f, VERSION, "LSTM expert");
            ChangeModel m = readModel(f.payload());
            f.requireConsumed("LSTM expert");
            return new LstmExpert(settings, m);
        }
    }
}
