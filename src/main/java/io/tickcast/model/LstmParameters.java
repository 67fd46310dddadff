package io.tickcast.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * A set of tensors shaped like the parameters of a stacked LSTM with a linear head. The same class holds
 * the weights, their gradients and an optimiser's moments.
 *
 * <p>Storage, per layer {@code k} with input width {@code in} and hidden size {@code H}:
 * <ul>
 * <li>{@code wT[k]}: {@code (in+H) x 4H}, the transpose of {@code [W_ih | W_hh]}, so that all four gate
 * pre-activations come from one product {@code z = wT^T [x; h]} whose inner loop runs over contiguous
 * rows;</li>
 * <li>{@code bIh[k]}, {@code bHh[k]}: {@code 1 x 4H}; gate blocks in PyTorch's order i, f, g, o;</li>
 * <li>with peepholes, {@code wCi[k]}, {@code wCf[k]}, {@code wCo[k]}: {@code 1 x H} diagonal weights;</li>
 * <li>{@code headW}: {@code horizon x H}, {@code headB}: {@code 1 x horizon} ({@code nn.Linear}).</li>
 * </ul>
 * {@link #export()} and {@link #importFrom(Map)} translate to and from PyTorch's {@code state_dict} layout.
 */
public final class LstmParameters {
    static final String LSTM = "lstm.";
    static final String HEAD_WEIGHT = "head.weight";
    static final String HEAD_BIAS = "head.bias";

    private final LstmConfig config;
    final DMatrixRMaj[] wT;
    final DMatrixRMaj[] bIh;
    final DMatrixRMaj[] bHh;
    final DMatrixRMaj[] wCi;
    final DMatrixRMaj[] wCf;
    final DMatrixRMaj[] wCo;
    final DMatrixRMaj headW;
    final DMatrixRMaj headB;
    private final List<DMatrixRMaj> tensors;
    /** The same tensors as an array, for allocation-free loops. */
    final DMatrixRMaj[] array;
    /**
     * Bumped by every method here that modifies values and by {@link Optimizer#step}; code that writes
     * into {@link #array} directly must call {@link #touch()}. Lets {@link LstmNetwork} keep its weight
     * copies until the weights change.
     */
    private long version;
    /**
     * The kernel layout of {@link #wT} (per layer, its rows as separate arrays, which is what the LSTM kernel's
     * vectorised loops need) and the summed biases {@code b_ih + b_hh}: laid out lazily, for the parameters a
     * network reads (a model's weights; never its gradient or moments), and again after the values change.
     */
    private double[][][] kernelRows;
    private double[][] kernelBias;
    /** {@link #version} when {@link #kernelRows} were laid out. */
    private long kernelVersion;
    /** Changes whenever {@link #kernelRows} are laid out again. */
    private long kernelStamp;
    /** Whether {@link #tensors()} handed out the raw tensors, which the caller may edit without {@link #touch()}. */
    private boolean exposed;

    /** All-zero tensors for {@code config}. */
    public LstmParameters(LstmConfig config) {
        this.config = config;
        int layers = config.layers();
        int h = config.hiddenSize();
        wT = new DMatrixRMaj[layers];
        bIh = new DMatrixRMaj[layers];
        bHh = new DMatrixRMaj[layers];
        wCi = new DMatrixRMaj[config.peepholes() ? layers : 0];
        wCf = new DMatrixRMaj[wCi.length];
        wCo = new DMatrixRMaj[wCi.length];
        List<DMatrixRMaj> all = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            wT[k] = new DMatrixRMaj(config.layerInputSize(k) + h, 4 * h);
            bIh[k] = new DMatrixRMaj(1, 4 * h);
            bHh[k] = new DMatrixRMaj(1, 4 * h);
            all.add(wT[k]);
            all.add(bIh[k]);
            all.add(bHh[k]);
            if (config.peepholes()) {
                wCi[k] = new DMatrixRMaj(1, h);
                wCf[k] = new DMatrixRMaj(1, h);
                wCo[k] = new DMatrixRMaj(1, h);
                all.add(wCi[k]);
                all.add(wCf[k]);
                all.add(wCo[k]);
            }
        }
        headW = new DMatrixRMaj(config.horizon(), h);
        headB = new DMatrixRMaj(1, config.horizon());
        all.add(headW);
        all.add(headB);
        tensors = Collections.unmodifiableList(all);
        array = all.toArray(new DMatrixRMaj[0]);
    }

    public LstmConfig config() {
        return config;
    }

    /** Changes whenever the values change (see {@link #touch()}). */
    long version() {
        return version;
    }

    /** Records that the values were modified in place. */
    void touch() {
        version++;
    }

    /**
     * The tensors in a fixed internal order (not modified by this call; their contents may be). As the caller may
     * edit them in place without {@link #touch()}, from then on {@link #kernelRows()} lays the rows out afresh
     * at every call.
     */
    List<DMatrixRMaj> tensors() {
        exposed = true;
        return tensors;
    }

    /**
     * Per layer, the rows of {@code wT} ({@code (in+H) x 4H}) as separate arrays: the LSTM kernel's layout of
     * the weights, laid out from {@link #wT} at the first call and again whenever the values changed since (one
     * copy per optimiser step; none per forecast). The arrays are reused; do not modify them.
     */
    double[][][] kernelRows() {
        if (kernelRows == null || kernelVersion != version || exposed) {
            refreshKernelRows();
        }
        return kernelRows;
    }

    /** Per layer, {@code b_ih + b_hh} ({@code 4H}), laid out with {@link #kernelRows()}. */
    double[][] kernelBias() {
        if (kernelRows == null || kernelVersion != version || exposed) {
            refreshKernelRows();
        }
        return kernelBias;
    }

    /** Lays {@link #kernelRows()} out from the tensors now (picks up in-place edits made without {@link #touch()}). */
    void refreshKernelRows() {
        int layers = config.layers();
        int gates = 4 * config.hiddenSize();
        if (kernelRows == null) {
            kernelRows = new double[layers][][];
            kernelBias = new double[layers][gates];
            for (int l = 0; l < layers; l++) {
                kernelRows[l] = new double[config.layerInputSize(l) + config.hiddenSize()][gates];
            }
        }
        for (int l = 0; l < layers; l++) {
            double[] w = wT[l].data;
            double[][] rows = kernelRows[l];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(w, r * gates, rows[r], 0, gates);
            }
            double[] bias = kernelBias[l];
            double[] bi = bIh[l].data;
            double[] bh = bHh[l].data;
            for (int j = 0; j < gates; j++) {
                bias[j] = bi[j] + bh[j];
            }
        }
        kernelVersion = version;
        kernelStamp++;
    }

    /** Changes whenever {@link #kernelRows()} are laid out again (so transposes of them can be reused until then). */
    long kernelStamp() {
        return kernelStamp;
    }

    /** Number of scalar parameters. */
    public int size() {
        int n = 0;
        for (DMatrixRMaj t : array) {
            n += t.getNumElements();
        }
        return n;
    }

    /**
     * Fills every tensor with independent draws from {@code uniform(-1/sqrt(H), 1/sqrt(H))}, PyTorch's
     * initialisation of {@code nn.LSTM} (and, as bound, of {@code nn.Linear} with fan-in H), drawing in
     * internal order.
     */
    void initUniform(SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(config.hiddenSize());
        for (DMatrixRMaj t : array) {
            double[] d = t.data;
            for (int i = 0; i < t.getNumElements(); i++) {
                d[i] = rng.nextDouble(-bound, bound);
            }
        }
        version++;
    }

    void zero() {
        for (DMatrixRMaj t : array) {
            java.util.Arrays.fill(t.data, 0, t.getNumElements(), 0.0);
        }
        version++;
    }

    void copyFrom(LstmParameters other) {
        for (int i = 0; i < array.length; i++) {
            DMatrixRMaj src = other.array[i];
            System.arraycopy(src.data, 0, array[i].data, 0, src.getNumElements());
        }
        version++;
    }

    /**
     * Sum of squares of all elements (the squared global L2 norm), with eight independent FMA partial sums so
     * that the additions do not form one latency-bound chain.
     */
    double sumOfSquares() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (DMatrixRMaj t : array) {
            double[] d = t.data;
            int n = t.getNumElements();
            int i = 0;
            for (; i + 7 < n; i += 8) {
                s0 = Math.fma(d[i], d[i], s0);
                s1 = Math.fma(d[i + 1], d[i + 1], s1);
                s2 = Math.fma(d[i + 2], d[i + 2], s2);
                s3 = Math.fma(d[i + 3], d[i + 3], s3);
                s4 = Math.fma(d[i + 4], d[i + 4], s4);
                s5 = Math.fma(d[i + 5], d[i + 5], s5);
                s6 = Math.fma(d[i + 6], d[i + 6], s6);
                s7 = Math.fma(d[i + 7], d[i + 7], s7);
            }
            for (; i < n; i++) {
                s0 = Math.fma(d[i], d[i], s0);
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    void scale(double factor) {
        for (DMatrixRMaj t : array) {
            double[] d = t.data;
            for (int i = 0, n = t.getNumElements(); i < n; i++) {
                d[i] *= factor;
            }
        }
        version++;
    }

    /**
     * Whether every element is finite. Branch-free: {@code x * 0} is 0 for finite {@code x} and NaN for an
     * infinity or NaN, and a NaN survives the sum (four partial sums).
     */
    public boolean allFinite() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (DMatrixRMaj t : array) {
            double[] d = t.data;
            int n = t.getNumElements();
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += d[i] * 0.0;
                s1 += d[i + 1] * 0.0;
                s2 += d[i + 2] * 0.0;
                s3 += d[i + 3] * 0.0;
            }
            for (; i < n; i++) {
                s0 += d[i] * 0.0;
            }
        }
        return !Double.isNaN((s0 + s1) + (s2 + s3));
    }

    /** The state_dict key names in PyTorch order. */
    public static List<String> names(LstmConfig config) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < config.layers(); k++) {
            names.add(LSTM + "weight_ih_l" + k);
            names.add(LSTM + "weight_hh_l" + k);
            names.add(LSTM + "bias_ih_l" + k);
            names.add(LSTM + "bias_hh_l" + k);
            if (config.peepholes()) {
                names.add(LSTM + "weight_ci_l" + k);
                names.add(LSTM + "weight_cf_l" + k);
                names.add(LSTM + "weight_co_l" + k);
            }
        }
        names.add(HEAD_WEIGHT);
        names.add(HEAD_BIAS);
        return names;
    }

    /** The expected PyTorch shape of state_dict entry {@code name} (which must be one of {@link #names}). */
    public static int[] shapeOf(LstmConfig config, String name) {
        int h = config.hiddenSize();
        if (name.equals(HEAD_WEIGHT)) {
            return new int[] {config.horizon(), h};
        }
        if (name.equals(HEAD_BIAS)) {
            return new int[] {config.horizon()};
        }
        int k = Integer.parseInt(name.substring(name.lastIndexOf("_l") + 2));
        String kind = name.substring(LSTM.length(), name.lastIndexOf("_l"));
        return switch (kind) {
            case "weight_ih" -> new int[] {4 * h, config.layerInputSize(k)};
            case "weight_hh" -> new int[] {4 * h, h};
            case "bias_ih", "bias_hh" -> new int[] {4 * h};
            default -> new int[] {h};
        };
    }

    /**
     * The tensors as an ordered {@code state_dict} in PyTorch's layout: {@code lstm.weight_ih_l{k}}
     * ({@code 4H x in}), {@code lstm.weight_hh_l{k}} ({@code 4H x H}), {@code lstm.bias_ih_l{k}},
     * {@code lstm.bias_hh_l{k}} ({@code 4H}), optional {@code lstm.weight_c{i,f,o}_l{k}} ({@code H}), then
     * {@code head.weight} ({@code horizon x H}) and {@code head.bias} ({@code horizon}). Copies.
     */
    public Map<String, NamedTensor> export() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        int h = config.hiddenSize();
        for (int k = 0; k < config.layers(); k++) {
            int in = config.layerInputSize(k);
            out.put(LSTM + "weight_ih_l" + k, transposedBlock(LSTM + "weight_ih_l" + k, wT[k], 0, in));
            out.put(LSTM + "weight_hh_l" + k, transposedBlock(LSTM + "weight_hh_l" + k, wT[k], in, h));
            out.put(LSTM + "bias_ih_l" + k, vector(LSTM + "bias_ih_l" + k, bIh[k]));
            out.put(LSTM + "bias_hh_l" + k, vector(LSTM + "bias_hh_l" + k, bHh[k]));
            if (config.peepholes()) {
                out.put(LSTM + "weight_ci_l" + k, vector(LSTM + "weight_ci_l" + k, wCi[k]));
                out.put(LSTM + "weight_cf_l" + k, vector(LSTM + "weight_cf_l" + k, wCf[k]));
                out.put(LSTM + "weight_co_l" + k, vector(LSTM + "weight_co_l" + k, wCo[k]));
            }
        }
        out.put(HEAD_WEIGHT, new NamedTensor(HEAD_WEIGHT, new int[] {headW.numRows, headW.numCols},
                java.util.Arrays.copyOf(headW.data, headW.getNumElements())));
        out.put(HEAD_BIAS, vector(HEAD_BIAS, headB));
        return out;
    }

    /**
     * Replaces every tensor with the entry of the same name in {@code stateDict} (PyTorch layout, see
     * {@link #export()}). Entries not belonging to this configuration are ignored.
     *
     * @throws IllegalArgumentException naming the key and the expected shape if an entry is missing or
     *                                  misshapen, or naming the key if a value is not finite; nothing is
     *                                  modified in that case
     */
    public void importFrom(Map<String, NamedTensor> stateDict) {
        for (String name : names(config)) {
            int[] expected = shapeOf(config, name);
            NamedTensor t = stateDict.get(name);
            if (t == null) {
                throw new IllegalArgumentException("missing parameter '" + name + "', expected shape "
                        + java.util.Arrays.toString(expected));
            }
            if (!t.hasShape(expected)) {
                throw new IllegalArgumentException("parameter '" + name + "' has shape " + t.shapeString()
                        + ", expected " + java.util.Arrays.toString(expected));
            }
            for (int i = 0, n = t.size(); i < n; i++) {
                if (!Double.isFinite(t.at(i))) {
                    throw new IllegalArgumentException("parameter '" + name + "' has a non-finite value at " + i);
                }
            }
        }
        int h = config.hiddenSize();
        for (int k = 0; k < config.layers(); k++) {
            int in = config.layerInputSize(k);
            setTransposedBlock(stateDict.get(LSTM + "weight_ih_l" + k), wT[k], 0, in);
            setTransposedBlock(stateDict.get(LSTM + "weight_hh_l" + k), wT[k], in, h);
            setVector(stateDict.get(LSTM + "bias_ih_l" + k), bIh[k]);
            setVector(stateDict.get(LSTM + "bias_hh_l" + k), bHh[k]);
            if (config.peepholes()) {
                setVector(stateDict.get(LSTM + "weight_ci_l" + k), wCi[k]);
                setVector(stateDict.get(LSTM + "weight_cf_l" + k), wCf[k]);
                setVector(stateDict.get(LSTM + "weight_co_l" + k), wCo[k]);
            }
        }
        setVector(stateDict.get(HEAD_WEIGHT), headW);
        setVector(stateDict.get(HEAD_BIAS), headB);
        version++;
    }

    /** Rows {@code [from, from+count)} of {@code wT}, transposed: a {@code 4H x count} PyTorch weight. */
    private static NamedTensor transposedBlock(String name, DMatrixRMaj wT, int from, int count) {
        int g = wT.numCols;
        double[] d = new double[g * count];
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < count; c++) {
                d[r * count + c] = wT.data[(from + c) * g + r];
            }
        }
        return new NamedTensor(name, new int[] {g, count}, d);
    }

    private static void setTransposedBlock(NamedTensor t, DMatrixRMaj wT, int from, int count) {
        int g = wT.numCols;
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < count; c++) {
                wT.data[(from + c) * g + r] = t.at(r * count + c);
            }
        }
    }

    private static NamedTensor vector(String name, DMatrixRMaj m) {
        return NamedTensor.vector(name, java.util.Arrays.copyOf(m.data, m.getNumElements()));
    }

    private static void setVector(NamedTensor t, DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = t.at(i);
        }
    }
}
