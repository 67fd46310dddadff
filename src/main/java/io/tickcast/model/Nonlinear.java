package io.tickcast.model;

/** The scalar nonlinearities, written once so that forward and impulse response agree bit for bit. */
final class Nonlinear {
    private Nonlinear() {
    }

    /** Logistic sigmoid {@code 1 / (1 + exp(-x))}. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * Hyperbolic tangent. {@link Math#tanh} is not a JIT intrinsic on JDK 17 and costs several times an
     * {@code exp}; {@code tanh(x) = 1 - 2 / (exp(2x) + 1)} has an absolute error below 1e-16, which is
     * all the LSTM needs (its derivative is taken from the value, {@code 1 - a^2}).
     */
    static double tanh(double x) {
        return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }
}
