package io.tickcast.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the figures recorded in docs/chow.md (not a test; prints a report):
 * false-alarm rate on AR(1) nulls and detection delay after a mean shift, both modes, defaults.
 *
 * <p>Not part of the test run (it prints, and takes minutes). Run from the module root:
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.tickcast.stats.ChowCalibration
 * </pre>
 */
public final class ChowCalibration {

    private ChowCalibration() {
    }

    public static void main(String[] args) {
        for (double alpha : new double[] {0.05, 0.01, 0.001}) {
            for (ChowMode mode : ChowMode.values()) {
                long signals = 0;
                long ticks = 0;
                int seeds = mode == ChowMode.FIXED ? 10 : 2;
                for (int seed = 0; seed < seeds; seed++) {
                    double[] s = Streams.ar1(1000 + seed, 100_000, 4000, 0.5, 2.0);
                    RollingChow rc = new RollingChow(ChowConfig.builder().mode(mode).alpha(alpha).build());
                    for (int t = 0; t < s.length; t++) {
                        rc.update(t, s[t]);
                    }
                    signals += rc.signals();
                    ticks += s.length;
                }
                System.out.printf(Locale.ROOT,
                        "null AR(1) phi=0.5 alpha=%s %s: %d signals in %d ticks = %.3f per 1000 ticks%n",
                        alpha, mode, signals, ticks, 1000.0 * signals / ticks);
            }
        }
        for (double alpha : new double[] {0.05, 0.001}) {
            for (double shift : new double[] {1.0, 2.0, 4.0}) {
                for (ChowMode mode : ChowMode.values()) {
                    delay(alpha, shift, mode);
                }
            }
        }
    }

    /** Detection delay after a mean shift at t = 400, over replications armed at the shift. */
    private static void delay(double alpha, double shift, ChowMode mode) {
        int reps = 300;
        int[] delays = new int[reps];
        int armedAtShift = 0;
        int found = 0;
        for (int r = 0; r < reps; r++) {
            // AR(1) phi 0.5, innovation sd 1 (stationary sd 1.15), mean shift at t = 400
            double[] s = Streams.ar1(5000 + r, 400 + 240, 4000, 0.5, 1.0);
            for (int t = 400; t < s.length; t++) {
                s[t] += shift;
            }
            RollingChow rc = new RollingChow(ChowConfig.builder().mode(mode).alpha(alpha).build());
            int delay = -1;
            boolean armed = false;
            for (int t = 0; t < s.length; t++) {
                if (t == 400) {
                    armed = rc.armed();
                }
                if (rc.update(t, s[t]).signal() && t >= 400 && delay < 0) {
                    delay = t - 400;
                }
            }
            if (!armed) {
                continue;
            }
            armedAtShift++;
            if (delay >= 0 && delay < 120) {
                delays[found++] = delay;
            }
        }
        int[] d = Arrays.copyOf(delays, found);
        Arrays.sort(d);
        System.out.printf(Locale.ROOT,
                "alpha=%s mean shift %.1f (innovation sd 1) %s: detected within one window %d/%d armed, "
                        + "delay median %s, p10 %s, p90 %s ticks%n",
                alpha, shift, mode, found, armedAtShift, q(d, 0.5), q(d, 0.1), q(d, 0.9));
    }

    private static String q(int[] sorted, double p) {
        return sorted.length == 0 ? "-" : Integer.toString(sorted[(int) Math.min(sorted.length - 1,
                Math.floor(p * sorted.length))]);
    }
}
