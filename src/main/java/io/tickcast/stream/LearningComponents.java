package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.forecast.Seasonality;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.NamedTensor;
import io.tickcast.model.TrainConfig;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production components of every symbol, from the configuration: the LSTM expert (if enabled) and the break
 * detector ({@code breaks.mode}: the monitor, or the rolling Chow test).
 */
final class LearningComponents {

    private LearningComponents() {
    }

    static Components from(TickcastConfig c, ForecastSettings settings) {
        LstmKind lstm = c.getBoolean(TickcastConfig.EXPERTS_LSTM)
                ? new LstmKind(settings, c.lstmConfig(), c.trainConfig(), c.getLong(TickcastConfig.MODEL_SEED)) : null;
        BreakDetector.Kind detector = c.getString(TickcastConfig.BREAKS_MODE).equals("chow")
                ? new ChowDetector.Kind(c.chowConfig())
                : new MonitorDetector.Kind(c.monitorConfig(Seasonality.maxPeriod(settings.historyCapacity())));
        return new Components(lstm, detector, c.getBoolean(TickcastConfig.BREAKS_REACT));
    }

    /** Makes and restores LSTM experts of one configuration. */
    static final class LstmKind extends LstmExpert.Kind {

        private final LstmConfig lstm;
        private final TrainConfig train;
        private final long seed;

        LstmKind(ForecastSettings settings, LstmConfig lstm, TrainConfig train, long seed) {
            super(settings);
            this.lstm = lstm;
            this.train = train;
            this.seed = seed;
        }

        /**
         * A fresh model: weights from a seed that mixes {@code model.seed} with the symbol's name (so symbols
         * differ, runs do not), and a zero head, so that it forecasts no change — persistence — until it has
         * learned something.
         */
        @Override
        ChangeModel newModel(String symbol) {
            long s = seed ^ (0x9E3779B97F4A7C15L * symbol.hashCode());
            Map<String, NamedTensor> dict = new LinkedHashMap<>(LstmModel.create(lstm, train, s).exportStateDict());
            for (String k : new String[] {"head.weight", "head.bias"}) {
                NamedTensor t = dict.get(k);
                dict.put(k, new NamedTensor(k, t.shape(), new double[t.data().length]));
            }
            return new LstmChangeModel(LstmModel.fromStateDict(lstm, train, dict));
        }

        /** @throws IllegalArgumentException if the stored model does not take the expert's inputs */
        @Override
        ChangeModel readModel(ByteBuffer state) {
            LstmModel m = LstmModel.readState(state);
            if (m.config().inputSize() != LstmInputs.FEATURES) {
                throw new IllegalArgumentException("stored LSTM takes " + m.config().inputSize() + " inputs per timestep, the expert "
                        + LstmInputs.FEATURES);
            }
            return new LstmChangeModel(m);
        }
    }

    /** A {@link ChangeModel} over an {@link LstmModel} with the expert's inputs ({@link LstmInputs}). */
    static final class LstmChangeModel implements ChangeModel {
        private final LstmModel model;

        LstmChangeModel(LstmModel model) {
            this.model = model;
        }

        /** The model, if it has made a fine-tuning call (an applied, skipped or rolled-back step); else null. */
        LstmModel trained() {
            return model.updates() + model.skippedSteps() + model.rollbacks() > 0 ? model : null;
        }

        @Override
        public void predict(double[] window, int timesteps, double[] out) {
            model.predict(window, timesteps, out);
        }

        @Override
        public double train(double[][] windows, double[][] targets, int count, int timesteps) {
            return model.train(windows, targets, count, timesteps);
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
        public double lastLoss() {
            return model.lastLoss();
        }

        @Override
        public int stateBytes() {
            return model.stateBytes();
        }

        @Override
        public void writeState(ByteBuffer out) {
            model.writeState(out);
        }
    }
}
