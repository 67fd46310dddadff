package io.tickcast.stream;

import io.tickcast.app.TickcastConfig;

/** The production components: per-symbol LSTM models and rolling Chow detectors, from the configuration. */
final class LearningComponents implements Components {

    private LearningComponents() {
    }

    static Components from(TickcastConfig config) {
        return new LearningComponents();
    }

    /** Upper bound of one symbol's model state in bytes. */
    static long modelBytesUpperBound(TickcastConfig config) {
        return 0;
    }

    @Override
    public ChangeModel newModel(String symbol) {
        return null;
    }

    @Override
    public ChangeModel restoreModel(byte[] bytes) {
        return null;
    }

    @Override
    public BreakDetector newDetector() {
        return null;
    }

    @Override
    public BreakDetector restoreDetector(byte[] bytes) {
        return null;
    }
}
