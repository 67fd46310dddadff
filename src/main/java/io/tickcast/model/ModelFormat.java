package io.tickcast.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model state, big-endian (the layout of {@link java.io.DataOutputStream}, which wrote it
 * before; written now into one exactly sized {@link ByteBuffer}). Format version 1:
 * <pre>
 *   int    magic 0x54434C4D ("TCLM")
 *   int    version (1)
 *   int    inputSize, hiddenSize, layers, horizon
 *   byte   activation (0 tanh, 1 sigmoid);  byte peepholes (0/1)
 *   byte   optimizer (0 RMSprop, 1 Adam)
 *   double learningRate, rho, beta1, beta2, eps
 *   int    epochs, batchSize, bpttSteps;  double clipNorm;  byte stateful
 *   long   seed
 *   long   updates, skippedSteps, rollbacks;  double lastLoss
 *   double[] parameters, every state_dict entry in PyTorch order and layout (row-major)
 *   long   optimizer steps; then its moments in the same order (RMSprop: v; Adam: m, v)
 *   byte   hasCarriedState; if 1: double[layers*H] h, double[layers*H] c
 *   int    CRC-32 of all preceding bytes
 * </pre>
 * Size: {@code 141 + 8 * P * (1 + moments)} bytes for P parameters, plus {@code 16 * layers * H} with a
 * carried state. For H=25, 1 input, 1 layer, horizon 1, no peepholes (P = 2826) with RMSprop that is
 * 45 357 bytes (about 44 KiB); with Adam 67 965 bytes.
 *
 * <p>Doubles are written as {@link Double#doubleToLongBits} (NaNs collapsed to the canonical NaN), like
 * {@link java.io.DataOutput#writeDouble}, so the output is byte-identical to the former stream writer.
 */
final class ModelFormat {
    static final int MAGIC = 0x54434C4D;
    static final int VERSION = 1;
    /** Bytes before the body: magic, version, the two configurations. */
    static final int HEADER = 4 + 4 + 4 * 4 + 3 + 5 * 8 + 3 * 4 + 8 + 1;

    private ModelFormat() {
    }

    static byte[] write(LstmModel model) {
        int size = HEADER + model.bodySize() + 4;
        byte[] bytes = new byte[size];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        out.putInt(MAGIC);
        out.putInt(VERSION);
        LstmConfig c = model.config();
        out.putInt(c.inputSize());
        out.putInt(c.hiddenSize());
        out.putInt(c.layers());
        out.putInt(c.horizon());
        out.put((byte) c.activation().ordinal());
        out.put((byte) (c.peepholes() ? 1 : 0));
        TrainConfig t = model.trainConfig();
        out.put((byte) t.optimizer().ordinal());
        putDouble(out, t.learningRate());
        putDouble(out, t.rho());
        putDouble(out, t.beta1());
        putDouble(out, t.beta2());
        putDouble(out, t.eps());
        out.putInt(t.epochs());
        out.putInt(t.batchSize());
        out.putInt(t.bpttSteps());
        putDouble(out, t.clipNorm());
        out.put((byte) (t.stateful() ? 1 : 0));
        model.writeBody(out);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, out.position());
        out.putInt((int) crc.getValue());
        if (out.hasRemaining()) {
            throw new IllegalStateException("model state size miscomputed: " + out.remaining() + " bytes left of " + size);
        }
        return bytes;
    }

    static LstmModel read(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            throw new IllegalArgumentException("model state truncated: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
            int magic = in.getInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(String.format("not a tickcast LSTM model state: magic 0x%08X, expected 0x%08X", magic, MAGIC));
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported model state format version " + version + ", this build reads " + VERSION);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
            if (stored != (int) crc.getValue()) {
                throw new IllegalArgumentException("model state corrupt or truncated: CRC-32 mismatch (" + bytes.length + " bytes)");
            }
            LstmConfig config = LstmConfig.builder().inputSize(in.getInt()).hiddenSize(in.getInt())
                    .layers(in.getInt()).horizon(in.getInt()).activation(enumAt(Activation.values(), in.get(), "activation"))
                    .peepholes(in.get() != 0).build();
            TrainConfig train = TrainConfig.builder()
                    .optimizer(enumAt(TrainConfig.OptimizerKind.values(), in.get(), "optimizer"))
                    .learningRate(in.getDouble()).rho(in.getDouble()).beta1(in.getDouble())
                    .beta2(in.getDouble()).eps(in.getDouble()).epochs(in.getInt()).batchSize(in.getInt())
                    .bpttSteps(in.getInt()).clipNorm(in.getDouble()).stateful(in.get() != 0).build();
            LstmModel model = LstmModel.readBody(config, train, in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("model state has " + in.remaining() + " unexpected trailing bytes");
            }
            return model;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("model state truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static <E extends Enum<E>> E enumAt(E[] values, byte ordinal, String what) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IllegalArgumentException("model state has unknown " + what + " code " + ordinal);
        }
        return values[ordinal];
    }

    /** {@link java.io.DataOutput#writeDouble} semantics: the canonical NaN for every NaN. */
    static void putDouble(ByteBuffer out, double v) {
        out.putLong(Double.doubleToLongBits(v));
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
                out.putLong(pos, Double.doubleToLongBits(wT[(from + c) * g + r]));
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

    /**
     * Writes {@code d[0..n)}: one bulk (byte-swapping) copy, unless a NaN is present, which goes element by
     * element to be canonicalised as {@link java.io.DataOutput#writeDouble} does.
     */
    static void writeDoubles(ByteBuffer out, double[] d, int n) {
        boolean nan = false;
        for (int i = 0; i < n; i++) {
            nan |= d[i] != d[i];
        }
        if (nan) {
            for (int i = 0; i < n; i++) {
                putDouble(out, d[i]);
            }
        } else {
            out.asDoubleBuffer().put(d, 0, n);
            out.position(out.position() + 8 * n);
        }
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
