package io.tickcast.model;

import java.util.Objects;

/**
 * How an {@link LstmModel} is fine-tuned: optimiser and its hyper-parameters, epochs per call, mini-batch
 * size, truncation of back-propagation through time and gradient clipping. Immutable and validated; build
 * with {@link #builder()}. Defaults follow Keras's {@code RMSprop()}.
 */
public final class TrainConfig {

    /** The update rule; see {@link Optimizer}. */
    public enum OptimizerKind { RMSPROP, ADAM }

    /** Default mini-batch size (tickcast's {@code train.batch}). */
    public static final int DEFAULT_BATCH_SIZE = 16;
    /** Default global-norm clip (tickcast's {@code train.clip}); 0 disables clipping. */
    public static final double DEFAULT_CLIP_NORM = 1.0;

    private final OptimizerKind optimizer;
    private final double learningRate;
    private final double rho;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final int epochs;
    private final int batchSize;
    private final int bpttSteps;
    private final double clipNorm;

    private TrainConfig(Builder b) {
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.learningRate = positive("learningRate", b.learningRate);
        this.rho = unitOpen("rho", b.rho);
        this.beta1 = unitOpen("beta1", b.beta1);
        this.beta2 = unitOpen("beta2", b.beta2);
        this.eps = positive("eps", b.eps);
        if (b.epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + b.epochs);
        }
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + b.batchSize);
        }
        if (b.bpttSteps < 0) {
            throw new IllegalArgumentException("bpttSteps must be >= 0 (0 = full), got " + b.bpttSteps);
        }
        if (!(b.clipNorm >= 0) || Double.isInfinite(b.clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be finite and >= 0 (0 = none), got " + b.clipNorm);
        }
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.bpttSteps = b.bpttSteps;
        this.clipNorm = b.clipNorm;
    }

    private static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    private static double unitOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /**
     * Defaults: RMSprop, learning rate 1e-3, rho 0.9, beta1 0.9, beta2 0.999, eps 1e-7 (Keras), 1 epoch,
     * batch {@value #DEFAULT_BATCH_SIZE}, full BPTT, clipping at {@value #DEFAULT_CLIP_NORM}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        return new Builder().optimizer(optimizer).learningRate(learningRate).rho(rho).beta1(beta1)
                .beta2(beta2).eps(eps).epochs(epochs).batchSize(batchSize).bpttSteps(bpttSteps)
                .clipNorm(clipNorm);
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    public double learningRate() {
        return learningRate;
    }

    /** RMSprop's decay of the squared-gradient average. */
    public double rho() {
        return rho;
    }

    /** Adam's decay of the first moment. */
    public double beta1() {
        return beta1;
    }

    /** Adam's decay of the second moment. */
    public double beta2() {
        return beta2;
    }

    /** Added to the square root of the second moment (outside the root). */
    public double eps() {
        return eps;
    }

    /** Passes over the samples per {@link LstmModel#train} call. */
    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Truncation length of back-propagation through time in timesteps; 0 means the whole window. */
    public int bpttSteps() {
        return bpttSteps;
    }

    /** Maximum global L2 norm of the gradient; 0 means no clipping. */
    public double clipNorm() {
        return clipNorm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig t && t.optimizer == optimizer
                && Double.compare(t.learningRate, learningRate) == 0 && Double.compare(t.rho, rho) == 0
                && Double.compare(t.beta1, beta1) == 0 && Double.compare(t.beta2, beta2) == 0
                && Double.compare(t.eps, eps) == 0 && t.epochs == epochs && t.batchSize == batchSize
                && t.bpttSteps == bpttSteps && Double.compare(t.clipNorm, clipNorm) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizer, learningRate, rho, beta1, beta2, eps, epochs, batchSize, bpttSteps,
                clipNorm);
    }

    @Override
    public String toString() {
        return "TrainConfig{" + optimizer + ", lr=" + learningRate + ", rho=" + rho + ", beta1=" + beta1
                + ", beta2=" + beta2 + ", eps=" + eps + ", epochs=" + epochs + ", batch=" + batchSize
                + ", bptt=" + bpttSteps + ", clipNorm=" + clipNorm + '}';
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private OptimizerKind optimizer = OptimizerKind.RMSPROP;
        private double learningRate = 1e-3;
        private double rho = 0.9;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-7;
        private int epochs = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int bpttSteps;
        private double clipNorm = DEFAULT_CLIP_NORM;

        private Builder() {
        }

        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder rho(double v) {
            rho = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder bpttSteps(int v) {
            bpttSteps = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(this);
        }
    }
}
