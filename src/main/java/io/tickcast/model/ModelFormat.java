package io.tickcast.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model state, big-endian, written into one exactly sized {@link ByteBuffer}. The state carries
 * no header of its own: the store that keeps it frames it (magic, version, length, CRC). Layout:
 * <pre>
 *   int    inputSize, hiddenSize, layers, horizon
 *   byte   activation (0 tanh, 1 sigmoid);  byte peepholes (0/1)
 *   byte   optimizer (0 RMSprop, 1 Adam)
 *   double learningRate, rho, beta1, beta2, eps
 *   int    epochs, batchSize, bpttSteps;  double clipNorm
 *   long   seed
 *   long   updates, skippedSteps, rollbacks;  double lastLoss
 *   double[] parameters, every state_dict entry in PyTorch order and layout (row-major)
 *   long   optimizer steps; then its moments in the same order (RMSprop: v; Adam: m, v)
 * </pre>
 * Size: {@code 127 + 8 * P * (1 + moments)} bytes for P parameters. For H=25, 1 input, 1 layer, horizon 1,
 * no peepholes (P = 2826) with RMSprop that is 45 343 bytes (about 44 KiB); with Adam 67 951 bytes. Doubles
 * are written with their raw bits, so a restored model holds exactly the bits it had.
 *
 * <p>Format version 1, which tickcast wrote until the stores framed their records, is this layout between
 * a header ({@code int} magic 0x54434C4D "TCLM", {@code int} version 1) and a trailing {@code int}
 * CRC-32, with two more bytes of the removed stateful training: a {@code stateful} flag after
 * {@code clipNorm} and a carried-state flag after the optimiser (followed by the carried h and c when set).
 * {@link #readVersion1} still reads it, and refuses a stateful state.
 */
final class ModelFormat {
    static final int V1_MAGIC = 0x54434C4D;
    static final int V1_VERSION = 1;
    /** Bytes of the two configurations, before the body. */
    static final int CONFIGS = 4 * 4 + 3 + 5 * 8 + 3 * 4 + 8;

    private ModelFormat() {
    }

    static int stateBytes(LstmModel model) {
        return CONFIGS + model.bodySize();
    }

    /** Writes the state at {@code out}'s position (advanced by {@link #stateBytes}). */
    static void writeState(ByteBuffer out, LstmModel model) {
        LstmConfig c = model.config();
        out.putInt(c.inputSize());
        out.putInt(c.hiddenSize());
        out.putInt(c.layers());
        out.putInt(c.horizon());
        out.put((byte) c.activation().ordinal());
        out.put((byte) (c.peepholes() ? 1 : 0));
        TrainConfig t = model.trainConfig();
        out.put((byte) t.optimizer().ordinal());
        out.putDouble(t.learningRate());
        out.putDouble(t.rho());
        out.putDouble(t.beta1());
        out.putDouble(t.beta2());
        out.putDouble(t.eps());
        out.putInt(t.epochs());
        out.putInt(t.batchSize());
        out.putInt(t.bpttSteps());
        out.putDouble(t.clipNorm());
        model.writeBody(out);
    }

    /**
     * Reads what {@link #writeState} wrote, from {@code in}'s position.
     *
     * @throws IllegalArgumentException on an unknown code or a truncated state
     */
    static LstmModel readState(ByteBuffer in) {
        return readState(in, false);
    }

    /** @param version1 whether the two flags of the removed stateful training are present (format version 1) */
    private static LstmModel readState(ByteBuffer in, boolean version1) {
        try {
            LstmConfig config = LstmConfig.builder().inputSize(in.getInt()).hiddenSize(in.getInt())
                    .layers(in.getInt()).horizon(in.getInt()).activation(enumAt(Activation.values(), in.get(), "activation"))
                    .peepholes(in.get() != 0).build();
            TrainConfig train = TrainConfig.builder()
                    .optimizer(enumAt(TrainConfig.OptimizerKind.values(), in.get(), "optimizer"))
                    .learningRate(in.getDouble()).rho(in.getDouble()).beta1(in.getDouble())
                    .beta2(in.getDouble()).eps(in.getDouble()).epochs(in.getInt()).batchSize(in.getInt())
                    .bpttSteps(in.getInt()).clipNorm(in.getDouble()).build();
            if (version1 && in.get() != 0) {
                throw new IllegalArgumentException("model state is of a stateful model; stateful training was removed"
                        + " and such a state cannot be loaded");
            }
            LstmModel model = LstmModel.readBody(config, train, in);
            if (version1 && in.get() != 0) {
                throw new IllegalArgumentException("model state carries a stateful model's state; stateful training"
                        + " was removed and such a state cannot be loaded");
            }
            return model;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("model state truncated", e);
        }
    }

    /**
     * Reads a format version 1 state: header, the state, CRC-32.
     *
     * @throws IllegalArgumentException on a bad magic number or version, a CRC mismatch, truncation or trailing bytes
     */
    static LstmModel readVersion1(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            throw new IllegalArgumentException("model state truncated: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        int magic = in.getInt();
        if (magic != V1_MAGIC) {
            throw new IllegalArgumentException(String.format("not a tickcast LSTM model state: magic 0x%08X, expected 0x%08X", magic, V1_MAGIC));
        }
        int version = in.getInt();
        if (version != V1_VERSION) {
            throw new IllegalArgumentException("unsupported model state format version " + version + ", this build reads " + V1_VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException("model state corrupt or truncated: CRC-32 mismatch (" + bytes.length + " bytes)");
        }
        LstmModel model = readState(in, true);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("model state has " + in.remaining() + " unexpected trailing bytes");
        }
        return model;
    }

    private static <E extends Enum<E>> E enumAt(E[] values, byte ordinal, String what) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IllegalArgumentException("model state has unknown " + what + " code " + ordinal);
        }
        return values[ordinal];
    }

    /**
     * Writes every tensor's values in PyTorch state_dict order and layout (as {@link LstmParameters#export()}
     * orders them), straight from the internal storage: the weight blocks are the transposed row blocks of
     * {@code wT}, everything else is contiguous and goes in bulk.
     */
    static void writeParameters(ByteBuffer out, LstmParameters p) {
        LstmConfig c = p.config();
        int h = c.hiddenSize();
        for (int k = 0; k < c.layers(); k++) {
            int in = c.layerInputSize(k);
            writeTransposedBlock(out, p.wT[k].data, 4 * h, 0, in);
            writeTransposedBlock(out, p.wT[k].data, 4 * h, in, h);
            writeDoubles(out, p.bIh[k].data, 4 * h);
            writeDoubles(out, p.bHh[k].data, 4 * h);
            if (c.peepholes()) {
                writeDoubles(out, p.wCi[k].data, h);
                writeDoubles(out, p.wCf[k].data, h);
                writeDoubles(out, p.wCo[k].data, h);
            }
        }
        writeDoubles(out, p.headW.data, c.horizon() * h);
        writeDoubles(out, p.headB.data, c.horizon());
    }

    /** Rows {@code [from, from+count)} of the {@code ? x g} row-major {@code wT}, transposed ({@code g x count}). */
    private static void writeTransposedBlock(ByteBuffer out, double[] wT, int g, int from, int count) {
        int pos = out.position();
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < count; c++) {
                out.putDouble(pos, wT[(from + c) * g + r]);
                pos += 8;
            }
        }
        out.position(pos);
    }

    /** Reads what {@link #writeParameters} wrote into {@code p} (modified; validated by {@link LstmParameters#importFrom}). */
    static void readParameters(ByteBuffer in, LstmParameters p) {
        LstmConfig c = p.config();
        Map<String, NamedTensor> dict = new LinkedHashMap<>();
        for (String name : LstmParameters.names(c)) {
            int[] shape = LstmParameters.shapeOf(c, name);
            double[] d = new double[shape.length == 2 ? shape[0] * shape[1] : shape[0]];
            readDoubles(in, d);
            dict.put(name, new NamedTensor(name, shape, d));
        }
        p.importFrom(dict);
    }

    /** Writes {@code d[0..n)} in one bulk (byte-swapping) copy, raw bits. */
    static void writeDoubles(ByteBuffer out, double[] d, int n) {
        out.asDoubleBuffer().put(d, 0, n);
        out.position(out.position() + 8 * n);
    }

    /** Fills {@code d} from {@code in} (bulk). */
    static void readDoubles(ByteBuffer in, double[] d) {
        if (in.remaining() < 8 * d.length) {
            throw new BufferUnderflowException();
        }
        in.asDoubleBuffer().get(d);
        in.position(in.position() + 8 * d.length);
    }
}
