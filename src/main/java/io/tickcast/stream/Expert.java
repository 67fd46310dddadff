package io.tickcast.stream;

/**
 * One forecaster in a symbol's panel. At every accepted tick the {@link SymbolState} first lets each expert
 * learn from the values (which then end with the new one), then asks each for its forecast of the changes of
 * the next {@code horizon} values; the {@link Aggregator} combines them. Each expert owns its state and its
 * codec, and is kept in its own store ({@link #store()}), written when {@link #learn} reports that it changed.
 */
interface Expert {

    /** The name forecast records and snapshots use, e.g. {@code lstm}. */
    String name();

    /**
     * Learns from the values, which end with the tick just accepted.
     *
     * @param scale the changes' current scale (NaN or 0 while unknown)
     * @return what the fine-tuning call did, or null if the expert did not change
     */
    StepResult.Training learn(RecentValues values, double scale);

    /**
     * Writes {@code change[h]}, the forecast of {@code v[t+h+1] − v[t]} for the latest value {@code v[t]}.
     *
     * @return false if the expert has no forecast now (warming up, or its output is not finite)
     */
    boolean forecast(RecentValues values, double scale, double[] change);

    /** Optimiser steps applied so far (0 for experts that do not train). */
    long updates();

    /** The loss of the latest fine-tuning call; NaN if none. */
    double lastLoss();

    /** The state store that keeps this expert's record. */
    String store();

    /** The expert's record, framed by {@link StateCodec}. */
    byte[] encode();
}
