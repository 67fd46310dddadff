package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * An online forecaster of one series: one expert of a symbol's panel. Per observation, in this order:
 * {@link #observe} (the new value is already the latest of the history), then {@link #forecast}. Deterministic;
 * its whole state round-trips through {@link #writeState} / {@link #readState}, after which it continues
 * bit-identically. Not thread-safe.
 */
public interface OnlineExpert {

    /** A short name for records and metrics, e.g. {@code holt}. */
    String name();

    /** Whether it models a season: such an expert is used only while the season is confirmed. */
    boolean seasonal();

    /**
     * Learns from the latest value, {@code history.back(0)}: scores its own previous forecasts against it, then
     * updates its state.
     *
     * @param scale the scale of the series' changes after this value (finite, &gt; 0): the unit of the expert's
     *              internal losses for the forecasts it makes next
     */
    void observe(History history, double scale);

    /**
     * Forecasts the next {@code out.length} values (levels, not changes).
     *
     * @param out written: out[h] is the forecast of the value h + 1 observations ahead
     * @return false when it has no forecast yet (warming up); {@code out} is then unspecified
     */
    boolean forecast(History history, double[] out);

    /** Bytes {@link #writeState} writes now. */
    int stateBytes();

    /** Writes the whole state at {@code out}'s position, big-endian, raw bits. */
    void writeState(ByteBuffer out);

    /**
     * Replaces the state with what {@link #writeState} wrote, reading from {@code in}'s position.
     *
     * @throws IllegalArgumentException if the bytes are not this expert's state of this configuration
     */
    void readState(ByteBuffer in);
}
