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
 * Centred finite differences {@code D(e) = (L(w + e) - L(w - e)) / 2e}, Richardson-extrapolated as
 * {@code (4 D(e/2) - D(e)) / 3} (error O(e^4)) with {@code e = 1e-3}, against the analytic gradient, for every
 * scalar parameter. Relative error {@code |a - n| / max(|a|, |n|)} must be at most 1e-6; gradients whose
 * magnitude is below 1e-5 (where the difference quotient itself has no relative accuracy) must agree to 1e-11
 * absolute.
 */
class GradientCheckTest {
    private static final double STEP = 1e-3;
    private static final int INPUT = 2;
    private static final int HIDDEN = 3;
    private static final int TIMESTEPS = 5;

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

    private static void checkAll(LstmModel m, LstmParameters analytic, java.util.function.DoubleSupplier loss) {
        List<DMatrixRMaj> w = m.parameters().tensors();
        List<DMatrixRMaj> g = analytic.tensors();
        int checked = 0;
        for (int t = 0; t < w.size(); t++) {
            double[] d = w.get(t).data;
            for (int i = 0; i < w.get(t).getNumElements(); i++) {
                double saved = d[i];
                double coarse = centred(d, i, STEP, loss);
                double fine = centred(d, i, STEP / 2, loss);
                d[i] = saved;
                // Richardson extrapolation cancels the O(e^2) term of the centred difference.
                double numeric = (4 * fine - coarse) / 3;
                double a = g.get(t).data[i];
                double scale = Math.max(Math.abs(a), Math.abs(numeric));
                String where = "tensor " + t + " element " + i + ": analytic " + a + ", numeric " + numeric;
                if (scale < 1e-5) {
                    assertEquals(numeric, a, 1e-11, where);
                } else {
                    assertTrue(Math.abs(a - numeric) / scale <= 1e-6, where);
                }
                checked++;
            }
        }
        assertEquals(m.parameters().size(), checked);
    }

    private static double centred(double[] d, int i, double step, java.util.function.DoubleSupplier loss) {
        double saved = d[i];
        d[i] = saved + step;
        double plus = loss.getAsDouble();
        d[i] = saved - step;
        double minus = loss.getAsDouble();
        d[i] = saved;
        return (plus - minus) / (2 * step);
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
