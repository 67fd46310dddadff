package io.tickcast.model;

import java.util.Objects;

/**
 * The architecture of a stacked LSTM with a dense linear head that predicts {@code horizon} steps at
 * once (direct multi-step). Immutable and validated; build with {@link #builder()}.
 */
public final class LstmConfig {
    /** Default hidden size, as in the notebook ({@code LSTM(25, ...)}). */
    public static final int DEFAULT_HIDDEN_SIZE = 25;

    private final int inputSize;
    private final int hiddenSize;
    private final int layers;
    private final int horizon;
    private final boolean peepholes;
    private final Activation activation;

    private LstmConfig(Builder b) {
        this.inputSize = requirePositive("inputSize", b.inputSize);
        this.hiddenSize = requirePositive("hiddenSize", b.hiddenSize);
        this.layers = requirePositive("layers", b.layers);
        this.horizon = requirePositive("horizon", b.horizon);
        this.peepholes = b.peepholes;
        this.activation = Objects.requireNonNull(b.activation, "activation");
    }

    private static int requirePositive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    /** A builder with the defaults: input 1, hidden 25, 1 layer, horizon 1, no peepholes, tanh. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        return new Builder().inputSize(inputSize).hiddenSize(hiddenSize).layers(layers).horizon(horizon)
                .peepholes(peepholes).activation(activation);
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int layers() {
        return layers;
    }

    public int horizon() {
        return horizon;
    }

    public boolean peepholes() {
        return peepholes;
    }

    public Activation activation() {
        return activation;
    }

    /**
     * Number of scalar parameters, as {@link LstmParameters#size()} counts them without allocating:
     * per layer l, {@code 4H·(in_l + H + 2)} (weights and the two biases) plus {@code 3H} with peepholes,
     * then the head's {@code horizon·(H + 1)}.
     */
    public long parameterCount() {
        long h = hiddenSize;
        long n = (long) horizon * (h + 1);
        for (int l = 0; l < layers; l++) {
            n += 4 * h * (layerInputSize(l) + h + 2) + (peepholes ? 3 * h : 0);
        }
        return n;
    }

    /** Width of layer {@code layer}'s input: {@code inputSize} for layer 0, {@code hiddenSize} above. */
    public int layerInputSize(int layer) {
        return layer == 0 ? inputSize : hiddenSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmConfig c && c.inputSize == inputSize && c.hiddenSize == hiddenSize
                && c.layers == layers && c.horizon == horizon && c.peepholes == peepholes
                && c.activation == activation;
    }

    @Override
    public int hashCode() {
        // Without boxing: the models' working memory is looked up by configuration on every call (Scratch).
        int h = inputSize;
        h = 31 * h + hiddenSize;
        h = 31 * h + layers;
        h = 31 * h + horizon;
        h = 31 * h + (peepholes ? 1 : 0);
        return 31 * h + activation.ordinal();
    }

    @Override
    public String toString() {
        return "LstmConfig{input=" + inputSize + ", hidden=" + hiddenSize + ", layers=" + layers
                + ", horizon=" + horizon + ", peepholes=" + peepholes + ", activation=" + activation + '}';
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int inputSize = 1;
        private int hiddenSize = DEFAULT_HIDDEN_SIZE;
        private int layers = 1;
        private int horizon = 1;
        private boolean peepholes;
        private Activation activation = Activation.TANH;

        private Builder() {
        }

        public Builder inputSize(int v) {
            inputSize = v;
            return this;
        }

        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder horizon(int v) {
            horizon = v;
            return this;
        }

        public Builder peepholes(boolean v) {
            peepholes = v;
            return this;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public LstmConfig build() {
            return new LstmConfig(this);
        }
    }
}
