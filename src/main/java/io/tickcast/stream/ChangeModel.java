package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The learning model seam of the LSTM expert: it maps a window of normalised changes to the normalised
 * cumulative changes of the next {@code horizon} values, and fine-tunes on windows. Production uses the LSTM
 * ({@link LearningComponents}); tests use fakes.
 */
interface ChangeModel {

    /** @param window timesteps values, oldest first; @param out horizon values, written */
    void predict(double[] window, int timesteps, double[] out);

    /** One bounded fine-tuning call on {@code windows[0..count)}; returns the mean training loss (NaN when every step was skipped). */
    double train(double[][] windows, double[][] targets, int count, int timesteps);

    /** Optimiser steps applied in all. */
    long updates();

    long skippedSteps();

    long rollbacks();

    /** The loss of the latest fine-tuning call; NaN before the first. */
    double lastLoss();

    /** Bytes {@link #writeState} writes. */
    int stateBytes();

    /** The whole state, to be restored by the {@link ExpertKind} that made the model. */
    void writeState(ByteBuffer out);
}
