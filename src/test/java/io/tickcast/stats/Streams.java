package io.tickcast.stats;

import java.util.Random;

/** Seeded synthetic series for the tests. */
final class Streams {

    private Streams() {
    }

    /**
     * Price-like stream in [1000, 8000]: a geometric random walk (0.1% per tick) with a level jump
     * of up to +-3% every ~400 ticks and volatility regimes, quantised to cents.
     */
    static double[] prices(long seed, int len) {
        Random rnd = new Random(seed);
        double[] v = new double[len];
        double p = 1000 + 7000 * rnd.nextDouble();
        double vol = 0.001;
        for (int i = 0; i < len; i++) {
            if (rnd.nextInt(400) == 0) {
                p *= 1 + 0.03 * (2 * rnd.nextDouble() - 1);
            }
            if (rnd.nextInt(1000) == 0) {
                vol = 0.0002 + 0.002 * rnd.nextDouble();
            }
            p *= Math.exp(vol * rnd.nextGaussian());
            if (p < 1000 || p > 8000) {
                p = Math.min(8000, Math.max(1000, p));
            }
            v[i] = Math.round(p * 100) / 100.0;
        }
        return v;
    }

    /** AR(1) around {@code level}: v[t] - level = phi (v[t-1] - level) + sd e[t]. */
    static double[] ar1(long seed, int len, double level, double phi, double sd) {
        Random rnd = new Random(seed);
        double[] v = new double[len];
        double d = 0.0;
        for (int i = 0; i < len; i++) {
            d = phi * d + sd * rnd.nextGaussian();
            v[i] = level + d;
        }
        return v;
    }
}
