package io.tickcast.model;

import java.util.Arrays;


/**
 * Forward and backward pass of a stacked LSTM with a linear head over one window or a mini-batch of windows, with
 * preallocated workspaces (grown only when a longer window or a larger batch appears). Not thread-safe.
 *
 * <p>Mini-batch kernels ({@link #forwardBatch}, {@link #backwardBatch}; docs/performance.md): the activations of
 * every window of a batch are kept ([layer][window][timestep] rows), the recurrences run window by window, and the
 * weight gradient is summed once per batch over all (window, timestep) pairs in window-major order, so every
 * floating-point sum has exactly the terms, in exactly the order, of one window at a time: the results are bit for
 * bit those of {@link #forward} and {@link #backward} window by window ({@code BatchKernelIdentityTest} keeps the
 * one-window kernel as its reference). The weights are read in the parameters' own
 * {@linkplain LstmParameters#kernelRows() kernel layout}, so pointing the network at another model copies nothing.
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
final class LstmNetwork {
    private final LstmConfig cfg;
    private LstmParameters p;
    private final int hidden;
    private final int gates;
    private final int layers;
    private final int[] width; // per layer: in + H, the length of the concatenated [x; h]

    /** Timesteps and windows the buffers hold. */
    private int capacity;
    private int batchCapacity;
    private int timesteps;
    /*
     * Per-timestep buffers are arrays of rows rather than one flat array with an offset per row: C2 (JDK 17)
     * vectorises a loop like z[j] += a * w[j] over separate arrays, but not z[zo + j] += a * w[wo + j]
     * (an invariant offset makes SuperWord give up or produce code slower than scalar; measured 3-7x, and 2.5x
     * again for the gate product in issue 24).
     */
    /** Per layer, per window of the batch: row t is [x_t; h_{t-1}]. */
    private final double[][][][] xh;
    /** Per layer, per window: row t is dL/dz_t (pre-activation gradient, 4H). */
    private final double[][][][] dz;
    /** Per layer, per window: row t holds the post-activation gates i, f, g, o (4H). */
    private final double[][][][] gate;
    /**
     * Per layer: the rows of {@code wT} ({@code (in+H) x 4H}), the parameters' own {@linkplain
     * LstmParameters#kernelRows() kernel layout} (not a copy: pointing the network at another model's parameters
     * copies nothing).
     */
    private double[][][] wRows;
    /** Per layer: {@code b_ih + b_hh}, the parameters' own (refreshed with the kernel rows). */
    private double[][] biasSum;
    /**
     * Per layer: {@code W = wT^T} ({@code 4H x (H+in)}) as rows, with the recurrent columns first: row j is
     * {@code [W_hh[j]; W_ih[j]]}, so that {@code dh_{t-1} = W_hh^T dz_t} is a product over the first H columns
     * alone (the input's gradient is needed only for the layers above the first and for
     * {@link #inputGradient()}). Transposed from {@link #wRows} by the first backward pass after the kernel rows
     * changed and reused until they change again.
     */
    private final double[][][] wCols;
    /** The parameters and their kernel rows' {@linkplain LstmParameters#kernelStamp() stamp} of {@link #wCols}. */
    private LstmParameters colsOf;
    private long colsStamp;
    /** Per layer: scratch for {@code d[h_{t-1}; x]} ({@code H+in}). */
    private final double[][] dxhRow;
    /** Scratch row for one row of the weight gradient {@code dW^T}. */
    private final double[] dwRow;
    /** Per layer: the (window, timestep) rows of {@link #xh} and {@link #dz} that the weight gradient sums. */
    private double[][][] gradX;
    private double[][][] gradD;
    /** Per layer, per window: (T+1) x H cell states; row 0 is the initial state. */
    private final double[][][] cell;
    /** Per layer, per window: (T+1) x H hidden states; row 0 is the initial state. */
    private final double[][][] hid;
    /** Per layer, per window: T x H act(c_t). */
    private final double[][][] actCell;
    /** Per layer: T x in gradient of the loss w.r.t. the layer's input (of the window being back-propagated). */
    private final double[][] dInput;
    /** Per window: the head's output. */
    private double[][] outputs;
    private final double[][] single = new double[1][];
    private final double[] dh;
    private final double[] dc;
    private final double[] dhHead;
    /** Scratch for {@link #cellForward}: the 5H exp arguments/values of one timestep. */
    private final double[] expScratch;

    LstmNetwork(LstmParameters params) {
        this.p = params;
        this.cfg = params.config();
        this.hidden = cfg.hiddenSize();
        this.gates = 4 * hidden;
        this.layers = cfg.layers();
        this.width = new int[layers];
        this.xh = new double[layers][][][];
        this.dz = new double[layers][][][];
        this.gate = new double[layers][][][];
        this.wCols = new double[layers][][];
        this.dxhRow = new double[layers][];
        this.cell = new double[layers][][];
        this.hid = new double[layers][][];
        this.actCell = new double[layers][][];
        this.dInput = new double[layers][];
        for (int l = 0; l < layers; l++) {
            width[l] = cfg.layerInputSize(l) + hidden;
            wCols[l] = new double[gates][width[l]];
            dxhRow[l] = new double[width[l]];
        }
        this.dwRow = new double[gates];
        this.dh = new double[hidden];
        this.dc = new double[hidden];
        this.dhHead = new double[hidden];
        this.expScratch = new double[5 * hidden];
        ensureCapacity(8, 1);
    }

    /**
     * Points the network at {@code params}, of the same configuration (a network shared by the models of one
     * configuration, {@link Scratch}). Copies nothing: the passes read the parameters' own kernel rows.
     */
    void bind(LstmParameters params) {
        if (params == p) {
            return;
        }
        if (!params.config().equals(cfg)) {
            throw new IllegalArgumentException("parameters of another configuration: " + params.config() + ", network " + cfg);
        }
        p = params;
    }

    /**
     * Grows the buffers to hold at least {@code t} timesteps of {@code b} windows (the only allocation; the
     * windows' buffers already allocated are kept when only the batch grows).
     */
    private void ensureCapacity(int t, int b) {
        if (t <= capacity && b <= batchCapacity) {
            return;
        }
        int cap = t <= capacity ? capacity : Math.max(t, capacity * 2);
        int batch = Math.max(b, batchCapacity);
        for (int l = 0; l < layers; l++) {
            int in = cfg.layerInputSize(l);
            xh[l] = new double[batch][cap][width[l]];
            dz[l] = new double[batch][cap][gates];
            gate[l] = new double[batch][cap][gates];
            cell[l] = new double[batch][(cap + 1) * hidden];
            hid[l] = new double[batch][(cap + 1) * hidden];
            actCell[l] = new double[batch][cap * hidden];
            dInput[l] = new double[cap * in];
        }
        outputs = new double[batch][cfg.horizon()];
        gradX = new double[layers][batch * cap][];
        gradD = new double[layers][batch * cap][];
        capacity = cap;
        batchCapacity = batch;
    }

    /**
     * Runs the window through the network and stores every activation for {@link #backward}, after
     * refreshing the parameters' kernel rows (so in-place edits of the parameters are seen).
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
     * As {@link #forward}, but reads the parameters' kernel rows as they are unless the parameters changed
     * since they were laid out ({@link LstmParameters#kernelRows()}).
     */
    double[] forwardCached(double[] window, int timesteps, double[] h0, double[] c0) {
        syncWeights();
        return run(window, timesteps, h0, c0);
    }

    private double[] run(double[] window, int timesteps, double[] h0, double[] c0) {
        checkWindow(window, timesteps);
        ensureCapacity(timesteps, 1);
        this.timesteps = timesteps;
        forwardWindow(0, window, h0, c0);
        return outputs[0];
    }

    private void checkWindow(double[] window, int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
        }
        int in0 = cfg.inputSize();
        if (window.length < timesteps * in0) {
            throw new IllegalArgumentException("window has " + window.length + " values, need timesteps * inputSize = "
                    + timesteps * in0);
        }
    }

    /** Most windows per {@link #forwardBatch}. */
    static final int MAX_WINDOWS_PER_PASS = 32;
    /** Doubles of stored activations per {@link #forwardBatch} beyond which it takes fewer windows (8 MB). */
    private static final long PASS_BUDGET = 1L << 20;

    /**
     * How many windows of {@code timesteps} one {@link #forwardBatch} should take: {@value #MAX_WINDOWS_PER_PASS},
     * fewer if their stored activations would exceed 8 MB (long windows of a wide network), at least one.
     */
    int windowsPerPass(int timesteps) {
        long perWindow = 0;
        for (int l = 0; l < layers; l++) {
            perWindow += (long) timesteps * (width[l] + 2L * gates + hidden) + 2L * (timesteps + 1) * hidden;
        }
        return (int) Math.max(1, Math.min(MAX_WINDOWS_PER_PASS, PASS_BUDGET / Math.max(1, perWindow)));
    }

    /**
     * The forward pass of a mini-batch: windows {@code [from, to)}, each from zero state, with every activation
     * stored for {@link #backwardBatch}. Each window's arithmetic is exactly that of {@link #forwardCached}.
     *
     * @return the head's outputs, row {@code s - from} for window {@code s} (internal buffers, valid until the
     *         next pass)
     */
    double[][] forwardBatch(double[][] windows, int from, int to, int timesteps) {
        int n = to - from;
        for (int s = from; s < to; s++) {
            checkWindow(windows[s], timesteps);
        }
        ensureCapacity(timesteps, n);
        this.timesteps = timesteps;
        syncWeights();
        for (int b = 0; b < n; b++) {
            forwardWindow(b, windows[from + b], null, null);
        }
        return outputs;
    }

    private void forwardWindow(int b, double[] window, double[] h0, double[] c0) {
        for (int l = 0; l < layers; l++) {
            forwardLayer(l, b, l == 0 ? window : hid[l - 1][b], l == 0 ? 0 : hidden, h0, c0);
        }
        head(hid[layers - 1][b], timesteps * hidden, outputs[b]);
    }

    /** Points at the parameters' kernel rows, laid out again if the parameters changed. */
    private void syncWeights() {
        wRows = p.kernelRows();
        biasSum = p.kernelBias();
    }

    /** Lays the parameters' kernel rows out again from their tensors (picks up in-place edits). */
    void reloadWeights() {
        p.refreshKernelRows();
        syncWeights();
    }

    private void forwardLayer(int l, int b, double[] input, int inputOffset, double[] h0, double[] c0) {
        int in = cfg.layerInputSize(l);
        int k = width[l];
        int t1 = timesteps;
        double[] h = hid[l][b];
        double[] c = cell[l][b];
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
        double[][] w = wRows[l];
        double[][] xs = xh[l][b];
        double[][] gs = gate[l][b];
        double[] a = actCell[l][b];
        for (int t = 0; t < t1; t++) {
            double[] x = xs[t];
            // The layer input is x_t (layer 0) or the layer below's h_t, stored one row later (row 0 = h0).
            System.arraycopy(input, inputOffset + t * in, x, 0, in);
            System.arraycopy(h, t * hidden, x, in, hidden);
            double[] g = gs[t];
            System.arraycopy(bias, 0, g, 0, gates);
            rowsAxpy(w, x, k, g);
            cellForward(l, g, c, t * hidden, h, a, t * hidden);
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
     * {@code dW^T += [x; h]^T dZ}, four (window, timestep) pairs per pass (summed in order).
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
        single[0] = dOut;
        backwardBatch(single, 1, truncation, grad);
        single[0] = null;
    }

    /**
     * Back-propagates the last {@link #forwardBatch} of {@code n} windows, {@code dOuts[b] = dL/dy} of window
     * {@code b}, and adds the parameter gradients to {@code grad}: bit for bit what {@link #backward} after each
     * window's {@link #forward} adds, in window order. The recurrences run window by window (the head's, the
     * biases' and the peepholes' gradients accumulate in exactly the per-window order); the weight gradient, which
     * the per-window pass added window by window, timestep by timestep, is summed once for the whole batch in that
     * same order per element: row r of {@code dW^T} over the (window, timestep) pairs in window-major order, one
     * pass over the row per four pairs (per window there were two: timesteps 0-3 and 4), loaded and stored once
     * per batch instead of once per window. Leaves dL/d(last window) in {@link #inputGradient()}.
     */
    void backwardBatch(double[][] dOuts, int n, int truncation, LstmParameters grad) {
        int t1 = timesteps;
        int stop = truncation > 0 ? Math.max(0, t1 - truncation) : 0;
        syncTransposes();
        double[] hw = p.headW.data;
        double[] ghw = grad.headW.data;
        double[] ghb = grad.headB.data;
        for (int b = 0; b < n; b++) {
            double[] dOut = dOuts[b];
            double[] top = hid[layers - 1][b];
            int topOff = t1 * hidden;
            // Head: dW += dy h^T, db += dy, dh = W^T dy.
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
                backwardLayer(l, b, stop, grad, l > 0 || b == n - 1);
            }
        }
        for (int l = 0; l < layers; l++) {
            weightGradient(l, n, stop, grad);
        }
    }

    /** Transposes the kernel rows into {@link #wCols} unless they already are these rows' transposes. */
    private void syncTransposes() {
        long stamp = p.kernelStamp();
        if (colsOf == p && colsStamp == stamp) {
            return;
        }
        for (int l = 0; l < layers; l++) {
            transpose(wRows[l], cfg.layerInputSize(l), wCols[l]);
        }
        colsOf = p;
        colsStamp = stamp;
    }

    /**
     * One window's pass through layer l, timesteps {@code t1-1} down to {@code stop}: the pre-activation gradients
     * into {@link #dz}, the bias and peephole gradients into {@code grad}. With {@code withInput}, the gradient
     * w.r.t. the layer's input goes to {@link #dInput} (the layer below needs it; for the first layer only
     * {@link #inputGradient()} shows it); without, only the recurrent part {@code W_hh^T dz} is computed.
     */
    private void backwardLayer(int l, int b, int stop, LstmParameters grad, boolean withInput) {
        int t1 = timesteps;
        int hs = hidden;
        int in = cfg.layerInputSize(l);
        Activation act = cfg.activation();
        boolean peep = cfg.peepholes();
        double[] c = cell[l][b];
        double[] a = actCell[l][b];
        double[][] wt = wCols[l];
        double[] dxh = dxhRow[l];
        double[] above = l == layers - 1 ? null : dInput[l + 1];
        double[] din = dInput[l];
        if (withInput) {
            // Timesteps before the truncation point receive exactly zero.
            Arrays.fill(din, 0, stop * in, 0.0);
        }
        double[] ci = peep ? p.wCi[l].data : null;
        double[] cf = peep ? p.wCf[l].data : null;
        double[] co = peep ? p.wCo[l].data : null;
        double[] gci = peep ? grad.wCi[l].data : null;
        double[] gcf = peep ? grad.wCf[l].data : null;
        double[] gco = peep ? grad.wCo[l].data : null;
        double[] gbi = grad.bIh[l].data;
        double[] gbh = grad.bHh[l].data;
        double[][] gs = gate[l][b];
        double[][] ds = dz[l][b];
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
            double[] g = gs[t];
            double[] d = ds[t];
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
            // d[h_{t-1}; x] = W^T dz_t = sum_j dz_t[j] * (row j of W): axpys over the rows of W, each element summed
            // over j in order from zero; without the input's gradient, over the first H columns only.
            if (withInput) {
                Arrays.fill(dxh, 0.0);
                rowsAxpy(wt, d, gates, dxh);
                System.arraycopy(dxh, 0, dh, 0, hs);
                System.arraycopy(dxh, hs, din, t * in, in);
            } else {
                Arrays.fill(dh, 0.0);
                rowsAxpy(wt, d, gates, dh);
            }
            for (int j = 0; j < gates; j++) {
                gbi[j] += d[j];
                gbh[j] += d[j];
            }
        }
    }

    /**
     * {@code dW^T += [x; h]^T dZ} over the batch: row r of {@code dW^T} gains {@code x_t[r] * dz_t} for every
     * window in order and, within it, every trained timestep in order. Each gradient row is copied out,
     * accumulated without an index offset (vectorised) and copied back, once per batch.
     */
    private void weightGradient(int l, int n, int stop, LstmParameters grad) {
        int t1 = timesteps;
        if (stop >= t1) {
            return;
        }
        double[][] xs = gradX[l];
        double[][] ds = gradD[l];
        int count = 0;
        for (int b = 0; b < n; b++) {
            double[][] x = xh[l][b];
            double[][] d = dz[l][b];
            for (int t = stop; t < t1; t++) {
                xs[count] = x[t];
                ds[count] = d[t];
                count++;
            }
        }
        double[] gw = grad.wT[l].data;
        double[] z = dwRow;
        for (int r = 0, k = width[l]; r < k; r++) {
            System.arraycopy(gw, r * gates, z, 0, gates);
            gradientRow(xs, r, ds, 0, count, z);
            System.arraycopy(z, 0, gw, r * gates, gates);
        }
    }

    /**
     * {@code dst[j] = [src[in..in+H)[j]; src[0..in)[j]]}: the transpose of the {@code (in+H) x 4H} rows with
     * the recurrent columns first, four source rows per pass.
     */
    private static void transpose(double[][] src, int in, double[][] dst) {
        int k = src.length;
        int n = dst.length;
        int hs = k - in;
        int r = 0;
        for (; r + 3 < k; r += 4) {
            double[] s0 = src[r];
            double[] s1 = src[r + 1];
            double[] s2 = src[r + 2];
            double[] s3 = src[r + 3];
            int c0 = r < in ? hs + r : r - in;
            int c1 = r + 1 < in ? hs + r + 1 : r + 1 - in;
            int c2 = r + 2 < in ? hs + r + 2 : r + 2 - in;
            int c3 = r + 3 < in ? hs + r + 3 : r + 3 - in;
            for (int j = 0; j < n; j++) {
                double[] d = dst[j];
                d[c0] = s0[j];
                d[c1] = s1[j];
                d[c2] = s2[j];
                d[c3] = s3[j];
            }
        }
        for (; r < k; r++) {
            double[] s0 = src[r];
            int c0 = r < in ? hs + r : r - in;
            for (int j = 0; j < n; j++) {
                dst[j][c0] = s0[j];
            }
        }
    }

    /** dL/d(window) of the last {@link #backward} (of a batch: its last window), {@code timesteps * inputSize} values (internal buffer). */
    double[] inputGradient() {
        return dInput[0];
    }

    /** Copies the final (h, c) of every layer of the last {@link #forward} into {@code h} and {@code c} ({@code layers * H} each). */
    void finalState(double[] h, double[] c) {
        for (int l = 0; l < layers; l++) {
            System.arraycopy(hid[l][0], timesteps * hidden, h, l * hidden, hidden);
            System.arraycopy(cell[l][0], timesteps * hidden, c, l * hidden, hidden);
        }
    }

    /**
     * One timestep without storing history: advances {@code h} and {@code c} ({@code layers * H},
     * layer-major; modified) with input {@code x} (not modified), writes layer 0's gates (i, f, g, o,
     * {@code 4H}) to {@code gates0} if not null, and the head's output on the new top state to {@code out}.
     * Uses the same kernel as {@link #forward}, so a window fed step by step gives bit-identical results.
     */
    void step(double[] x, double[] h, double[] c, double[] gates0, double[] out) {
        ensureCapacity(1, 1);
        syncWeights();
        for (int l = 0; l < layers; l++) {
            int in = cfg.layerInputSize(l);
            double[] src = l == 0 ? x : h;
            int srcOff = l == 0 ? 0 : (l - 1) * hidden;
            double[] xhd = xh[l][0][0];
            System.arraycopy(src, srcOff, xhd, 0, in);
            System.arraycopy(h, l * hidden, xhd, in, hidden);
            double[] g = gate[l][0][0];
            System.arraycopy(biasSum[l], 0, g, 0, gates);
            rowsAxpy(wRows[l], xhd, width[l], g);
            double[] cc = cell[l][0];
            double[] hh = hid[l][0];
            System.arraycopy(c, l * hidden, cc, 0, hidden);
            cellForward(l, g, cc, 0, hh, actCell[l][0], 0);
            System.arraycopy(cc, hidden, c, l * hidden, hidden);
            System.arraycopy(hh, hidden, h, l * hidden, hidden);
            if (l == 0 && gates0 != null) {
                System.arraycopy(g, 0, gates0, 0, gates);
            }
        }
        head(h, (layers - 1) * hidden, out);
    }
}
