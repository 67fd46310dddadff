package io.tickcast.stream;

/**
 * What the forecaster needs of a symbol's learning model: it maps a window of normalised changes to
 * the normalised cumulative changes of the next {@code horizon} values, and fine-tunes on windows.
 */
interface ChangeModel {

    /** @param window timesteps values, oldest first; @param out horizon values, written */
    void predict(double[] window, int timesteps, double[] out);

    /** One bounded fine-tuning call; returns the mean training loss (NaN when every step was skipped). */
    double train(double[][] windows, double[][] targets, int count, int timesteps);

    long updates();

    long skippedSteps();

    long rollbacks();

    byte[] toBytes();
}
