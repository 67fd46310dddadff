package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.NamedTensor;
import io.tickcast.model.TrainConfig;
import io.tickcast.serde.BreakSignal;
import io.tickcast.stats.ChowConfig;
import io.tickcast.stats.ChowResult;
import io.tickcast.stats.RollingChow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The production components: per-symbol LSTM models and rolling Chow detectors, from the configuration. */
final class LearningComponents implements Components {

    private final LstmConfig lstm;
    private final TrainConfig train;
    private final long seed;
    private final ChowConfig chow;

    private LearningComponents(LstmConfig lstm, TrainConfig train, long seed, ChowConfig chow) {
        this.lstm = lstm;
        this.train = train;
        this.seed = seed;
        this.chow = chow;
    }

    static LearningComponents from(TickcastConfig c) {
        return new LearningComponents(c.lstmConfig(), c.trainConfig(), c.getLong(TickcastConfig.MODEL_SEED), c.chowConfig());
    }

    /** Upper bound of one symbol's model state in bytes (the state of a fresh model: its size never changes). */
    static long modelBytesUpperBound(TickcastConfig config) {
        LearningComponents c = from(config);
        return Math.max(c.newModel("x").toBytes().length, new RollingChow(c.chow).toBytes().length);
    }

    /**
     * A fresh model: weights from a seed that mixes {@code model.seed} with the symbol's name (so
     * symbols differ, runs do not), and a zero head, so that it forecasts no change — persistence —
     * until it has learned something.
     */
    @Override
    public ChangeModel newModel(String symbol) {
        long s = seed ^ (0x9E3779B97F4A7C15L * symbol.hashCode());
        Map<String, NamedTensor> dict = new LinkedHashMap<>(LstmModel.create(lstm, train, s).exportStateDict());
        for (String k : new String[] {"head.weight", "head.bias"}) {
            NamedTensor t = dict.get(k);
            dict.put(k, new NamedTensor(k, t.shape(), new double[t.data().length]));
        }
        return new LstmChangeModel(LstmModel.fromStateDict(lstm, train, dict));
    }

    @Override
    public ChangeModel restoreModel(byte[] bytes) {
        return new LstmChangeModel(LstmModel.fromBytes(bytes));
    }

    @Override
    public BreakDetector newDetector() {
        return new ChowDetector(new RollingChow(chow));
    }

    @Override
    public BreakDetector restoreDetector(byte[] bytes) {
        return new ChowDetector(RollingChow.fromBytes(bytes));
    }

    /** A {@link ChangeModel} over an {@link LstmModel} with one input (the scaled change). */
    static final class LstmChangeModel implements ChangeModel {
        final LstmModel model;

        LstmChangeModel(LstmModel model) {
            this.model = model;
        }

        @Override
        public void predict(double[] window, int timesteps, double[] out) {
            model.predict(window, timesteps, out);
        }

        @Override
        public double train(double[][] windows, double[][] targets, int count, int timesteps) {
            return model.train(count == windows.length ? windows : Arrays.copyOf(windows, count),
                    count == targets.length ? targets : Arrays.copyOf(targets, count), timesteps);
        }

        @Override
        public long updates() {
            return model.updates();
        }

        @Override
        public long skippedSteps() {
            return model.skippedSteps();
        }

        @Override
        public long rollbacks() {
            return model.rollbacks();
        }

        @Override
        public byte[] toBytes() {
            return model.toBytes();
        }
    }

    /** A {@link BreakDetector} over a {@link RollingChow}. */
    static final class ChowDetector implements BreakDetector {
        final RollingChow chow;

        ChowDetector(RollingChow chow) {
            this.chow = chow;
        }

        @Override
        public BreakSignal update(String symbol, long ts, double value) {
            ChowResult r = chow.update(ts, value);
            return new BreakSignal(symbol, ts, r.defined() ? r.breakTs() : null, finite(r.f()), finite(r.fCrit()),
                    finite(r.pValue()), r.alpha(), r.n(), r.k(), r.mode().name().toLowerCase(Locale.ROOT), r.signal());
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }

        @Override
        public byte[] toBytes() {
            return chow.toBytes();
        }
    }
}
