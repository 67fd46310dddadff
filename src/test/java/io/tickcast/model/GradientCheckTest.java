package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast kernel's analytic gradient against centred finite differences ({@link FiniteDifferences}), for every
 * scalar parameter, with full and with truncated back-propagation through time.
 */
class GradientCheckTest {
    static final int INPUT = 2;
    static final int HIDDEN = 3;
    static final int TIMESTEPS = 5;

    /** 1 and 2 layers, without and with peepholes, both activations, horizon 1 and 3. */
    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (int layers : new int[] {1, 2}) {
            for (boolean peep : new boolean[] {false, true}) {
                for (Activation act : Activation.values()) {
                    for (int horizon : new int[] {1, 3}) {
                        out.add(Arguments.of(layers, peep, act, horizon));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "layers={0} peepholes={1} {2} horizon={3}")
    @MethodSource("configurations")
    void fullBpttGradientMatchesFiniteDifferences(int layers, boolean peep, Activation act, int horizon) {
        LstmConfig cfg = LstmConfig.builder().inputSize(INPUT).hiddenSize(HIDDEN).layers(layers).horizon(horizon)
                .peepholes(peep).activation(act).build();
        LstmModel m = LstmModel.create(cfg, TrainConfig.builder().build(), 42 + layers);
        double[][] x = randomRows(new Random(7), 2, TIMESTEPS * INPUT, 1.0);
        double[][] y = randomRows(new Random(8), 2, horizon, 1.0);
        m.lossAndGradient(x, y, TIMESTEPS, 0, 2);
        LstmParameters analytic = copyOfGradient(m);
        checkAll(m, analytic, () -> m.lossAndGradient(x, y, TIMESTEPS, 0, 2));
    }

    @ParameterizedTest(name = "layers={0} peepholes={1} {2} horizon={3}")
    @MethodSource("configurations")
    void truncatedGradientIsTheGradientOfTheSuffixFromFrozenStates(int layers, boolean peep, Activation act, int horizon) {
        int truncation = 2;
        LstmConfig cfg = LstmConfig.builder().inputSize(INPUT).hiddenSize(HIDDEN).layers(layers).horizon(horizon)
                .peepholes(peep).activation(act).build();
        LstmModel m = LstmModel.create(cfg, TrainConfig.builder().bpttSteps(truncation).build(), 5 + layers);
        double[][] x = randomRows(new Random(9), 2, TIMESTEPS * INPUT, 1.0);
        double[][] y = randomRows(new Random(10), 2, horizon, 1.0);
        m.lossAndGradient(x, y, TIMESTEPS, 0, 2);
        LstmParameters analytic = copyOfGradient(m);

        // The input gradient before the truncation point is exactly zero.
        m.lossAndGradient(x, y, TIMESTEPS, 1, 2);
        double[] dx = m.network().inputGradient();
        int cut = (TIMESTEPS - truncation) * INPUT;
        for (int i = 0; i < TIMESTEPS * INPUT; i++) {
            if (i < cut) {
                assertEquals(0.0, dx[i], "dL/dx before the truncation point, index " + i);
            } else {
                assertTrue(dx[i] != 0.0, "dL/dx inside the truncation window, index " + i);
            }
        }

        // Reference: the suffix of each window run from the states reached by the prefix under the
        // initial weights, held constant, i.e. what truncated BPTT differentiates.
        int state = layers * HIDDEN;
        double[][] h0 = new double[2][state];
        double[][] c0 = new double[2][state];
        double[][] suffix = new double[2][truncation * INPUT];
        for (int s = 0; s < 2; s++) {
            m.network().forward(x[s], TIMESTEPS - truncation, null, null);
            m.network().finalState(h0[s], c0[s]);
            System.arraycopy(x[s], cut, suffix[s], 0, truncation * INPUT);
        }
        checkAll(m, analytic, () -> {
            double loss = 0;
            for (int s = 0; s < 2; s++) {
                double[] out = m.network().forward(suffix[s], truncation, h0[s], c0[s]);
                for (int r = 0; r < horizon; r++) {
                    loss += (out[r] - y[s][r]) * (out[r] - y[s][r]);
                }
            }
            return loss / (2.0 * horizon);
        });

        // The truncation acts where it should: the head sees the same last state either way, so its gradient
        // is the full one, bit for bit; every layer's weights get another gradient than the full one.
        LstmModel full = LstmModel.create(cfg, TrainConfig.builder().build(), 5 + layers);
        full.lossAndGradient(x, y, TIMESTEPS, 0, 2);
        Map<String, NamedTensor> fullGrad = full.gradientStateDict();
        Map<String, NamedTensor> truncGrad = analytic.export();
        assertEquals(fullGrad.get("head.weight"), truncGrad.get("head.weight"));
        assertEquals(fullGrad.get("head.bias"), truncGrad.get("head.bias"));
        for (int l = 0; l < layers; l++) {
            for (String w : new String[] {"lstm.weight_ih_l" + l, "lstm.weight_hh_l" + l}) {
                assertNotEquals(fullGrad.get(w), truncGrad.get(w), w + ": truncated and full gradients should differ");
            }
        }
    }

    /** {@link FiniteDifferences#check} over every tensor of the model's parameters. */
    private static void checkAll(LstmModel m, LstmParameters analytic, java.util.function.DoubleSupplier loss) {
        List<DMatrixRMaj> w = m.parameters().tensors();
        List<DMatrixRMaj> g = analytic.tensors();
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<double[]> grads = new ArrayList<>();
        for (int t = 0; t < w.size(); t++) {
            assertEquals(w.get(t).getNumElements(), w.get(t).data.length, "tensor " + t + " storage");
            names.add("tensor " + t);
            values.add(w.get(t).data);
            grads.add(g.get(t).data);
        }
        FiniteDifferences.check(names, values, grads, loss);
    }

    private static LstmParameters copyOfGradient(LstmModel m) {
        LstmParameters p = new LstmParameters(m.config());
        p.importFrom(m.gradientStateDict());
        return p;
    }

    static double[][] randomRows(Random rnd, int rows, int cols, double scale) {
        double[][] out = new double[rows][cols];
        for (double[] r : out) {
            for (int i = 0; i < cols; i++) {
                r[i] = scale * rnd.nextGaussian();
            }
        }
        return out;
    }
}
