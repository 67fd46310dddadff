package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain {@link ReferenceLstmCell} proves itself by finite differences, and the fast kernel ({@link LstmNetwork}
 * behind {@link LstmModel}) agrees with it: forward outputs and every parameter's gradient to 1e-12, in the
 * configurations of {@link GradientCheckTest} (1 and 2 layers, with and without peepholes, tanh and sigmoid,
 * horizon 1 and 3), with full and truncated back-propagation through time.
 */
class ReferenceLstmTest {
    private static final double TOL = 1e-12;
    private static final int INPUT = GradientCheckTest.INPUT;
    private static final int TIMESTEPS = GradientCheckTest.TIMESTEPS;

    private static LstmConfig config(int layers, boolean peep, Activation act, int horizon) {
        return LstmConfig.builder().inputSize(INPUT).hiddenSize(GradientCheckTest.HIDDEN).layers(layers)
                .horizon(horizon).peepholes(peep).activation(act).build();
    }

    @ParameterizedTest(name = "layers={0} peepholes={1} {2} horizon={3}")
    @MethodSource("io.tickcast.model.GradientCheckTest#configurations")
    void theReferenceGradientMatchesFiniteDifferences(int layers, boolean peep, Activation act, int horizon) {
        LstmConfig cfg = config(layers, peep, act, horizon);
        ReferenceLstm ref = ReferenceLstm.of(cfg, LstmModel.create(cfg, TrainConfig.builder().build(), 17).exportStateDict());
        double[][] x = GradientCheckTest.randomRows(new Random(18), 3, TIMESTEPS * INPUT, 1.0);
        double[][] y = GradientCheckTest.randomRows(new Random(19), 3, horizon, 1.0);
        ReferenceLstm grad = new ReferenceLstm(cfg);
        ref.loss(x, y, TIMESTEPS, 0, grad);

        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<double[]> grads = new ArrayList<>();
        Map<String, double[][]> g = grad.byName();
        for (Map.Entry<String, double[][]> e : ref.byName().entrySet()) {
            for (int r = 0; r < e.getValue().length; r++) {
                names.add(e.getKey() + " row " + r);
                values.add(e.getValue()[r]);
                grads.add(g.get(e.getKey())[r]);
            }
        }
        FiniteDifferences.check(names, values, grads, () -> ref.loss(x, y, TIMESTEPS, 0, null));
    }

    @ParameterizedTest(name = "layers={0} peepholes={1} {2} horizon={3}")
    @MethodSource("io.tickcast.model.GradientCheckTest#configurations")
    void theFastKernelMatchesTheReference(int layers, boolean peep, Activation act, int horizon) {
        LstmConfig cfg = config(layers, peep, act, horizon);
        double[][] x = GradientCheckTest.randomRows(new Random(21), 4, TIMESTEPS * INPUT, 1.5);
        double[][] y = GradientCheckTest.randomRows(new Random(22), 4, horizon, 1.0);
        for (int truncation : new int[] {0, 2}) {
            LstmModel fast = LstmModel.create(cfg, TrainConfig.builder().bpttSteps(truncation).build(), 23);
            ReferenceLstm ref = ReferenceLstm.of(cfg, fast.exportStateDict());
            String what = cfg + ", truncation " + truncation;

            double[] out = new double[horizon];
            for (double[] window : x) {
                fast.predict(window, TIMESTEPS, out);
                double[] expected = ref.output(ref.forward(rows(window)));
                for (int r = 0; r < horizon; r++) {
                    assertClose(expected[r], out[r], what + ": output " + r);
                }
            }

            ReferenceLstm refGrad = new ReferenceLstm(cfg);
            double refLoss = ref.loss(x, y, TIMESTEPS, truncation, refGrad);
            assertClose(refLoss, fast.lossAndGradient(x, y, TIMESTEPS, 0, x.length), what + ": loss");
            Map<String, NamedTensor> expected = refGrad.stateDict();
            Map<String, NamedTensor> actual = fast.gradientStateDict();
            assertEquals(expected.keySet(), actual.keySet(), what);
            for (NamedTensor e : expected.values()) {
                NamedTensor a = actual.get(e.name());
                assertEquals(e.shapeString(), a.shapeString(), what + ": " + e.name());
                double[] ed = e.data();
                double[] ad = a.data();
                boolean nonZero = false;
                for (int i = 0; i < ed.length; i++) {
                    assertClose(ed[i], ad[i], what + ": gradient of " + e.name() + "[" + i + "]");
                    nonZero |= ed[i] != 0;
                }
                assertTrue(nonZero, what + ": the gradient of " + e.name() + " is all zero, so compares nothing");
            }
        }
    }

    private static double[][] rows(double[] window) {
        double[][] x = new double[TIMESTEPS][INPUT];
        for (int t = 0; t < TIMESTEPS; t++) {
            System.arraycopy(window, t * INPUT, x[t], 0, INPUT);
        }
        return x;
    }

    /** Within {@link #TOL}, relative to the magnitude where that exceeds 1. */
    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }
}
