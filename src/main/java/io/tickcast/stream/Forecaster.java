package io.tickcast.stream;

import io.tickcast.serde.Forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-tick forecasting step of one symbol, free of Kafka: score the forecasts whose actual has
 * arrived, update the normalisation, fine-tune the model every {@code train.every} ticks, forecast.
 *
 * <p>Model design. Prices are close to random walks, so the model predicts the change relative to the
 * last value, on changes scaled by their EW root mean square: input x_i = (v_i − v_{i−1}) / s over
 * the last {@code timesteps} changes, target y_h = (v_{t+h} − v_t) / s. Its output m_h (in value units
 * after rescaling) is shrunk towards persistence by w_h = clamp(Σ y·m / Σ m², 0, 1), the least-squares
 * weight of the model's change in the actual change over recent scored forecasts (EW, {@code score.window}).
 * A model that has learned nothing gets w ≈ 0: the forecast is persistence. The head starts at zero, so
 * a fresh model is persistence too.
 *
 * <p>Intervals are online, normalised split-conformal: residuals are stored divided by the scale of
 * the changes s at the time of the forecast, and the half-width is s_now times the ⌈(n+1)·level⌉-th
 * smallest of the last n of them (step h), so the interval follows the current volatility. Until
 * n ≥ 1/(1−level) − 1, a normal interval z·s·√h.
 */
final class Forecaster {

    private final ForecastSettings cfg;
    private final double decay;
    private final double[] window;
    private final double[] modelOut;
    private final double[] sortBuf;
    private double[][] trainX = new double[0][];
    private double[][] trainY = new double[0][];
    private Training lastTraining;
    private double lastModelWeight;

    Forecaster(ForecastSettings cfg) {
        this.cfg = cfg;
        this.decay = 1.0 - 1.0 / cfg.scoreWindow();
        this.window = new double[cfg.timesteps()];
        this.modelOut = new double[cfg.horizon()];
        this.sortBuf = new double[cfg.scoreWindow()];
    }

    /** What one training call did, for metrics. */
    record Training(double loss, long nanos, int windows) {
    }

