package io.tickcast.model;

/**
 * One LSTM layer written plainly, the reference {@link LstmNetwork}'s fast kernel is checked against: PyTorch's
 * parameters and gate order (i, f, g, o), optional peepholes (Gers &amp; Schmidhuber 2000), {@code Math.exp} and
 * {@code Math.tanh}, fresh arrays, no fused loops. In the manner of karpathy's {@code lstm.py} gradient-check
 * gist: the forward and the backward of one step each fit on a screen, and the backward reads as the forward
 * in reverse.
 * <pre>
 *   z          = W_ih x + b_ih + W_hh prevH + b_hh                (4H; blocks i, f, g, o)
 *   inGate     = sigmoid(z_i + w_ci * prevC)      forgetGate = sigmoid(z_f + w_cf * prevC)
 *   cellCandidate = act(z_g)
 *   nextC      = forgetGate * prevC + inGate * cellCandidate
 *   outGate    = sigmoid(z_o + w_co * nextC)
 *   nextH      = outGate * act(nextC)
 * </pre>
 * The same class holds a layer's weights and, zero-initialised, their gradients.
 */
final class ReferenceLstmCell {
    final int in;
    final int hidden;
    final boolean peepholes;
    final Activation activation;
    /** PyTorch's {@code weight_ih} (4H x in) and {@code weight_hh} (4H x H). */
    final double[][] wIh, wHh;
    /** PyTorch's {@code bias_ih} and {@code bias_hh}, 4H each: only their sum matters, both get its gradient. */
    final double[] bIh, bHh;
    /** The peepholes into the input, forget and output gates, H each; zeros (and left so) without peepholes. */
    final double[] wCi, wCf, wCo;

    /** One step's values, all that {@link #backward} needs. */
    record Step(double[] x, double[] prevH, double[] prevC, double[] inGate, double[] forgetGate,
            double[] cellCandidate, double[] outGate, double[] nextC, double[] actC, double[] nextH) {
    }

    /** Zero weights. */
    ReferenceLstmCell(int in, int hidden, boolean peepholes, Activation activation) {
        this.in = in;
        this.hidden = hidden;
        this.peepholes = peepholes;
        this.activation = activation;
        wIh = new double[4 * hidden][in];
        wHh = new double[4 * hidden][hidden];
        bIh = new double[4 * hidden];
        bHh = new double[4 * hidden];
        wCi = new double[hidden];
        wCf = new double[hidden];
        wCo = new double[hidden];
    }

    /** One timestep from {@code (prevH, prevC)} with input {@code x} (none modified). */
    Step forward(double[] x, double[] prevH, double[] prevC) {
        int h = hidden;
        double[] z = new double[4 * h];
        for (int r = 0; r < 4 * h; r++) {
            z[r] = bIh[r] + bHh[r] + dot(wIh[r], x) + dot(wHh[r], prevH);
        }
        double[] inGate = new double[h];
        double[] forgetGate = new double[h];
        double[] cellCandidate = new double[h];
        double[] outGate = new double[h];
        double[] nextC = new double[h];
        double[] actC = new double[h];
        double[] nextH = new double[h];
        for (int j = 0; j < h; j++) {
            inGate[j] = sigmoid(z[j] + wCi[j] * prevC[j]);
            forgetGate[j] = sigmoid(z[h + j] + wCf[j] * prevC[j]);
            cellCandidate[j] = act(z[2 * h + j]);
            nextC[j] = forgetGate[j] * prevC[j] + inGate[j] * cellCandidate[j];
            outGate[j] = sigmoid(z[3 * h + j] + wCo[j] * nextC[j]);
            actC[j] = act(nextC[j]);
            nextH[j] = outGate[j] * actC[j];
        }
        return new Step(x, prevH, prevC, inGate, forgetGate, cellCandidate, outGate, nextC, actC, nextH);
    }

    /**
     * Back-propagates {@code dNextH}, {@code dNextC} through step {@code s}, adding this step's parameter
     * gradients to {@code grad} (modified); returns {@code {dX, dPrevH, dPrevC}}.
     */
    double[][] backward(Step s, double[] dNextH, double[] dNextC, ReferenceLstmCell grad) {
        int h = hidden;
        double[] dz = new double[4 * h];
        double[] dPrevC = new double[h];
        for (int j = 0; j < h; j++) {
            // nextH = outGate * act(nextC); the output gate's peephole also sees nextC.
            double dzOut = dNextH[j] * s.actC()[j] * s.outGate()[j] * (1 - s.outGate()[j]);
            double dC = dNextC[j] + dNextH[j] * s.outGate()[j] * actDerivative(s.actC()[j]) + dzOut * wCo[j];
            // nextC = forgetGate * prevC + inGate * cellCandidate
            double dzIn = dC * s.cellCandidate()[j] * s.inGate()[j] * (1 - s.inGate()[j]);
            double dzForget = dC * s.prevC()[j] * s.forgetGate()[j] * (1 - s.forgetGate()[j]);
            double dzCandidate = dC * s.inGate()[j] * actDerivative(s.cellCandidate()[j]);
            dPrevC[j] = dC * s.forgetGate()[j] + dzIn * wCi[j] + dzForget * wCf[j];
            if (peepholes) {
                grad.wCi[j] += dzIn * s.prevC()[j];
                grad.wCf[j] += dzForget * s.prevC()[j];
                grad.wCo[j] += dzOut * s.nextC()[j];
            }
            dz[j] = dzIn;
            dz[h + j] = dzForget;
            dz[2 * h + j] = dzCandidate;
            dz[3 * h + j] = dzOut;
        }
        // z = W_ih x + W_hh prevH + b: dW += dz x^T, dx = W^T dz.
        double[] dX = new double[in];
        double[] dPrevH = new double[h];
        for (int r = 0; r < 4 * h; r++) {
            grad.bIh[r] += dz[r];
            grad.bHh[r] += dz[r];
            for (int j = 0; j < in; j++) {
                grad.wIh[r][j] += dz[r] * s.x()[j];
                dX[j] += wIh[r][j] * dz[r];
            }
            for (int j = 0; j < h; j++) {
                grad.wHh[r][j] += dz[r] * s.prevH()[j];
                dPrevH[j] += wHh[r][j] * dz[r];
            }
        }
        return new double[][] {dX, dPrevH, dPrevC};
    }

    private double act(double x) {
        return activation == Activation.TANH ? Math.tanh(x) : sigmoid(x);
    }

    /** The derivative of {@link #act} through its value {@code a = act(x)}. */
    private double actDerivative(double a) {
        return activation == Activation.TANH ? 1 - a * a : a * (1 - a);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
