package io.tickcast.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacked {@link ReferenceLstmCell}s and the linear head {@code y = W_head h_T + b_head} over a window, with the
 * loss of {@link LstmModel} (mean squared error over a batch) and its gradient by back-propagation through time,
 * truncated as {@link TrainConfig#bpttSteps()}. Parameters in and out as PyTorch state_dicts, so that it takes
 * the fast model's weights and its gradients compare with the fast model's by name.
 */
final class ReferenceLstm {
    final LstmConfig config;
    final ReferenceLstmCell[] layers;
    /** horizon x H and horizon: {@code head.weight}, {@code head.bias}. */
    final double[][] headW;
    final double[] headB;

    /** Zero weights (for gradients). */
    ReferenceLstm(LstmConfig config) {
        this.config = config;
        layers = new ReferenceLstmCell[config.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new ReferenceLstmCell(config.layerInputSize(l), config.hiddenSize(), config.peepholes(),
                    config.activation());
        }
        headW = new double[config.horizon()][config.hiddenSize()];
        headB = new double[config.horizon()];
    }

    /** The weights of a state_dict in PyTorch layout (e.g. {@link LstmModel#exportStateDict()}). */
    static ReferenceLstm of(LstmConfig config, Map<String, NamedTensor> stateDict) {
        ReferenceLstm r = new ReferenceLstm(config);
        Map<String, double[][]> arrays = r.byName();
        for (Map.Entry<String, double[][]> e : arrays.entrySet()) {
            double[] data = stateDict.get(e.getKey()).data();
            double[][] rows = e.getValue();
            for (int i = 0, k = 0; i < rows.length; i++) {
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = data[k++];
                }
            }
        }
        return r;
    }

    /** Every parameter by state_dict name, as rows (a vector is one row); the arrays themselves, not copies. */
    Map<String, double[][]> byName() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (int k = 0; k < layers.length; k++) {
            ReferenceLstmCell c = layers[k];
            out.put("lstm.weight_ih_l" + k, c.wIh);
            out.put("lstm.weight_hh_l" + k, c.wHh);
            out.put("lstm.bias_ih_l" + k, new double[][] {c.bIh});
            out.put("lstm.bias_hh_l" + k, new double[][] {c.bHh});
            if (config.peepholes()) {
                out.put("lstm.weight_ci_l" + k, new double[][] {c.wCi});
                out.put("lstm.weight_cf_l" + k, new double[][] {c.wCf});
                out.put("lstm.weight_co_l" + k, new double[][] {c.wCo});
            }
        }
        out.put("head.weight", headW);
        out.put("head.bias", new double[][] {headB});
        return out;
    }

    /** The parameters as a state_dict (copies). */
    Map<String, NamedTensor> stateDict() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : byName().entrySet()) {
            double[][] rows = e.getValue();
            out.put(e.getKey(), LstmParameters.shapeOf(config, e.getKey()).length == 1
                    ? NamedTensor.vector(e.getKey(), rows[0]) : NamedTensor.matrix(e.getKey(), rows));
        }
        return out;
    }

    /** Per layer, the steps of one window from zero state; row t of {@code window} is x_t. */
    List<List<ReferenceLstmCell.Step>> forward(double[][] window) {
        List<List<ReferenceLstmCell.Step>> steps = new ArrayList<>();
        double[][] input = window;
        for (ReferenceLstmCell cell : layers) {
            List<ReferenceLstmCell.Step> layer = new ArrayList<>();
            double[] h = new double[cell.hidden];
            double[] c = new double[cell.hidden];
            double[][] output = new double[input.length][];
            for (int t = 0; t < input.length; t++) {
                ReferenceLstmCell.Step s = cell.forward(input[t], h, c);
                layer.add(s);
                h = s.nextH();
                c = s.nextC();
                output[t] = h;
            }
            steps.add(layer);
            input = output;
        }
        return steps;
    }

    /** The head's output on the top layer's last hidden state. */
    double[] output(List<List<ReferenceLstmCell.Step>> steps) {
        List<ReferenceLstmCell.Step> top = steps.get(steps.size() - 1);
        double[] hT = top.get(top.size() - 1).nextH();
        double[] y = new double[headB.length];
        for (int r = 0; r < y.length; r++) {
            y[r] = headB[r] + ReferenceLstmCell.dot(headW[r], hT);
        }
        return y;
    }

    /**
     * The loss {@code (1 / (B * horizon)) sum (y - target)^2} over the windows (each {@code timesteps * inputSize}
     * values, row-major by time) and, into {@code grad} (modified) unless null, its gradient, back-propagated
     * through the last {@code truncation} timesteps of each window (0: all of them).
     */
    double loss(double[][] windows, double[][] targets, int timesteps, int truncation, ReferenceLstm grad) {
        double scale = 1.0 / (windows.length * (double) config.horizon());
        double loss = 0;
        for (int s = 0; s < windows.length; s++) {
            List<List<ReferenceLstmCell.Step>> steps = forward(rows(windows[s], timesteps));
            double[] y = output(steps);
            double[] dY = new double[y.length];
            for (int r = 0; r < y.length; r++) {
                double err = y[r] - targets[s][r];
                loss += err * err;
                dY[r] = 2 * err * scale;
            }
            if (grad != null) {
                backward(steps, dY, timesteps, truncation, grad);
            }
        }
        return loss * scale;
    }

    private void backward(List<List<ReferenceLstmCell.Step>> steps, double[] dY, int timesteps, int truncation,
            ReferenceLstm grad) {
        List<ReferenceLstmCell.Step> top = steps.get(steps.size() - 1);
        double[] hT = top.get(timesteps - 1).nextH();
        int hs = config.hiddenSize();
        // dL/dh of every timestep of the layer being back-propagated; from the head for the top layer.
        double[][] dH = new double[timesteps][hs];
        for (int r = 0; r < dY.length; r++) {
            grad.headB[r] += dY[r];
            for (int j = 0; j < hs; j++) {
                grad.headW[r][j] += dY[r] * hT[j];
                dH[timesteps - 1][j] += dY[r] * headW[r][j];
            }
        }
        int stop = truncation > 0 ? Math.max(0, timesteps - truncation) : 0;
        for (int l = layers.length - 1; l >= 0; l--) {
            double[][] dInput = new double[timesteps][layers[l].in];
            double[] dNextH = new double[hs];
            double[] dNextC = new double[hs];
            for (int t = timesteps - 1; t >= stop; t--) {
                for (int j = 0; j < hs; j++) {
                    dNextH[j] += dH[t][j];
                }
                double[][] d = layers[l].backward(steps.get(l).get(t), dNextH, dNextC, grad.layers[l]);
                dInput[t] = d[0];
                dNextH = d[1];
                dNextC = d[2];
            }
            dH = dInput;
        }
    }

    private double[][] rows(double[] window, int timesteps) {
        int in = config.inputSize();
        double[][] x = new double[timesteps][in];
        for (int t = 0; t < timesteps; t++) {
            System.arraycopy(window, t * in, x[t], 0, in);
        }
        return x;
    }
}