    /**
     * Processes one accepted tick.
     *
     * @param s      the symbol's state, modified
     * @param model  the symbol's model, possibly trained (modified); null for persistence only
     * @return the forecast made at this tick; {@link #lastTraining()} tells whether the model trained
     */
    Forecast step(String symbol, long ts, double value, SeriesState s, ChangeModel model) {
        int horizon = cfg.horizon();
        lastTraining = null;
        lastModelWeight = 0.0;
        if (s.histCount > 0) {
            score(s, value);
            s.updateNormalisation(value - s.value(0), cfg.halflife());
        }
        s.pushValue(value);
        s.lastTs = ts;
        s.ticks++;

        int t = cfg.timesteps();
        double scale = s.changeScale();
        boolean scaleOk = Double.isFinite(scale) && scale > 0;
        if (model != null && scaleOk && s.ticks % cfg.trainEvery() == 0 && s.histCount >= t + 1 + horizon) {
            long start = System.nanoTime();
            int n = fillTrainingWindows(s, scale);
            double loss = model.train(trainX, trainY, n, t);
            s.lastTrainLoss = loss;
            lastTraining = new Training(loss, System.nanoTime() - start, n);
        }

        boolean warm = model != null && scaleOk && s.ticks >= cfg.trainMin() && s.histCount >= t + 1
                && model.updates() > 0;
        if (warm) {
            for (int i = 0; i < t; i++) {
                window[i] = (s.value(t - 1 - i) - s.value(t - i)) / scale;
            }
            model.predict(window, t, modelOut);
            for (double o : modelOut) {
                warm &= Double.isFinite(o);  // never forward a non-finite forecast: fall back to persistence
            }
        }
        List<Forecast.Step> steps = new ArrayList<>(horizon);
        double[] fc = new double[horizon];
        double[] lo = new double[horizon];
        double[] hi = new double[horizon];
        double[] md = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double delta = 0.0;
            if (warm) {
                md[h] = modelOut[h] * scale;
                double w = cfg.blend() ? blendWeight(s, h) : 1.0;
                delta = w * md[h];
                if (h == 0) {
                    lastModelWeight = w;
                }
            }
            fc[h] = value + delta;
            double half = intervalHalfWidth(s, h, scale);
            lo[h] = fc[h] - half;
            hi[h] = fc[h] + half;
            steps.add(new Forecast.Step(h + 1, fc[h], lo[h], hi[h], value));
        }
        remember(s, value, scale, fc, lo, hi, md, warm);
        return new Forecast(symbol, ts, value, steps, warm ? "lstm" : "persistence", !warm, s.ticks,
                model == null ? 0 : model.updates(), Double.isNaN(s.lastTrainLoss) ? null : s.lastTrainLoss,
                rollingScores(s));
    }

    /** The fine-tuning call of the latest step, or null if it did not train. */
    Training lastTraining() {
        return lastTraining;
    }

    /** The weight of the model's one-step change in the latest forecast (0 when it was persistence). */
    double lastModelWeight() {
        return lastModelWeight;
    }

    /** Scores every pending forecast whose step ends at this tick, then ages the rest. */
    private void score(SeriesState s, double actual) {
        for (int a = 0; a < cfg.horizon(); a++) {
            if (!s.pendValid[a]) {
                continue;
            }
            // Slot a was made a+1 ticks ago, so its step a+1 ends now.
            double f = s.pendForecast[a][a];
            double base = s.pendBase[a];
            double sc = s.pendScale[a];
            if (Double.isFinite(sc) && sc > 0) {
                s.addResidual(a, Math.abs(actual - f) / sc);
            }
            if (s.pendHasModel[a]) {
                double m = s.pendModelDelta[a][a];
                s.blendCross[a] = decay * s.blendCross[a] + (actual - base) * m;
                s.blendSquare[a] = decay * s.blendSquare[a] + m * m;
            }
            if (a == 0) {
                boolean inside = actual >= s.pendLower[a][a] && actual <= s.pendUpper[a][a];
                s.addScore(actual - f, actual - base, inside);
            }
        }
    }

    private static double blendWeight(SeriesState s, int h) {
        double sq = s.blendSquare[h];
        if (!(sq > 0)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, s.blendCross[h] / sq));
    }

    private double intervalHalfWidth(SeriesState s, int h, double scale) {
        if (!Double.isFinite(scale)) {
            return 0.0;
        }
        int n = s.residCount[h];
        double level = cfg.level();
        if (n >= Math.ceil(1.0 / (1.0 - level)) - 1) {
            System.arraycopy(s.residuals[h], 0, sortBuf, 0, n);
            int rank = (int) Math.ceil((n + 1) * level); // 1-based
            return scale * select(sortBuf, n, Math.min(rank, n) - 1);
        }
        return cfg.zLevel() * scale * Math.sqrt(h + 1.0);
    }

    /**
     * The k-th smallest (0-based) of {@code a[0..n)}, by quickselect (Hoare partition, middle pivot):
     * O(n) on average, the same value a full sort would give. Reorders {@code a}.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** Shifts the pending forecasts by one tick and stores this tick's in slot 0. */
    private void remember(SeriesState s, double value, double scale, double[] fc, double[] lo, double[] hi, double[] md,
                          boolean hasModel) {
        for (int a = cfg.horizon() - 1; a > 0; a--) {
            s.pendForecast[a] = s.pendForecast[a - 1];
            s.pendLower[a] = s.pendLower[a - 1];
            s.pendUpper[a] = s.pendUpper[a - 1];
            s.pendModelDelta[a] = s.pendModelDelta[a - 1];
            s.pendBase[a] = s.pendBase[a - 1];
            s.pendScale[a] = s.pendScale[a - 1];
            s.pendValid[a] = s.pendValid[a - 1];
            s.pendHasModel[a] = s.pendHasModel[a - 1];
        }
        s.pendForecast[0] = fc;
        s.pendLower[0] = lo;
        s.pendUpper[0] = hi;
        s.pendModelDelta[0] = md;
        s.pendBase[0] = value;
        s.pendScale[0] = scale;
        s.pendValid[0] = true;
        s.pendHasModel[0] = hasModel;
    }

    /**
     * Cuts the replay buffer from the recent values: the latest {@code train.buffer} windows whose
     * targets are all known, each {@code timesteps} scaled changes and {@code horizon} scaled
     * cumulative changes. Returns how many windows were written.
     */
    private int fillTrainingWindows(SeriesState s, double scale) {
        int t = cfg.timesteps();
        int horizon = cfg.horizon();
        int n = s.histCount;
        // Window ending at value index j (0 = oldest) needs j >= t and j + horizon <= n - 1.
        int last = n - 1 - horizon;
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
                trainX[w][i] = (at(s, idx) - at(s, idx - 1)) / scale;
            }
            for (int h = 0; h < horizon; h++) {
                trainY[w][h] = (at(s, j + h + 1) - at(s, j)) / scale;
            }
        }
        return count;
    }

    /** Value by index from the oldest kept (0) to the newest (histCount - 1). */
    private static double at(SeriesState s, int index) {
        return s.value(s.histCount - 1 - index);
    }

    /** The rolling one-step scores carried in every forecast record. */
    private Forecast.Score rollingScores(SeriesState s) {
        int n = s.scoreCount;
        if (n == 0) {
            return new Forecast.Score(0, null, null, null, null, null, cfg.level());
        }
        double se = 0;
        double ae = 0;
        double sp = 0;
        double ap = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            se += s.errModel[i] * s.errModel[i];
            ae += Math.abs(s.errModel[i]);
            sp += s.errPersistence[i] * s.errPersistence[i];
            ap += Math.abs(s.errPersistence[i]);
            inside += s.covered[i];
        }
        return new Forecast.Score(n, Math.sqrt(se / n), ae / n, Math.sqrt(sp / n), ap / n, (double) inside / n,
                cfg.level());
    }
}
