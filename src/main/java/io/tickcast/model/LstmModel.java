package io.tickcast.model;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Everything one symbol's forecaster needs to predict and to continue training: configuration, weights,
 * optimiser state and counters. Not thread-safe; one instance per symbol, used by one thread at a time.
 *
 * <p>Training minimises the mean squared error {@code (1 / (B * horizon)) * sum (y - target)^2} over each
 * mini-batch of B windows, in sample order (no shuffling), with truncated back-propagation through time
 * ({@link TrainConfig#bpttSteps()}), optional clipping of the gradient's global L2 norm to
 * {@link TrainConfig#clipNorm()} ({@code g * clip / max(norm, clip)}, as {@code tf.clip_by_global_norm}),
 * then one {@link Optimizer} step.
 *
 * <p>Numerical safety: a batch whose loss or gradient norm is not finite is skipped ({@link #skippedSteps()});
 * a step that would leave any weight non-finite is undone, weights and optimiser state alike
 * ({@link #rollbacks()}). Weights are therefore always finite.
 *
 * <p>Every window, in training and in {@link #predict}, starts from zero state (h, c).
 */
public final class LstmModel {
    private final LstmConfig config;
    private final TrainConfig train;
    private final long seed;
    /** The weights; the gradient, the network's buffers and the backups are the thread's {@link Scratch}. */
    private final LstmParameters params;
    private final Optimizer optimizer;
    private long updates;
    private long skipped;
    private long rollbacks;
    private double lastLoss = Double.NaN;

    private LstmModel(LstmConfig config, TrainConfig train, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.train = Objects.requireNonNull(train, "train");
        this.seed = seed;
        this.params = new LstmParameters(config);
        this.optimizer = Optimizer.create(train, config);
    }

    /**
     * A new model with weights drawn from {@code uniform(-1/sqrt(H), 1/sqrt(H))} by a
     * {@link SplittableRandom} seeded with {@code seed}: the same seed gives bit-identical weights.
     */
    public static LstmModel create(LstmConfig config, TrainConfig train, long seed) {
        LstmModel m = new LstmModel(config, train, seed);
        m.params.initUniform(new SplittableRandom(seed));
        return m;
    }

    /**
     * A new model with the given weights in PyTorch state_dict layout (see {@link LstmParameters#export()}).
     *
     * @throws IllegalArgumentException naming the key and expected shape of a missing or misshapen entry
     */
    public static LstmModel fromStateDict(LstmConfig config, TrainConfig train, Map<String, NamedTensor> stateDict) {
        LstmModel m = new LstmModel(config, train, 0L);
        m.params.importFrom(stateDict);
        return m;
    }

    public LstmConfig config() {
        return config;
    }

    public TrainConfig trainConfig() {
        return train;
    }

    /** The weights as an ordered PyTorch state_dict ({@code lstm.weight_ih_l0, ..., head.weight, head.bias}); copies. */
    public Map<String, NamedTensor> exportStateDict() {
        return params.export();
    }

    /**
     * Forecast for one window. Allocation-free once a window of this length has been seen.
     *
     * @param window    {@code timesteps * inputSize} values, row-major by time (not modified)
     * @param timesteps number of timesteps, at least 1
     * @param out       receives the {@code horizon} outputs (modified)
     */
    public void predict(double[] window, int timesteps, double[] out) {
        if (out.length < config.horizon()) {
            throw new IllegalArgumentException("out has length " + out.length + ", need horizon " + config.horizon());
        }
        double[] y = network().forwardCached(window, timesteps, null, null);
        System.arraycopy(y, 0, out, 0, y.length);
    }

    /**
     * One fine-tuning call: {@link TrainConfig#epochs()} passes over the samples in order, in mini-batches
     * of {@link TrainConfig#batchSize()}, one optimiser step per batch. Work is bounded by
     * {@code windows.length * epochs} forward/backward passes.
     *
     * @param windows   each {@code timesteps * inputSize} values (not modified)
     * @param targets   each {@code horizon} values (not modified)
     * @param timesteps timesteps per window
     * @return mean loss (measured before each step) over the applied batches of the last epoch, NaN if none was applied
     */
    public double train(double[][] windows, double[][] targets, int timesteps) {
        if (windows.length != targets.length) {
            throw new IllegalArgumentException(windows.length + " windows but " + targets.length + " targets");
        }
        return train(windows, targets, windows.length, timesteps);
    }

    /**
     * As {@link #train(double[][], double[][], int)} on the first {@code count} windows and targets (a caller's
     * reused buffers, without copying them).
     */
    public double train(double[][] windows, double[][] targets, int count, int timesteps) {
        if (count < 0 || count > windows.length || count > targets.length) {
            throw new IllegalArgumentException("count " + count + " of " + windows.length + " windows and "
                    + targets.length + " targets");
        }
        for (int s = 0; s < count; s++) {
            double[] t = targets[s];
            if (t.length != config.horizon()) {
                throw new IllegalArgumentException("target has " + t.length + " values, need horizon " + config.horizon());
            }
        }
        double epochLoss = Double.NaN;
        for (int e = 0; e < train.epochs(); e++) {
            double sum = 0;
            int applied = 0;
            for (int from = 0; from < count; from += train.batchSize()) {
                int to = Math.min(count, from + train.batchSize());
                double loss = lossAndGradient(windows, targets, timesteps, from, to);
                if (applyStep(loss)) {
                    sum += loss * (to - from);
                    applied += to - from;
                }
            }
            epochLoss = applied == 0 ? Double.NaN : sum / applied;
        }
        lastLoss = epochLoss;
        return epochLoss;
    }

    /**
     * Sets the scratch gradient ({@link #gradientStateDict}) to the gradient of the mean squared error over samples
     * {@code [from, to)} and returns that loss.
     */
    double lossAndGradient(double[][] windows, double[][] targets, int timesteps, int from, int to) {
        Scratch scratch = Scratch.of(config);
        LstmParameters grads = scratch.grads;
        LstmNetwork net = scratch.network(params);
        grads.zero();
        int horizon = config.horizon();
        int n = to - from;
        double scale = 1.0 / (n * (double) horizon);
        double loss = 0;
        // The batch's windows go through the network together (the mini-batch kernels, LstmNetwork#forwardBatch),
        // at most windowsPerPass at a time so that the stored activations stay bounded (a batch may be large): the
        // weights are constant within a batch, every window starts from zero state, and each window's arithmetic,
        // the loss's sum and every gradient element's sum are those of one window at a time, in window order.
        int perPass = net.windowsPerPass(timesteps);
        double[][] dOut = scratch.dOuts(Math.min(n, perPass));
        for (int start = from; start < to; start += perPass) {
            int end = Math.min(to, start + perPass);
            double[][] ys = net.forwardBatch(windows, start, end, timesteps);
            for (int b = 0; b < end - start; b++) {
                double[] y = ys[b];
                double[] target = targets[start + b];
                double[] d = dOut[b];
                for (int r = 0; r < horizon; r++) {
                    double err = y[r] - target[r];
                    loss += err * err;
                    d[r] = 2.0 * err * scale;
                }
            }
            net.backwardBatch(dOut, end - start, train.bpttSteps(), grads);
        }
        return loss * scale;
    }

    /** Clips and applies the gradient of the latest {@link #lossAndGradient}; returns whether the step was applied. */
    private boolean applyStep(double loss) {
        Scratch scratch = Scratch.of(config);
        LstmParameters grads = scratch.grads;
        LstmParameters lastGood = scratch.backup;
        double sq = grads.sumOfSquares();
        if (!Double.isFinite(loss) || !Double.isFinite(sq)) {
            skipped++;
            return false;
        }
        double clip = train.clipNorm();
        double norm = Math.sqrt(sq);
        // The clip factor is applied by the step's pass, as the gradient is read (the product is the one that
        // scaling the gradient in a pass of its own stored); the scratch gradient itself stays unscaled.
        double factor = clip > 0 && norm > clip ? clip / norm : 1.0;
        // Backup of the weights, optimiser snapshot, clipping, step and finite check in one pass (and the check).
        if (!optimizer.guardedStep(params, grads, lastGood, factor)) {
            params.copyFrom(lastGood);
            optimizer.restore();
            rollbacks++;
            return false;
        }
        updates++;
        return true;
    }

    /** The gradient of the last {@link #lossAndGradient} call in state_dict layout (for tests). */
    Map<String, NamedTensor> gradientStateDict() {
        return Scratch.of(config).grads.export();
    }

    /** The thread's network, reading this model's weights. */
    LstmNetwork network() {
        return Scratch.of(config).network(params);
    }

    LstmParameters parameters() {
        return params;
    }

    /** The optimiser and its state (for tests). */
    Optimizer optimizer() {
        return optimizer;
    }

    /** Number of optimiser steps applied. */
    public long updates() {
        return updates;
    }

    /** Number of batches skipped because their loss or gradient was not finite. */
    public long skippedSteps() {
        return skipped;
    }

    /** Number of steps undone because they made a weight non-finite. */
    public long rollbacks() {
        return rollbacks;
    }

    /** The value returned by the last {@link #train} call, NaN before the first. */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * The response of this model to a unit impulse over {@code steps} steps (see {@link ImpulseResponse}).
     * Does not change the model.
     */
    public ImpulseResponse impulseResponse(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int hs = config.hiddenSize();
        int state = config.layers() * hs;
        double[] h = new double[state];
        double[] c = new double[state];
        double[] x = new double[config.inputSize()];
        double[] g = new double[4 * hs];
        double[] input = new double[steps];
        double[][] ig = new double[steps][hs];
        double[][] fg = new double[steps][hs];
        double[][] og = new double[steps][hs];
        double[][] cs = new double[steps][hs];
        double[][] hid = new double[steps][hs];
        double[][] y = new double[steps][config.horizon()];
        LstmNetwork net = network();
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(x, t == 0 ? 1.0 : 0.0);
            input[t] = x[0];
            net.step(x, h, c, g, y[t]);
            System.arraycopy(g, 0, ig[t], 0, hs);
            System.arraycopy(g, hs, fg[t], 0, hs);
            System.arraycopy(g, 3 * hs, og[t], 0, hs);
            System.arraycopy(c, 0, cs[t], 0, hs);
            System.arraycopy(h, 0, hid[t], 0, hs);
        }
        return new ImpulseResponse(input, ig, fg, og, cs, hid, y);
    }

    /** Bytes that {@link #writeState} writes (the state's size never changes). */
    public int stateBytes() {
        return ModelFormat.stateBytes(this);
    }

    /** Writes the whole state (see {@link ModelFormat}) at {@code out}'s position, which advances by {@link #stateBytes()}. */
    public void writeState(ByteBuffer out) {
        ModelFormat.writeState(out, this);
    }

    /**
     * Restores a model written by {@link #writeState}, reading from {@code in}'s position.
     *
     * @throws IllegalArgumentException on an unknown code or truncation
     */
    public static LstmModel readState(ByteBuffer in) {
        return ModelFormat.readState(in);
    }

    /** The state as an array: what {@link #writeState} writes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[stateBytes()];
        writeState(ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * Restores a model from {@link #toBytes()}.
     *
     * @throws IllegalArgumentException on an unknown code, truncation or trailing bytes
     */
    public static LstmModel fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        LstmModel m = readState(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("model state has " + in.remaining() + " unexpected trailing bytes");
        }
        return m;
    }

    /**
     * Restores a model from binary format version 1 (magic "TCLM", version, state, CRC-32), which tickcast's
     * model store held before its records were framed by the store.
     *
     * @throws IllegalArgumentException on a bad magic number, an unsupported version, truncation or corruption
     */
    public static LstmModel fromVersion1(byte[] bytes) {
        return ModelFormat.readVersion1(bytes);
    }

    /** Size in bytes of what {@link #writeBody} writes. */
    int bodySize() {
        return 5 * 8 + 8 * params.size() * (1 + optimizer.moments()) + 8;
    }

    void writeBody(ByteBuffer out) {
        out.putLong(seed);
        out.putLong(updates);
        out.putLong(skipped);
        out.putLong(rollbacks);
        out.putDouble(lastLoss);
        ModelFormat.writeParameters(out, params);
        optimizer.write(out);
    }

    static LstmModel readBody(LstmConfig config, TrainConfig train, ByteBuffer in) {
        LstmModel m = new LstmModel(config, train, in.getLong());
        m.updates = in.getLong();
        m.skipped = in.getLong();
        m.rollbacks = in.getLong();
        m.lastLoss = in.getDouble();
        ModelFormat.readParameters(in, m.params);
        m.optimizer.read(in);
        return m;
    }
}
