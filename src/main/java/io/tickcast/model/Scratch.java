package io.tickcast.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working memory of the models of one {@link LstmConfig} on one thread: the network's activations (of up to
 * {@link LstmNetwork#MAX_WINDOWS_PER_PASS} windows of a mini-batch) and the transposes of the weights, the gradient, the
 * weights' backup and the optimiser's saved moments of a guarded step. None of it outlives a call
 * ({@link LstmModel#predict}, {@link LstmModel#train}, an impulse response), so one copy serves every model of the
 * configuration that the thread runs, and a model keeps what its record holds — its weights and its optimiser's
 * moments — plus its weights' kernel layout ({@link LstmParameters#kernelRows()}, about the size of the weights),
 * which the network reads in place.
 *
 * <p>The network is pointed at a model's weights by {@link #network}, which copies nothing; the other buffers are
 * overwritten before they are read (the gradient is zeroed per batch, the backups are copied before each step and
 * read only by that step's rollback).
 */
final class Scratch {

    private static final ThreadLocal<Map<LstmConfig, Scratch>> BY_THREAD = ThreadLocal.withInitial(HashMap::new);

    final LstmConfig config;
    final LstmParameters grads;
    final LstmParameters backup;
    private double[][] dOuts = new double[0][];
    private final LstmNetwork net;
    private final List<LstmParameters> savedMoments = new ArrayList<>();

    private Scratch(LstmConfig config) {
        this.config = config;
        this.grads = new LstmParameters(config);
        this.backup = new LstmParameters(config);
        this.net = new LstmNetwork(new LstmParameters(config));
    }

    /** This thread's working memory for {@code config}. */
    static Scratch of(LstmConfig config) {
        return BY_THREAD.get().computeIfAbsent(config, Scratch::new);
    }

    /** The network, reading {@code params} (reloading its weight copies if they are another model's). */
    LstmNetwork network(LstmParameters params) {
        net.bind(params);
        return net;
    }

    /** At least {@code n} rows of {@code horizon} values: the head's gradients of a mini-batch. */
    double[][] dOuts(int n) {
        if (dOuts.length < n) {
            double[][] grown = java.util.Arrays.copyOf(dOuts, Math.max(n, 2 * dOuts.length));
            for (int i = dOuts.length; i < grown.length; i++) {
                grown[i] = new double[config.horizon()];
            }
            dOuts = grown;
        }
        return dOuts;
    }

    /** The {@code i}-th moment-shaped buffer an optimiser saves its moments to before a step. */
    LstmParameters savedMoment(int i) {
        while (savedMoments.size() <= i) {
            savedMoments.add(new LstmParameters(config));
        }
        return savedMoments.get(i);
    }
}
