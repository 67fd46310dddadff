package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares forward pass, final states, loss, gradients and optimiser steps with PyTorch
 * ({@code golden/make_golden.py}: nn.LSTM(2, 4, 2 layers) + nn.Linear(4, 3), float64).
 */
class PyTorchGoldenTest {
    private static final double TOL = 1e-10;
    private static final LstmConfig CONFIG = LstmConfig.builder().inputSize(2).hiddenSize(4).layers(2).horizon(3).build();

    private final JsonNode caseA = Golden.json("case_a.json");
    private final Map<String, NamedTensor> weights = Golden.stateDict(Golden.json("model_a.json"));
    private final double[][] windows = Golden.matrix(caseA.get("windows"));
    private final double[][] targets = Golden.matrix(caseA.get("targets"));
    private final int timesteps = caseA.get("timesteps").intValue();

    private LstmModel model(TrainConfig train) {
        return LstmModel.fromStateDict(CONFIG, train, weights);
    }

    @Test
    void forwardAndFinalStatesMatchTorch() {
        LstmModel m = model(TrainConfig.builder().build());
        double[][] expected = Golden.matrix(caseA.get("outputs"));
        JsonNode hn = caseA.get("h_n");
        JsonNode cn = caseA.get("c_n");
        double[] out = new double[3];
        double[] h = new double[2 * 4];
        double[] c = new double[2 * 4];
        for (int s = 0; s < windows.length; s++) {
            m.predict(windows[s], timesteps, out);
            assertArrayClose(expected[s], out, "output of sample " + s);
            m.network().finalState(h, c);
            for (int l = 0; l < 2; l++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(hn.get(l).get(s).get(j).doubleValue(), h[l * 4 + j], TOL, "h_n");
                    assertEquals(cn.get(l).get(s).get(j).doubleValue(), c[l * 4 + j], TOL, "c_n");
                }
            }
        }
    }

    @Test
    void lossAndGradientsMatchTorch() {
        LstmModel m = model(TrainConfig.builder().build());
        double loss = m.lossAndGradient(windows, targets, timesteps, 0, windows.length);
        assertEquals(caseA.get("loss").doubleValue(), loss, TOL);
        assertStateDictClose(Golden.stateDict(caseA.get("grads")), m.gradientStateDict());
    }

    @Test
    void rmspropStepMatchesTorch() {
        JsonNode o = caseA.get("rmsprop");
        LstmModel m = model(TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.RMSPROP)
                .learningRate(o.get("lr").doubleValue()).rho(o.get("rho").doubleValue()).eps(o.get("eps").doubleValue())
                .batchSize(windows.length).epochs(o.get("steps").intValue()).clipNorm(0).build());
        double loss = m.train(windows, targets, timesteps);
        assertEquals(caseA.get("loss").doubleValue(), loss, TOL);
        assertEquals(1, m.updates());
        assertStateDictClose(Golden.stateDict(o.get("after")), m.exportStateDict());
    }

    @Test
    void adamStepsMatchTorch() {
        JsonNode o = caseA.get("adam");
        LstmModel m = model(TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM)
                .learningRate(o.get("lr").doubleValue()).beta1(o.get("beta1").doubleValue())
                .beta2(o.get("beta2").doubleValue()).eps(o.get("eps").doubleValue())
                .batchSize(windows.length).epochs(o.get("steps").intValue()).clipNorm(0).build());
        m.train(windows, targets, timesteps);
        assertEquals(2, m.updates());
        assertStateDictClose(Golden.stateDict(o.get("after")), m.exportStateDict());
    }

    @Test
    void exportReproducesTheImportedStateDict() {
        Map<String, NamedTensor> exported = model(TrainConfig.builder().build()).exportStateDict();
        assertEquals(new java.util.ArrayList<>(weights.keySet()), new java.util.ArrayList<>(exported.keySet()));
        assertEquals(weights, exported);
    }

    static void assertStateDictClose(Map<String, NamedTensor> expected, Map<String, NamedTensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (NamedTensor e : expected.values()) {
            NamedTensor a = actual.get(e.name());
            assertEquals(e.shapeString(), a.shapeString(), e.name());
            assertArrayClose(e.data(), a.data(), e.name());
        }
    }

    static void assertArrayClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, what + "[" + i + "]");
        }
    }
}
