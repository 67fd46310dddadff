package io.tickcast.model;

import java.nio.ByteBuffer;

import org.ejml.data.DMatrixRMaj;

/**
 * Adam (Kingma &amp; Ba 2015), per element at step {@code t = 1, 2, ...}:
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * i.e. {@code lr * mHat / (sqrt(vHat) + eps)} evaluated in the order of {@code torch.optim.Adam}.
 */
public final class Adam implements Optimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final LstmParameters m;
    private final LstmParameters v;
    private final LstmConfig config;
    private long steps;
    private long savedSteps;

    public Adam(LstmConfig config, double lr, double beta1, double beta2, double eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new LstmParameters(config);
        this.v = new LstmParameters(config);
        this.config = config;
    }

    @Override
    public void step(LstmParameters params, LstmParameters grads) {
        long t = steps + 1;
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        DMatrixRMaj[] w = params.array;
        DMatrixRMaj[] g = grads.array;
        DMatrixRMaj[] ms = m.array;
        DMatrixRMaj[] vs = v.array;
        for (int k = 0; k < w.length; k++) {
            double[] wd = w[k].data;
            double[] gd = g[k].data;
            double[] md = ms[k].data;
            double[] vd = vs[k].data;
            for (int i = 0, n = w[k].getNumElements(); i < n; i++) {
                double gi = gd[i];
                double mi = beta1 * md[i] + (1.0 - beta1) * gi;
                double vi = beta2 * vd[i] + (1.0 - beta2) * gi * gi;
                md[i] = mi;
                vd[i] = vi;
                wd[i] -= stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
            }
        }
        steps = t;
        params.touch();
    }

    /**
     * Fused: per element saves the weight and both moments, updates them as {@link #step} does and checks that
     * the new weight is finite, in one pass.
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
        long t = steps + 1;
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        DMatrixRMaj[] w = params.array;
        DMatrixRMaj[] g = grads.array;
        DMatrixRMaj[] ms = m.array;
        DMatrixRMaj[] vs = v.array;
        DMatrixRMaj[] bs = backup.array;
        DMatrixRMaj[] sms = Scratch.of(config).savedMoment(0).array;
        DMatrixRMaj[] svs = Scratch.of(config).savedMoment(1).array;
        for (int k = 0; k < w.length; k++) {
            double[] wd = w[k].data;
            double[] gd = g[k].data;
            double[] md = ms[k].data;
            double[] vd = vs[k].data;
            double[] bd = bs[k].data;
            double[] smd = sms[k].data;
            double[] svd = svs[k].data;
            for (int i = 0, n = w[k].getNumElements(); i < n; i++) {
                double wi = wd[i];
                double mOld = md[i];
                double vOld = vd[i];
                bd[i] = wi;
                smd[i] = mOld;
                svd[i] = vOld;
                double gi = gd[i] * gradScale;
                double mi = beta1 * mOld + (1.0 - beta1) * gi;
                double vi = beta2 * vOld + (1.0 - beta2) * gi * gi;
                md[i] = mi;
                vd[i] = vi;
                double wNew = wi - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
                wd[i] = wNew;
                nonFinite += wNew * 0.0;
            }
        }
        steps = t;
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
        Scratch.of(config).savedMoment(0).copyFrom(m);
        Scratch.of(config).savedMoment(1).copyFrom(v);
        savedSteps = steps;
    }

    @Override
    public void restore() {
        m.copyFrom(Scratch.of(config).savedMoment(0));
        v.copyFrom(Scratch.of(config).savedMoment(1));
        steps = savedSteps;
    }

    @Override
    public int moments() {
        return 2;
    }

    @Override
    public void write(ByteBuffer out) {
        out.putLong(steps);
        ModelFormat.writeParameters(out, m);
        ModelFormat.writeParameters(out, v);
    }

    @Override
    public void read(ByteBuffer in) {
        steps = in.getLong();
        ModelFormat.readParameters(in, m);
        ModelFormat.readParameters(in, v);
    }
}
