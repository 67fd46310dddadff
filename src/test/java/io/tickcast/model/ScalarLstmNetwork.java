package io.tickcast.model;

import java.util.Arrays;


/**
 * The LSTM kernel as it was before the mini-batch kernels (issue 24 item 1): one window at a time, the weight
 * gradient accumulated per window. Kept verbatim (only renamed) as the bit-identity reference for
 * {@code BatchKernelIdentityTest}; the original documentation follows.
 *
 * <p>Forward and backward pass of a stacked LSTM with a linear head over one window, with preallocated
 * workspaces (grown only when a longer window appears). Not thread-safe.
 *
 * <p>Cell, for layer input {@code x_t} and previous state {@code (h_{t-1}, c_{t-1})} (Hochreiter &amp;
 * Schmidhuber 1997; peepholes after Gers &amp; Schmidhuber 2000; gate order i, f, g, o as PyTorch):
 * <pre>
 *   z   = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh                      (one product with wT, 4H)
 *   i   = sigmoid(z_i + w_ci * c_{t-1})     f = sigmoid(z_f + w_cf * c_{t-1})
 *   g   = act(z_g)
 *   c_t = f * c_{t-1} + i * g
 *   o   = sigmoid(z_o + w_co * c_t)
 *   h_t = o * act(c_t)
 *   y   = W_head h_T^{top} + b_head                                  (horizon)
 * </pre>
 * where the peephole terms are present only with {@link LstmConfig#peepholes()} and {@code act} is
 * {@link LstmConfig#activation()}. The same math written plainly, one step per method, is
 * {@code ReferenceLstmCell} in the tests, which this kernel must match to 1e-12 ({@code ReferenceLstmTest}).
 *
 * <p>Backward implements truncated back-propagation through time: with truncation {@code k > 0} only the
 * last {@code k} timesteps of the window receive gradient; the gradient flowing into earlier states is
 * cut, so everything before timestep {@code T-k} gets exactly zero.
 */
final class ScalarLstmNetwork {
    private final LstmConfig cfg;
    private LstmParameters p;
    private final int hidden;
    private final int gates;
    private final int layers;
    private final int[] width; // per layer: in + H, the length of the concatenated [x; h]

    private int capacity;
    private int timesteps;
    /*
     * Per-timestep buffers are arrays of rows rather than one flat array with an offset per row: C2 (JDK 17)
     * vectorises a loop like z[j] += a * w[j] over separate arrays, but not z[zo + j] += a * w[wo + j]
     * (an invariant offset makes SuperWord give up or produce code slower than scalar; measured 3-7x).
     */
    /** Per layer: row t is [x_t; h_{t-1}]. */
    private final double[][][] xh;
    /** Per layer: row t is dL/dz_t (pre-activation gradient, 4H). */
    private final double[][][] dz;
    /** Per layer: row t holds the post-activation gates i, f, g, o (4H). */
    private final double[][][] gate;
    /**
     * Per layer: the rows of {@code wT} ({@code (in+H) x 4H}) as separate arrays. The parameters stay the
     * single source of truth: the copy is reloaded by {@link #reloadWeights()} and {@link #forward}, and by
     * {@link #forwardCached} and {@link #step} when the parameters' {@linkplain LstmParameters#version()
     * version} differs from the one copied.
     */
    private final double[][][] wRows;
    /**
     * Per layer: {@code W = wT^T} ({@code 4H x (in+H)}, PyTorch's layout) as rows, transposed from
     * {@link #wRows} by the first {@link #backward} after a reload and reused until the next one.
     */
    private final double[][][] wCols;
    /** Per layer: whether {@link #wCols} is the transpose of the current {@link #wRows}. */
    private final boolean[] colsValid;
    /** The parameters' version when {@link #wRows} was loaded. */
    private long rowsVersion;
    /** Per layer: scratch for {@code d[x; h_{t-1}]} ({@code in+H}). */
    private final double[][] dxhRow;
    /** Scratch row for one row of the weight gradient {@code dW^T}. */
    private final double[] dwRow;
    /** Per layer: (T+1) x H cell states; row 0 is the initial state. */
    private final double[][] cell;
    /** Per layer: (T+1) x H hidden states; row 0 is the initial state. */
    private final double[][] hid;
    /** Per layer: T x H act(c_t). */
    private final double[][] actCell;
    /** Per layer: T x in gradient of the loss w.r.t. the layer's input. */
    private final double[][] dInput;
    private final double[][] biasSum;
    private final double[] output;
    private final double[] dh;
    private final double[] dc;
    private final double[] dhHead;
    /** Scratch for {@link #cellForward}: the 5H exp arguments/values of one timestep. */
    private final double[] expScratch;

