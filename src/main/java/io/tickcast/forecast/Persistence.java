package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * The random walk without drift, the benchmark every expert is measured against (Hyndman &amp; Athanasopoulos,
 * "Forecasting: Principles and Practice", naive method; the ETS(A,N,N) limit α = 1 of Hyndman et al. 2008):
 * <pre>
 *   f_h = y_t        for every step h
 * </pre>
 * Ready from the first value. It has no state of its own: it reads the latest value from the history; its state is
 * its configuration header only.
 */
public final class Persistence implements OnlineExpert {

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public boolean seasonal() {
        return false;
    }

    @Override
    public void observe(History history, double scale) {
        // nothing to learn
    }

    /** Any {@code out.length}: every element is the latest value. */
    @Override
    public boolean forecast(History history, double[] out) {
        if (history.count() == 0) {
            return false;
        }
        java.util.Arrays.fill(out, history.back(0));
        return true;
    }

    @Override
    public int stateBytes() {
        return ExpertState.CONFIG_BYTES;
    }

    @Override
    public void writeState(ByteBuffer out) {
        ExpertState.writeConfig(out, ExpertState.PERSISTENCE, 0, 0);
    }

    @Override
    public void readState(ByteBuffer in) {
        ExpertState.readConfig(in, name(), ExpertState.PERSISTENCE, 0, 0, 0);
    }
}
