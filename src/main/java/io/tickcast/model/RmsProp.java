package io.tickcast.model;

import java.nio.ByteBuffer;

import org.ejml.data.DMatrixRMaj;

/**
 * RMSprop (Tieleman &amp; Hinton 2012) without momentum, per element:
 * <pre>
 *   v = rho * v + (1 - rho) * g^2
 *   w = w - lr * g / (sqrt(v) + eps)
 * </pre>
 * The {@code eps} sits outside the square root, as in Keras 1.x/2.x's {@code RMSprop} (the notebook's
 * optimiser) and PyTorch's {@code torch.optim.RMSprop} (with {@code alpha = rho}); tf.keras's optimizer_v2
 * and Keras 3 put it inside ({@code sqrt(v + eps)}), which differs only while {@code v} is near {@code eps}.
 * Keras's defaults: lr 1e-3, rho 0.9, eps 1e-7.
 */
public final class RmsProp implements Optimizer {
    private final double lr;
    private final double rho;
    private final double eps;
    private final LstmParameters v;
    private final LstmConfig config;
    private long steps;
    private long savedSteps;

    public RmsProp(LstmConfig config, double lr, double rho, double eps) {
        this.lr = lr;
        this.rho = rho;
        this.eps = eps;
        this.v = new LstmParameters(config);
        this.config = config;
    }

    @Override
    public void step(LstmParameters params, LstmParameters grads) {
        DMatrixRMaj[] w = params.array;
        DMatrixRMaj[] g = grads.array;
        DMatrixRMaj[] vs = v.array;
        for (int t = 0; t < w.length; t++) {
            double[] wd = w[t].data;
            double[] gd = g[t].data;
            double[] vd = vs[t].data;
            for (int i = 0, n = w[t].getNumElements(); i < n; i++) {
                double gi = gd[i];
                double vi = rho * vd[i] + (1.0 - rho) * gi * gi;
                vd[i] = vi;
                wd[i] -= lr * gi / (Math.sqrt(vi) + eps);
            }
        }
        steps++;
        params.touch();
    }

    /**
     * Fused: per element saves the weight and the mean square, updates both as {@link #step} does and checks
     * that the new weight is finite, in one pass.
     */
    @Override
    public boolean guardedStep(LstmParameters params, LstmParameters grads, LstmParameters backup) {
        return guardedStep(params, grads, backup, 1.0);
    }

    /**
     * As {@link #guardedStep(LstmParameters, LstmParameters, LstmParameters)} with the gradient read as
     * {@code g * gradScale} (the clip factor): the same product that scaling the gradient in place stored, so
     * bit-identical to {@code grads.scale(gradScale)} before the step, without that pass (and {@code grads} is not
     * modified). {@code x * 1.0 == x} for every double, so a factor of 1 is exact.
     */
    @Override
    public boolean guardedStep(LstmParameters params, LstmParameters grads, LstmParameters backup, double gradScale) {
        savedSteps = steps;
        // The finite check, fused: x * 0 is 0 for a finite x and NaN for an infinity or a NaN, which survives the sum.
        double nonFinite = 0;
        DMatrixRMaj[] w = params.array;
        DMatrixRMaj[] g = grads.array;
        DMatrixRMaj[] vs = v.array;
        DMatrixRMaj[] bs = backup.array;
        DMatrixRMaj[] ss = Scratch.of(config).savedMoment(0).array;
        for (int t = 0; t < w.length; t++) {
            double[] wd = w[t].data;
            double[] gd = g[t].data;
            double[] vd = vs[t].data;
            double[] bd = bs[t].data;
            double[] sd = ss[t].data;
            for (int i = 0, n = w[t].getNumElements(); i < n; i++) {
                double wi = wd[i];
                double vOld = vd[i];
                bd[i] = wi;
                sd[i] = vOld;
                double gi = gd[i] * gradScale;
                double vi = rho * vOld + (1.0 - rho) * gi * gi;
                vd[i] = vi;
                double wNew = wi - lr * gi / (Math.sqrt(vi) + eps);
                wd[i] = wNew;
                nonFinite += wNew * 0.0;
            }
        }
        steps++;
        params.touch();
        backup.touch();
        return !Double.isNaN(nonFinite);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void snapshot() {
        Scratch.of(config).savedMoment(0).copyFrom(v);
        savedSteps = steps;
    }

    @Override
    public void restore() {
        v.copyFrom(Scratch.of(config).savedMoment(0));
        steps = savedSteps;
    }

    @Override
    public int moments() {
        return 1;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putLong(steps);
        ModelFormat.writeParameters(out, v);
    }

    @Override
    public void read(ByteBuffer in) {
        steps = in.getLong();
        ModelFormat.readParameters(in, v);
    }
}