    ScalarLstmNetwork(LstmParameters params) {
        this.p = params;
        this.cfg = params.config();
        this.hidden = cfg.hiddenSize();
        this.gates = 4 * hidden;
        this.layers = cfg.layers();
        this.width = new int[layers];
        this.xh = new double[layers][][];
        this.dz = new double[layers][][];
        this.gate = new double[layers][][];
        this.wRows = new double[layers][][];
        this.wCols = new double[layers][][];
        this.colsValid = new boolean[layers];
        this.dxhRow = new double[layers][];
        this.cell = new double[layers][];
        this.hid = new double[layers][];
        this.actCell = new double[layers][];
        this.dInput = new double[layers][];
        this.biasSum = new double[layers][gates];
        for (int l = 0; l < layers; l++) {
            width[l] = cfg.layerInputSize(l) + hidden;
            wRows[l] = new double[width[l]][gates];
            wCols[l] = new double[gates][width[l]];
            dxhRow[l] = new double[width[l]];
        }
        this.dwRow = new double[gates];
        this.output = new double[cfg.horizon()];
        this.dh = new double[hidden];
        this.dc = new double[hidden];
        this.dhHead = new double[hidden];
        this.expScratch = new double[5 * hidden];
        this.rowsVersion = params.version() - 1;
        ensureCapacity(8);
    }

    /**
     * Points the network at {@code params}, of the same configuration (a network shared by the models of one
     * configuration, {@link Scratch}): the weight copies are reloaded at the next pass unless they already are these
     * parameters'.
     */
    void bind(LstmParameters params) {
        if (params == p) {
            return;
        }
        if (!params.config().equals(cfg)) {
            throw new IllegalArgumentException("parameters of another configuration: " + params.config() + ", network " + cfg);
        }
        p = params;
        rowsVersion = params.version() - 1;
        Arrays.fill(colsValid, false);
    }

    /** Grows the per-timestep buffers to hold at least {@code t} timesteps (the only allocation). */
    private void ensureCapacity(int t) {
        if (t <= capacity) {
            return;
        }
        int cap = Math.max(t, capacity * 2);
        for (int l = 0; l < layers; l++) {
            xh[l] = new double[cap][width[l]];
            dz[l] = new double[cap][gates];
            gate[l] = new double[cap][gates];
            cell[l] = new double[(cap + 1) * hidden];
            hid[l] = new double[(cap + 1) * hidden];
            actCell[l] = new double[cap * hidden];
            dInput[l] = new double[cap * cfg.layerInputSize(l)];
        }
        capacity = cap;
    }

    /**
     * Runs the window through the network and stores every activation for {@link #backward}, after
     * reloading the weight copies from the parameters (so in-place edits of the parameters are seen).
     *
     * @param window    {@code timesteps * inputSize} values, row-major by time (not modified)
     * @param timesteps number of timesteps T, at least 1
     * @param h0        initial hidden states, {@code layers * H} (layer-major), or null for zeros
     * @param c0        initial cell states, same layout, or null for zeros
     * @return the head's output (an internal buffer of length horizon, valid until the next call)
     */
    double[] forward(double[] window, int timesteps, double[] h0, double[] c0) {
        reloadWeights();
        return run(window, timesteps, h0, c0);
    }

