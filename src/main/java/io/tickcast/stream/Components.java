package io.tickcast.stream;

/**
 * Creates and restores the per-symbol learning components. One instance per topology; the methods
 * are pure functions of the configuration and their arguments, so a restored symbol continues exactly.
 */
interface Components {

    /** A fresh model for a symbol, or null to forecast with persistence only. */
    ChangeModel newModel(String symbol);

    ChangeModel restoreModel(byte[] bytes);

    /** A fresh detector, or null to run without break detection. */
    BreakDetector newDetector();

    BreakDetector restoreDetector(byte[] bytes);
}
