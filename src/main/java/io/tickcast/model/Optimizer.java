package io.tickcast.model;

import java.nio.ByteBuffer;

/**
 * A first-order update rule with per-parameter state (moments shaped like the parameters).
 *
 * <p>Call order: construct for one parameter layout ({@link #create}) &rarr; for each update:
 * {@link #snapshot()} &rarr; {@link #step} &rarr; if the resulting weights are unusable, {@link #restore()}
 * (which undoes the step's effect on the optimiser state; the caller restores the weights).
 * {@link #write}/{@link #read} may be called between updates and capture everything needed to continue
 * bit-identically.
 * The snapshot lives in the calling thread's {@link Scratch}, shared by the optimisers of one configuration: snapshot,
 * step and restore of one update run on one thread with no other optimiser's update in between.
 */
public interface Optimizer {

    /**
     * Updates {@code params} in place from {@code grads} and {@linkplain LstmParameters#touch() touches} them.
     *
     * @param params the weights (modified)
     * @param grads  the gradient of the loss, same layout (not modified)
     */
    void step(LstmParameters params, LstmParameters grads);

    /**
     * {@code backup.copyFrom(params); snapshot(); step(params, grads); return params.allFinite();} in one
     * pass over the tensors where the implementation can (same arithmetic, so bit-identical results).
     *
     * @param backup receives the weights before the step (modified)
     * @return whether every weight is finite after the step
     */
    default boolean guardedStep(LstmParameters params, LstmParameters grads, LstmParameters backup) {
        backup.copyFrom(params);
        snapshot();
        step(params, grads);
        return params.allFinite();
    }

    /**
     * As {@link #guardedStep(LstmParameters, LstmParameters, LstmParameters)} after {@code grads.scale(gradScale)}
     * (bit-identical results), where the implementation can without modifying {@code grads}: the clip factor
     * applied in the step's pass.
     */
    default boolean guardedStep(LstmParameters params, LstmParameters grads, LstmParameters backup, double gradScale) {
        if (gradScale != 1.0) {
            grads.scale(gradScale);
        }
        return guardedStep(params, grads, backup);
    }

    /** Number of steps taken (restored steps excluded). */
    long steps();

    /** Remembers the current state so that {@link #restore()} can return to it. */
    void snapshot();

    /** Returns to the state of the last {@link #snapshot()}. */
    void restore();

    /** Number of parameter-shaped moment tensors in the state (RMSprop 1, Adam 2). */
    int moments();

    /** Writes the state (step count and moments in PyTorch parameter order), big-endian. */
    void write(ByteBuffer out);

    /**
     * Reads a state written by {@link #write} for the same configuration.
     *
     * @throws java.nio.BufferUnderflowException if {@code in} ends early
     */
    void read(ByteBuffer in);

    /** The optimiser selected by {@code train} for parameters of {@code config}, in its initial state. */
    static Optimizer create(TrainConfig train, LstmConfig config) {
        return switch (train.optimizer()) {
            case RMSPROP -> new RmsProp(config, train.learningRate(), train.rho(), train.eps());
            case ADAM -> new Adam(config, train.learningRate(), train.beta1(), train.beta2(), train.eps());
        };
    }
}