    /**
     * As {@link #forward}, but reuses the weight copies unless the parameters' version changed since they
     * were loaded: for callers that modify the parameters only through version-bumping methods.
     */
    double[] forwardCached(double[] window, int timesteps, double[] h0, double[] c0) {
        syncWeights();
        return run(window, timesteps, h0, c0);
    }

    private double[] run(double[] window, int timesteps, double[] h0, double[] c0) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
        }
        int in0 = cfg.inputSize();
        if (window.length < timesteps * in0) {
            throw new IllegalArgumentException("window has " + window.length + " values, need timesteps * inputSize = "
                    + timesteps * in0);
        }
        ensureCapacity(timesteps);
        this.timesteps = timesteps;
        for (int l = 0; l < layers; l++) {
            forwardLayer(l, l == 0 ? window : hid[l - 1], l == 0 ? 0 : hidden, h0, c0);
        }
        head(hid[layers - 1], timesteps * hidden, output);
        return output;
    }

    /** Reloads the weight copies unless they are of the parameters' current version. */
    private void syncWeights() {
        if (p.version() != rowsVersion) {
            reloadWeights();
        }
    }

    /** Copies every layer's {@code wT} into {@link #wRows}; {@link #wCols} is rebuilt lazily. */
    void reloadWeights() {
        rowsVersion = p.version();
        Arrays.fill(colsValid, false);
        for (int l = 0; l < layers; l++) {
            double[] w = p.wT[l].data;
            double[][] rows = wRows[l];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(w, r * gates, rows[r], 0, gates);
            }
        }
    }

    private void forwardLayer(int l, double[] input, int inputOffset, double[] h0, double[] c0) {
        int in = cfg.layerInputSize(l);
        int k = width[l];
        int t1 = timesteps;
        double[] h = hid[l];
        double[] c = cell[l];
        if (h0 == null) {
            Arrays.fill(h, 0, hidden, 0.0);
        } else {
            System.arraycopy(h0, l * hidden, h, 0, hidden);
        }
        if (c0 == null) {
            Arrays.fill(c, 0, hidden, 0.0);
        } else {
            System.arraycopy(c0, l * hidden, c, 0, hidden);
        }
        double[] bias = biasSum[l];
        double[] bi = p.bIh[l].data;
        double[] bh = p.bHh[l].data;
        for (int j = 0; j < gates; j++) {
            bias[j] = bi[j] + bh[j];
        }
        double[][] w = wRows[l];
        for (int t = 0; t < t1; t++) {
            double[] x = xh[l][t];
            // The layer input is x_t (layer 0) or the layer below's h_t, stored one row later (row 0 = h0).
            System.arraycopy(input, inputOffset + t * in, x, 0, in);
            System.arraycopy(h, t * hidden, x, in, hidden);
            double[] g = gate[l][t];
            System.arraycopy(bias, 0, g, 0, gates);
            rowsAxpy(w, x, k, g);
            cellForward(l, g, c, t * hidden, h, actCell[l], t * hidden);
        }
    }

    /**
     * {@code z += sum_r v[r] * w[r]} for {@code r < k}: the gate pre-activations {@code wT^T [x; h]} as
     * axpys over the rows of {@code wT}. Four rows are fused into one pass over {@code z} (one load and one
     * store of {@code z} per four rows instead of per row), and each element is still summed row by row in
     * order with one fused multiply-add per row, {@code fma(v3, w3, fma(v2, w2, fma(v1, w1, fma(v0, w0, z))))},
     * so the result is bit-identical to the row-at-a-time loop. The inner loops index every array by the loop
     * variable alone, which C2 vectorises ({@link Math#fma} to vector FMA instructions: every x86 CPU since
     * 2013 and every 64-bit ARM has them; without them {@code Math.fma} is emulated and very slow).
     */
    private static void rowsAxpy(double[][] w, double[] v, int k, double[] z) {
        int n = z.length;
        int r = 0;
        for (; r + 3 < k; r += 4) {
            double v0 = v[r];
            double v1 = v[r + 1];
            double v2 = v[r + 2];
            double v3 = v[r + 3];
            double[] w0 = w[r];
            double[] w1 = w[r + 1];
            double[] w2 = w[r + 2];
            double[] w3 = w[r + 3];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v3, w3[j], Math.fma(v2, w2[j], Math.fma(v1, w1[j], Math.fma(v0, w0[j], z[j]))));
            }
        }
        if (r + 1 < k) {
            double v0 = v[r];
            double v1 = v[r + 1];
            double[] w0 = w[r];
            double[] w1 = w[r + 1];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v1, w1[j], Math.fma(v0, w0[j], z[j]));
            }
            r += 2;
        }
        if (r < k) {
            double v0 = v[r];
            double[] w0 = w[r];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v0, w0[j], z[j]);
            }
        }
    }

    /**
     * {@code z += sum_{t in [from, to)} x[t][r] * d[t]}: one row of the weight gradient
     * {@code dW^T += [x; h]^T dZ}, four timesteps per pass (summed in timestep order).
     */
    private static void gradientRow(double[][] x, int r, double[][] d, int from, int to, double[] z) {
        int n = z.length;
        int t = from;
        for (; t + 3 < to; t += 4) {
            double v0 = x[t][r];
            double v1 = x[t + 1][r];
            double v2 = x[t + 2][r];
            double v3 = x[t + 3][r];
            double[] d0 = d[t];
            double[] d1 = d[t + 1];
            double[] d2 = d[t + 2];
            double[] d3 = d[t + 3];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v3, d3[j], Math.fma(v2, d2[j], Math.fma(v1, d1[j], Math.fma(v0, d0[j], z[j]))));
            }
        }
        for (; t < to; t++) {
            double v0 = x[t][r];
            double[] d0 = d[t];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v0, d0[j], z[j]);
            }
        }
    }

    /**
     * Applies the gate nonlinearities in place to the pre-activations {@code g[0..4H)} and writes
     * {@code c_t} at {@code c[cp+H..]}, {@code h_t} at {@code h[cp+H..]} and {@code act(c_t)} at
     * {@code a[ao..]}, reading {@code c_{t-1}} at {@code c[cp..]}.
     *
     * <p>The work is split into loops of one kind each. The {@link Exp#exp} loops have independent
     * iterations, so the CPU overlaps their dependency chains (each exp is some twenty dependent
     * operations). The other loops index their arrays by the loop variable alone and have no branches, so
     * C2 vectorises them, the divisions of the sigmoids and tanhs included; only the two short loops that
     * combine the gates with the cell state use offsets. The operations and their order per element are
     * those of {@link Nonlinear#sigmoid} and {@link Nonlinear#tanh}, so the results are bit-identical
     * to calling them directly.
     */
    private void cellForward(int l, double[] g, double[] c, int cp, double[] h, double[] a, int ao) {
        int hs = hidden;
        boolean tanh = cfg.activation() == Activation.TANH;
        boolean peep = cfg.peepholes();
        double[] e = expScratch;
        // exp arguments in e: [0,H) i, [H,2H) f, [2H,3H) g, [3H,4H) o, [4H,5H) act(c_t). Without peepholes
        // the gates depend on z alone; with them, i and f also need c_{t-1} and o needs c_t (below).
        if (peep) {
            double[] ci = p.wCi[l].data;
            double[] cf = p.wCf[l].data;
            for (int j = 0; j < hs; j++) {
                double prevC = c[cp + j];
                e[j] = Nonlinear.sigmoidExpArg(g[j] + ci[j] * prevC);
                e[hs + j] = Nonlinear.sigmoidExpArg(g[hs + j] + cf[j] * prevC);
            }
        } else {
            for (int j = 0; j < 2 * hs; j++) {
                e[j] = Nonlinear.sigmoidExpArg(g[j]);
            }
            for (int j = 3 * hs; j < 4 * hs; j++) {
                e[j] = Nonlinear.sigmoidExpArg(g[j]);
            }
        }
        if (tanh) {
            for (int j = 2 * hs; j < 3 * hs; j++) {
                e[j] = Nonlinear.tanhExpArg(g[j]);
            }
        } else {
            for (int j = 2 * hs; j < 3 * hs; j++) {
                e[j] = Nonlinear.sigmoidExpArg(g[j]);
            }
        }
        int gatesReady = peep ? 3 * hs : 4 * hs;
        for (int j = 0; j < gatesReady; j++) {
            e[j] = Exp.exp(e[j]);
        }
        for (int j = 0; j < 2 * hs; j++) {
            g[j] = Nonlinear.sigmoidFromExp(e[j]);
        }
        if (tanh) {
            for (int j = 2 * hs; j < 3 * hs; j++) {
                g[j] = Nonlinear.tanhFromExp(e[j]);
            }
        } else {
            for (int j = 2 * hs; j < 3 * hs; j++) {
                g[j] = Nonlinear.sigmoidFromExp(e[j]);
            }
        }
        if (!peep) {
            for (int j = 3 * hs; j < 4 * hs; j++) {
                g[j] = Nonlinear.sigmoidFromExp(e[j]);
            }
        }
        // c_t = f * c_{t-1} + i * g, and the exp argument of act(c_t) (and of o, with peepholes).
        double[] co = peep ? p.wCo[l].data : null;
        for (int j = 0; j < hs; j++) {
            double nextC = g[hs + j] * c[cp + j] + g[j] * g[2 * hs + j];
            c[cp + hs + j] = nextC;
            e[4 * hs + j] = tanh ? Nonlinear.tanhExpArg(nextC) : Nonlinear.sigmoidExpArg(nextC);
            if (peep) {
                e[3 * hs + j] = Nonlinear.sigmoidExpArg(g[3 * hs + j] + co[j] * nextC);
            }
        }
        for (int j = gatesReady; j < 5 * hs; j++) {
            e[j] = Exp.exp(e[j]);
        }
        if (peep) {
            for (int j = 3 * hs; j < 4 * hs; j++) {
                g[j] = Nonlinear.sigmoidFromExp(e[j]);
            }
        }
        if (tanh) {
            for (int j = 4 * hs; j < 5 * hs; j++) {
                e[j] = Nonlinear.tanhFromExp(e[j]);
            }
        } else {
            for (int j = 4 * hs; j < 5 * hs; j++) {
                e[j] = Nonlinear.sigmoidFromExp(e[j]);
            }
        }
        // h_t = o * act(c_t)
        for (int j = 0; j < hs; j++) {
            double actC = e[4 * hs + j];
            a[ao + j] = actC;
            h[cp + hs + j] = g[3 * hs + j] * actC;
        }
    }

    /** {@code out = W_head h + b_head} for {@code h = src[off..off+H)}. */
    private void head(double[] src, int off, double[] out) {
        double[] w = p.headW.data;
        double[] b = p.headB.data;
        for (int r = 0; r < out.length; r++) {
            double s = b[r];
            int wo = r * hidden;
            for (int j = 0; j < hidden; j++) {
                s += w[wo + j] * src[off + j];
            }
            out[r] = s;
        }
    }

    /**
     * Back-propagates {@code dOut = dL/dy} through the last {@link #forward} and adds the parameter
     * gradients to {@code grad}. Also leaves dL/d(window) in {@link #inputGradient()}.
     *
     * @param dOut       gradient w.r.t. the head's output (length horizon; not modified)
     * @param truncation BPTT truncation length in timesteps, 0 for the whole window
     * @param grad       accumulates the gradient (modified)
     */
    void backward(double[] dOut, int truncation, LstmParameters grad) {
        int t1 = timesteps;
        int stop = truncation > 0 ? Math.max(0, t1 - truncation) : 0;
        double[] top = hid[layers - 1];
        int topOff = t1 * hidden;
        // Head: dW += dy h^T, db += dy, dh = W^T dy.
        double[] hw = p.headW.data;
        double[] ghw = grad.headW.data;
        double[] ghb = grad.headB.data;
        Arrays.fill(dhHead, 0.0);
        for (int r = 0; r < dOut.length; r++) {
            double d = dOut[r];
            ghb[r] += d;
            int wo = r * hidden;
            for (int j = 0; j < hidden; j++) {
                ghw[wo + j] += d * top[topOff + j];
                dhHead[j] += d * hw[wo + j];
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            backwardLayer(l, stop, grad);
        }
    }

    private void backwardLayer(int l, int stop, LstmParameters grad) {
        int t1 = timesteps;
        int hs = hidden;
        int in = cfg.layerInputSize(l);
        int k = width[l];
        Activation act = cfg.activation();
        boolean peep = cfg.peepholes();
        double[] c = cell[l];
        double[] a = actCell[l];
        double[][] wt = wCols[l];
        if (!colsValid[l]) {
            transpose(wRows[l], wt);
            colsValid[l] = true;
        }
        double[] dxh = dxhRow[l];
        double[] above = l == layers - 1 ? null : dInput[l + 1];
        double[] din = dInput[l];
        // Timesteps before the truncation point receive exactly zero.
        Arrays.fill(din, 0, stop * in, 0.0);
        double[] ci = peep ? p.wCi[l].data : null;
        double[] cf = peep ? p.wCf[l].data : null;
        double[] co = peep ? p.wCo[l].data : null;
        double[] gci = peep ? grad.wCi[l].data : null;
        double[] gcf = peep ? grad.wCf[l].data : null;
        double[] gco = peep ? grad.wCo[l].data : null;
        double[] gbi = grad.bIh[l].data;
        double[] gbh = grad.bHh[l].data;
        Arrays.fill(dh, 0.0);
        Arrays.fill(dc, 0.0);
        for (int t = t1 - 1; t >= stop; t--) {
            // dh_t = recurrent part (already in dh) + from the head (top layer, last step) or layer above.
            if (above == null) {
                if (t == t1 - 1) {
                    for (int j = 0; j < hs; j++) {
                        dh[j] += dhHead[j];
                    }
                }
            } else {
                for (int j = 0; j < hs; j++) {
                    dh[j] += above[t * hs + j];
                }
            }
            int cp = t * hs;
            double[] g = gate[l][t];
            double[] d = dz[l][t];
            for (int j = 0; j < hs; j++) {
                double inGate = g[j];
                double forgetGate = g[hs + j];
                double candidate = g[2 * hs + j];
                double outGate = g[3 * hs + j];
                double prevC = c[cp + j];
                double nextC = c[cp + hs + j];
                double actC = a[cp + j];
                double dzo = dh[j] * actC * outGate * (1.0 - outGate);
                double dC = dc[j] + dh[j] * outGate * act.derivativeFromValue(actC);
                if (peep) {
                    dC += dzo * co[j];
                }
                double dzi = dC * candidate * inGate * (1.0 - inGate);
                double dzg = dC * inGate * act.derivativeFromValue(candidate);
                double dzf = dC * prevC * forgetGate * (1.0 - forgetGate);
                double dPrevC = dC * forgetGate;
                if (peep) {
                    dPrevC += dzi * ci[j] + dzf * cf[j];
                    gci[j] += dzi * prevC;
                    gcf[j] += dzf * prevC;
                    gco[j] += dzo * nextC;
                }
                dc[j] = dPrevC;
                d[j] = dzi;
                d[hs + j] = dzf;
                d[2 * hs + j] = dzg;
                d[3 * hs + j] = dzo;
            }
            // d[x; h_{t-1}] = wT dz_t = sum_j dz_t[j] * (column j of wT): axpys over the rows of W.
            Arrays.fill(dxh, 0.0);
            rowsAxpy(wt, d, gates, dxh);
            System.arraycopy(dxh, 0, din, t * in, in);
            System.arraycopy(dxh, in, dh, 0, hs);
            for (int j = 0; j < gates; j++) {
                gbi[j] += d[j];
                gbh[j] += d[j];
            }
        }
        // All timesteps at once: dW^T += [x; h]^T dZ, a (in+H) x T by T x 4H product; row r of dW^T is the
        // sum over the trained timesteps of x_t[r] * dz_t (rows before the truncation point are zero).
        // Each gradient row is copied out, accumulated without an index offset (vectorised) and copied back.
        double[] gw = grad.wT[l].data;
        double[] z = dwRow;
        if (stop < t1) {
            for (int r = 0; r < k; r++) {
                System.arraycopy(gw, r * gates, z, 0, gates);
                gradientRow(xh[l], r, dz[l], stop, t1, z);
                System.arraycopy(z, 0, gw, r * gates, gates);
            }
        }
    }

    /** {@code dst[j][r] = src[r][j]}, four source rows per pass. */
    private static void transpose(double[][] src, double[][] dst) {
        int k = src.length;
        int n = dst.length;
        int r = 0;
        for (; r + 3 < k; r += 4) {
            double[] s0 = src[r];
            double[] s1 = src[r + 1];
            double[] s2 = src[r + 2];
            double[] s3 = src[r + 3];
            for (int j = 0; j < n; j++) {
                double[] d = dst[j];
                d[r] = s0[j];
                d[r + 1] = s1[j];
                d[r + 2] = s2[j];
                d[r + 3] = s3[j];
            }
        }
        for (; r < k; r++) {
            double[] s0 = src[r];
            for (int j = 0; j < n; j++) {
                dst[j][r] = s0[j];
            }
        }
    }

    /** dL/d(window) of the last {@link #backward}, {@code timesteps * inputSize} values (internal buffer). */
    double[] inputGradient() {
        return dInput[0];
    }

    /** Copies the final (h, c) of every layer into {@code h} and {@code c} ({@code layers * H} each). */
    void finalState(double[] h, double[] c) {
        for (int l = 0; l < layers; l++) {
            System.arraycopy(hid[l], timesteps * hidden, h, l * hidden, hidden);
            System.arraycopy(cell[l], timesteps * hidden, c, l * hidden, hidden);
        }
    }

    /**
     * One timestep without storing history: advances {@code h} and {@code c} ({@code layers * H},
     * layer-major; modified) with input {@code x} (not modified), writes layer 0's gates (i, f, g, o,
     * {@code 4H}) to {@code gates0} if not null, and the head's output on the new top state to {@code out}.
     * Uses the same kernel as {@link #forward}, so a window fed step by step gives bit-identical results.
     */
    void step(double[] x, double[] h, double[] c, double[] gates0, double[] out) {
        ensureCapacity(1);
        syncWeights();
        for (int l = 0; l < layers; l++) {
            int in = cfg.layerInputSize(l);
            double[] src = l == 0 ? x : h;
            int srcOff = l == 0 ? 0 : (l - 1) * hidden;
            double[] xhd = xh[l][0];
            System.arraycopy(src, srcOff, xhd, 0, in);
            System.arraycopy(h, l * hidden, xhd, in, hidden);
            double[] g = gate[l][0];
            double[] bi = p.bIh[l].data;
            double[] bh = p.bHh[l].data;
            for (int j = 0; j < gates; j++) {
                g[j] = bi[j] + bh[j];
            }
            rowsAxpy(wRows[l], xhd, width[l], g);
            double[] cc = cell[l];
            double[] hh = hid[l];
            System.arraycopy(c, l * hidden, cc, 0, hidden);
            cellForward(l, g, cc, 0, hh, actCell[l], 0);
            System.arraycopy(cc, hidden, c, l * hidden, hidden);
            System.arraycopy(hh, hidden, h, l * hidden, hidden);
            if (l == 0 && gates0 != null) {
                System.arraycopy(g, 0, gates0, 0, gates);
            }
        }
        head(h, (layers - 1) * hidden, out);
    }
}
