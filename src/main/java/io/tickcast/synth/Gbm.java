package io.tickcast.synth;

/** The one step of geometric Brownian motion the generators share. */
final class Gbm {

    private Gbm() {
    }

    /**
     * The log-return of one step, {@code log(S_t / S_{t-1}) = μ − σ²/2 + σ·z}: with {@code z ~ N(0, 1)} the
     * price is log-normal and {@code E[S_t / S_{t-1}] = e^μ}.
     *
     * @param mu    mean log-return of the step plus σ²/2 (the drift μ per step)
     * @param sigma standard deviation of the step's log-return
     * @param z     the step's noise (standard normal, or AR(1) noise of unit innovations)
     */
    static double logReturn(double mu, double sigma, double z) {
        return mu - sigma * sigma / 2 + sigma * z;
    }
}
