package io.tickcast.forecast;

import java.util.Arrays;

/**
 * The random walk without drift, the benchmark every expert is measured against (Hyndman &amp; Athanasopoulos,
 * "Forecasting: Principles and Practice", naive method; the ETS(A,N,N) limit α = 1 of Hyndman et al. 2008):
 * <pre>
 *   f_h = y_t        for every step h
 * </pre>
 * Ready from the first value. It has no state of its own: it reads the latest value from the history; its state is
 * its configuration header only.
 */
public final class Persistence extends ExpertBase {

    public Persistence() {
        super("persistence", PERSISTENCE, 0, 0);
    }

    /** Any {@code out.length}: every element is the latest value. */
    @Override
    public boolean forecast(History history, double[] out) {
        if (history.count() == 0) {
            return false;
        }
        Arrays.fill(out, history.back(0));
        return true;
    }
}
