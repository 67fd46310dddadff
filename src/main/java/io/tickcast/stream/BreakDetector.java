package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;

/** A symbol's structural-break detector. Kept in the store {@link StoreNames#CHOW}, written every tick. */
interface BreakDetector {

    /**
     * Adds one observation; returns the statistic at this tick (signal or not).
     *
     * @param period the seasonal period the forecaster uses now (1: none); a detector may ignore it
     */
    BreakSignal update(String symbol, long ts, double value, int period);

    /**
     * After a signal: how many of the latest observations, this tick's included, the new regime has (from the
     * estimated break on).
     */
    int regimeTicks();

    /** The detector's settings and latest statistic, for the snapshot. */
    SymbolSnapshot.Detector summary();

    /** The most bytes {@link #encode()} will ever write for this detector (e.g. once its window is full). */
    int maxRecordBytes();

    /** The detector's record, framed by {@link StateCodec}. */
    byte[] encode();

    /** How the detector is made for a new symbol and restored. */
    interface Kind {
        BreakDetector create();

        /** @throws IllegalArgumentException if the record is not this detector's state */
        BreakDetector restore(byte[] stored);
    }
}
