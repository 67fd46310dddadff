package io.tickcast.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Everything about one symbol's series that changes every tick, except the Chow detector: the
 * recent values (from which the replay buffer of training windows is cut), the running
 * normalisation, the forecasts awaiting their actual values, and the rolling scores. Stored as one
 * value per symbol in the {@code tickcast-series} store; the model (which changes only when it
 * trains) lives in its own store.
 *
 * <p>Normalisation: an exponentially weighted mean and variance of the tick-to-tick changes
 * (West 1979 / Welford-style EW update), half-life {@code norm.halflife} ticks.
 *
 * <p>Not thread-safe; one instance is owned by one stream task at a time.
 */
final class SeriesState {

    private static final int MAGIC = 0x54435331; // "TCS1"
    private static final byte VERSION = 1;

    final int horizon;
    final int historyCapacity;
    final int scoreWindow;

    long lastTs = Long.MIN_VALUE;
    long ticks;

    /** Ring of the last {@code historyCapacity} values; {@code histCount} of them valid. */
    final double[] history;
    int histHead; // index of the next write
    int histCount;

    /** EW statistics of the value changes. */
    double ewMean;
    double ewVar;
    long ewCount;

    /**
     * Forecasts of the last {@code horizon} ticks awaiting actuals: slot {@code a} (0 = made at the
     * previous tick) holds, per step h, the final forecast, its interval, the made-at value and the
     * model's own change forecast. Valid when {@code pendingValid[a]}.
     */
    final double[][] pendForecast;
    final double[][] pendLower;
    final double[][] pendUpper;
    final double[][] pendModelDelta;
    final double[] pendBase;
    /** The scale of the changes when the pending forecast was made (its residual is stored divided by it). */
    final double[] pendScale;
    final boolean[] pendValid;
    final boolean[] pendHasModel;

    /** Rolling one-step scores: rings of length {@code scoreWindow}. */
    final double[] errModel;
    final double[] errPersistence;
    final byte[] covered;
    int scoreHead;
    int scoreCount;

    /**
     * Per step h: ring of absolute residuals of the final forecast divided by the scale of the changes
     * at the time it was made, for the (normalised) conformal intervals.
     */
    final double[][] residuals;
    final int[] residHead;
    final int[] residCount;

    /** Per step h: EW sums behind the shrinkage weight w = sum(actual*model)/sum(model^2). */
    final double[] blendCross;
    final double[] blendSquare;

    double lastTrainLoss = Double.NaN;

    /** The latest Chow statistic, its critical value and p-value (NaN while undefined) and the estimated break. */
    double chowF = Double.NaN;
    double chowCrit = Double.NaN;
    double chowP = Double.NaN;
    long chowBreakTs = Long.MIN_VALUE;

    SeriesState(int horizon, int historyCapacity, int scoreWindow) {
        this.horizon = horizon;
        this.historyCapacity = historyCapacity;
        this.scoreWindow = scoreWindow;
        this.history = new double[historyCapacity];
        this.pendForecast = new double[horizon][horizon];
        this.pendLower = new double[horizon][horizon];
        this.pendUpper = new double[horizon][horizon];
        this.pendModelDelta = new double[horizon][horizon];
        this.pendBase = new double[horizon];
        this.pendScale = new double[horizon];
        this.pendValid = new boolean[horizon];
        this.pendHasModel = new boolean[horizon];
        this.errModel = new double[scoreWindow];
        this.errPersistence = new double[scoreWindow];
        this.covered = new byte[scoreWindow];
        this.residuals = new double[horizon][scoreWindow];
        this.residHead = new int[horizon];
        this.residCount = new int[horizon];
        this.blendCross = new double[horizon];
        this.blendSquare = new double[horizon];
    }

    /** The value {@code back} ticks before the latest (0 = latest). Requires {@code back < histCount}. */
    double value(int back) {
        int i = histHead - 1 - back;
        if (i < 0) {
            i += historyCapacity;
        }
        return history[i];
    }

    void pushValue(double v) {
        history[histHead] = v;
        histHead = (histHead + 1) % historyCapacity;
        if (histCount < historyCapacity) {
            histCount++;
        }
    }

    /**
     * EW update of mean and variance of the changes, weight alpha = 1 - 2^(-1/halflife):
     * diff = x - mean; mean += alpha*diff; var = (1-alpha)*(var + alpha*diff^2).
     * The first {@code 1/alpha} observations use the plain running mean (alpha = 1/n) so the early
     * estimates are not biased towards zero.
     */
    void updateNormalisation(double change, int halflife) {
        ewCount++;
        double alpha = Math.max(1.0 - Math.pow(2.0, -1.0 / halflife), 1.0 / ewCount);
        double diff = change - ewMean;
        ewMean += alpha * diff;
        ewVar = (1.0 - alpha) * (ewVar + alpha * diff * diff);
    }

    /** The scale of the changes: EW root mean square (not centred), or NaN before two changes. */
    double changeScale() {
        if (ewCount < 2) {
            return Double.NaN;
        }
        return Math.sqrt(ewVar + ewMean * ewMean);
    }

