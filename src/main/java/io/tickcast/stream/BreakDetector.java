package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;

/** What the topology needs of a symbol's structural-break detector. */
interface BreakDetector {

    /** Adds one observation; returns the statistic at this tick (signal or not). */
    BreakSignal update(String symbol, long ts, double value);

    byte[] toBytes();
}
