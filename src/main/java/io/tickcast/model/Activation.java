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

    /** The derivative expressed through the activation's value {@code a = act(x)}. */
    double derivativeFromValue(double a) {
        return this == TANH ? 1.0 - a * a : a * (1.0 - a);
    }
}