    void addScore(double modelError, double persistenceError, boolean inside) {
        errModel[scoreHead] = modelError;
        errPersistence[scoreHead] = persistenceError;
        covered[scoreHead] = (byte) (inside ? 1 : 0);
        scoreHead = (scoreHead + 1) % scoreWindow;
        if (scoreCount < scoreWindow) {
            scoreCount++;
        }
    }

    void addResidual(int step, double absResidual) {
        residuals[step][residHead[step]] = absResidual;
        residHead[step] = (residHead[step] + 1) % scoreWindow;
        if (residCount[step] < scoreWindow) {
            residCount[step]++;
        }
    }

    byte[] toBytes() {
        int size = 4 + 1 + 3 * 4 + 8 + 8 + 4 * 2 + historyCapacity * 8 + 8 * 2 + 8
                + horizon * (4 * horizon * 8 + 8 + 8 + 2)
                + 4 * 2 + scoreWindow * (8 + 8 + 1)
                + horizon * (scoreWindow * 8 + 4 * 2 + 8 * 2) + 8 + 4 * 8;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).put(VERSION).putInt(horizon).putInt(historyCapacity).putInt(scoreWindow);
        b.putLong(lastTs).putLong(ticks).putInt(histHead).putInt(histCount);
        for (double v : history) {
            b.putDouble(v);
        }
        b.putDouble(ewMean).putDouble(ewVar).putLong(ewCount);
        for (int a = 0; a < horizon; a++) {
            putAll(b, pendForecast[a]);
            putAll(b, pendLower[a]);
            putAll(b, pendUpper[a]);
            putAll(b, pendModelDelta[a]);
            b.putDouble(pendBase[a]).putDouble(pendScale[a]).put((byte) (pendValid[a] ? 1 : 0)).put((byte) (pendHasModel[a] ? 1 : 0));
        }
        b.putInt(scoreHead).putInt(scoreCount);
        putAll(b, errModel);
        putAll(b, errPersistence);
        b.put(covered);
        for (int h = 0; h < horizon; h++) {
            putAll(b, residuals[h]);
            b.putInt(residHead[h]).putInt(residCount[h]).putDouble(blendCross[h]).putDouble(blendSquare[h]);
        }
        b.putDouble(lastTrainLoss);
        b.putDouble(chowF).putDouble(chowCrit).putDouble(chowP).putLong(chowBreakTs);
        return b.array();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a series state of this version or
     *                                  their dimensions differ from the configured ones
     */
    static SeriesState fromBytes(byte[] bytes, int horizon, int historyCapacity, int scoreWindow) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != MAGIC || b.get() != VERSION) {
                throw new IllegalArgumentException("not a tickcast series state (bad magic or version)");
            }
            int h = b.getInt();
            int cap = b.getInt();
            int sw = b.getInt();
            if (h != horizon || cap != historyCapacity || sw != scoreWindow) {
                throw new IllegalArgumentException("stored series state has horizon " + h + ", history " + cap
                        + ", score window " + sw + "; configured " + horizon + ", " + historyCapacity + ", "
                        + scoreWindow + " (use a new application.id after changing model.horizon, "
                        + "model.timesteps, train.buffer or score.window)");
            }
            SeriesState s = new SeriesState(h, cap, sw);
            s.lastTs = b.getLong();
            s.ticks = b.getLong();
            s.histHead = b.getInt();
            s.histCount = b.getInt();
            getAll(b, s.history);
            s.ewMean = b.getDouble();
            s.ewVar = b.getDouble();
            s.ewCount = b.getLong();
            for (int a = 0; a < h; a++) {
                getAll(b, s.pendForecast[a]);
                getAll(b, s.pendLower[a]);
                getAll(b, s.pendUpper[a]);
                getAll(b, s.pendModelDelta[a]);
                s.pendBase[a] = b.getDouble();
                s.pendScale[a] = b.getDouble();
                s.pendValid[a] = b.get() != 0;
                s.pendHasModel[a] = b.get() != 0;
            }
            s.scoreHead = b.getInt();
            s.scoreCount = b.getInt();
            getAll(b, s.errModel);
            getAll(b, s.errPersistence);
            b.get(s.covered);
            for (int k = 0; k < h; k++) {
                getAll(b, s.residuals[k]);
                s.residHead[k] = b.getInt();
                s.residCount[k] = b.getInt();
                s.blendCross[k] = b.getDouble();
                s.blendSquare[k] = b.getDouble();
            }
            s.lastTrainLoss = b.getDouble();
            s.chowF = b.getDouble();
            s.chowCrit = b.getDouble();
            s.chowP = b.getDouble();
            s.chowBreakTs = b.getLong();
            return s;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated series state (" + bytes.length + " bytes)", e);
        }
    }

    private static void putAll(ByteBuffer b, double[] a) {
        for (double v : a) {
            b.putDouble(v);
        }
    }

    private static void getAll(ByteBuffer b, double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b.getDouble();
        }
    }

    @Override
    public String toString() {
        return "SeriesState{ticks=" + ticks + ", lastTs=" + lastTs + ", history=" + histCount + ", scale="
                + changeScale() + ", scored=" + scoreCount + ", pending=" + Arrays.toString(pendValid) + "}";
    }
}
