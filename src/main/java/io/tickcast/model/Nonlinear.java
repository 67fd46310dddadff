package io.tickcast.model;

/** The scalar nonlinearities, written once so that forward and impulse response agree bit for bit. */
final class Nonlinear {
    private Nonlinear() {
    }

    /** Logistic sigmoid {@code 1 / (1 + exp(-x))}. */
    static double sigmoid(double x) {
        return sigmoidFromExp(Exp.exp(sigmoidExpArg(x)));
    }

    /** The argument {@code -x} whose {@link Exp#exp} {@link #sigmoidFromExp} turns into {@code sigmoid(x)}. */
    static double sigmoidExpArg(double x) {
        return -x;
    }

    /** {@code sigmoid(x)} from {@code e = exp(sigmoidExpArg(x))}, bit-identical to {@link #sigmoid}. */
    static double sigmoidFromExp(double e) {
        return 1.0 / (1.0 + e);
    }

    /**
     * Hyperbolic tangent. {@link Math#tanh} is not a JIT intrinsic on JDK 17 and costs several times an
     * {@code exp}; {@code tanh(x) = 1 - 2 / (exp(2x) + 1)} has an absolute error below 1e-16, which is
     * all the LSTM needs (its derivative is taken from the value, {@code 1 - a^2}).
     */
    static double tanh(double x) {
        return tanhFromExp(Exp.exp(tanhExpArg(x)));
    }

    /** The argument {@code 2x} whose {@link Exp#exp} {@link #tanhFromExp} turns into {@code tanh(x)}. */
    static double tanhExpArg(double x) {
        return 2.0 * x;
    }

    /** {@code tanh(x)} from {@code e = exp(tanhExpArg(x))}, bit-identical to {@link #tanh}. */
    static double tanhFromExp(double e) {
        return 1.0 - 2.0 / (e + 1.0);
    }
}
