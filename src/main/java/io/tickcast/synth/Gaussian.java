package io.tickcast.synth;

import java.util.SplittableRandom;

/** The one source of standard normal draws of the generators. */
public final class Gaussian {

    private Gaussian() {
    }

    /**
     * A standard normal draw by the polar Box–Muller method (Marsaglia 1964): {@code u, v} uniform on
     * (-1, 1) until {@code 0 < q = u² + v² < 1}, then {@code u·sqrt(-2 ln q / q)}. Our own, so the output
     * never depends on the JDK's {@code nextGaussian}; consumes two or more doubles of {@code rnd}
     * (modified).
     */
    public static double next(SplittableRandom rnd) {
        double u;
        double v;
        double q;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        return u * Math.sqrt(-2 * Math.log(q) / q);
    }
}
