package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The gradient check: centred finite differences {@code D(e) = (L(w + e) - L(w - e)) / 2e},
 * Richardson-extrapolated as {@code (4 D(e/2) - D(e)) / 3} (error O(e^4)) with {@code e = 1e-3}, against the
 * analytic gradient, for every scalar parameter. Relative error {@code |a - n| / max(|a|, |n|)} must be at most
 * 1e-6; gradients whose magnitude is below 1e-5 (where the difference quotient itself has no relative accuracy)
 * must agree to 1e-11 absolute.
 */
final class FiniteDifferences {
    private static final double STEP = 1e-3;

    private FiniteDifferences() {
    }

    /**
     * Checks every element of {@code values} against the same element of {@code analytic}.
     *
     * @param names    one label per array, for messages
     * @param values   the parameters; each element is moved and put back (modified during the call)
     * @param analytic the gradient, arrays of the same lengths (not modified)
     * @param loss     the loss at the current values of {@code values}
     */
    static void check(List<String> names, List<double[]> values, List<double[]> analytic, DoubleSupplier loss) {
        assertEquals(values.size(), analytic.size());
        for (int t = 0; t < values.size(); t++) {
            double[] d = values.get(t);
            double[] g = analytic.get(t);
            assertEquals(d.length, g.length, names.get(t));
            for (int i = 0; i < d.length; i++) {
                double coarse = centred(d, i, STEP, loss);
                double fine = centred(d, i, STEP / 2, loss);
                // Richardson extrapolation cancels the O(e^2) term of the centred difference.
                double numeric = (4 * fine - coarse) / 3;
                double a = g[i];
                double scale = Math.max(Math.abs(a), Math.abs(numeric));
                String where = names.get(t) + " element " + i + ": analytic " + a + ", numeric " + numeric;
                if (scale < 1e-5) {
                    assertEquals(numeric, a, 1e-11, where);
                } else {
                    assertTrue(Math.abs(a - numeric) / scale <= 1e-6, where);
                }
            }
        }
    }

    private static double centred(double[] d, int i, double step, DoubleSupplier loss) {
        double saved = d[i];
        d[i] = saved + step;
        double plus = loss.getAsDouble();
        d[i] = saved - step;
        double minus = loss.getAsDouble();
        d[i] = saved;
        return (plus - minus) / (2 * step);
    }
}
