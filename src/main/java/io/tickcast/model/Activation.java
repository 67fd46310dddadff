package io.tickcast.model;

/**
 * The activation of an LSTM's candidate {@code g} and of its output {@code h = o * act(c)}.
 * The gates i, f, o always use the logistic sigmoid. {@link #SIGMOID} reproduces Keras's
 * {@code LSTM(..., activation='sigmoid')}, which replaces both.
 */
public enum Activation {
    /** {@code tanh(x)}; derivative {@code 1 - tanh(x)^2}. The default, as in PyTorch and Keras. */
    TANH,
    /** {@code 1 / (1 + exp(-x))}; derivative {@code s(1 - s)}. */
    SIGMOID;

    /** Applies the activation to {@code x}. */
    double apply(double x) {
        return this == TANH ? Nonlinear.tanh(x) : Nonlinear.sigmoid(x);
    }

    /** The argument whose {@link Exp#exp} {@link #fromExp} turns into {@code apply(x)}. */
    double expArg(double x) {
        return this == TANH ? Nonlinear.tanhExpArg(x) : Nonlinear.sigmoidExpArg(x);
    }

    /** {@code apply(x)} from {@code e = Exp.exp(expArg(x))}, bit-identical to {@link #apply}. */
    double fromExp(double e) {
        return this == TANH ? Nonlinear.tanhFromExp(e) : Nonlinear.sigmoidFromExp(e);
    }

    /** The derivative expressed through the activation's value {@code a = apply(x)}. */
    double derivativeFromValue(double a) {
        return this == TANH ? 1.0 - a * a : a * (1.0 - a);
    }
}
