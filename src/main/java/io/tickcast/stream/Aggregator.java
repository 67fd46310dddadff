package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * Combines the experts' forecasts of a symbol into its forecast, per horizon step, and learns from every
 * scored step. Its state is part of the symbol's series record.
 */
interface Aggregator {

    /**
     * Writes the forecast change of each step from the experts' changes.
     *
     * @param expertChange [expert][step] forecast changes (not modified)
     * @param ready        which experts forecast (not modified)
     * @param change       the combined change per step (written)
     * @return the weight of the leading expert in the one-step change (0 when it is persistence)
     */
    double combine(double[][] expertChange, boolean[] ready, double[] change);

    /** The name of the expert that leads the latest combination, or {@code persistence}. */
    String source(boolean[] ready);

    /**
     * Learns from step {@code step} of a pending forecast, whose actual change {@code v − base} has arrived.
     */
    void learn(int step, PendingForecast p, double actualChange);

    int stateBytes();

    void write(ByteBuffer out);

    void read(ByteBuffer in);
}
