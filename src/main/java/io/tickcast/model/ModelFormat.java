package io.tickcast.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model state, big-endian ({@link DataOutputStream}). Format version 1:
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
 */
final class ModelFormat {
    static final int MAGIC = 0x54434C4D;
    static final int VERSION = 1;

    private ModelFormat() {
    }

    static byte[] write(LstmModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            LstmConfig c = model.config();
            out.writeInt(c.inputSize());
            out.writeInt(c.hiddenSize());
            out.writeInt(c.layers());
            out.writeInt(c.horizon());
            out.writeByte(c.activation().ordinal());
            out.writeBoolean(c.peepholes());
            TrainConfig t = model.trainConfig();
            out.writeByte(t.optimizer().ordinal());
            out.writeDouble(t.learningRate());
            out.writeDouble(t.rho());
            out.writeDouble(t.beta1());
            out.writeDouble(t.beta2());
            out.writeDouble(t.eps());
            out.writeInt(t.epochs());
            out.writeInt(t.batchSize());
            out.writeInt(t.bpttSteps());
            out.writeDouble(t.clipNorm());
            out.writeBoolean(t.stateful());
            model.writeBody(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LstmModel read(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            throw new IllegalArgumentException("model state truncated: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException(String.format("not a tickcast LSTM model state: magic 0x%08X, expected 0x%08X", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported model state format version " + version + ", this build reads " + VERSION);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
                    | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
            if (stored != (int) crc.getValue()) {
                throw new IllegalArgumentException("model state corrupt or truncated: CRC-32 mismatch (" + bytes.length + " bytes)");
            }
            LstmConfig config = LstmConfig.builder().inputSize(in.readInt()).hiddenSize(in.readInt())
                    .layers(in.readInt()).horizon(in.readInt()).activation(enumAt(Activation.values(), in.readByte(), "activation"))
                    .peepholes(in.readBoolean()).build();
            TrainConfig train = TrainConfig.builder()
                    .optimizer(enumAt(TrainConfig.OptimizerKind.values(), in.readByte(), "optimizer"))
                    .learningRate(in.readDouble()).rho(in.readDouble()).beta1(in.readDouble())
                    .beta2(in.readDouble()).eps(in.readDouble()).epochs(in.readInt()).batchSize(in.readInt())
                    .bpttSteps(in.readInt()).clipNorm(in.readDouble()).stateful(in.readBoolean()).build();
            LstmModel model = LstmModel.readBody(config, train, in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("model state has " + in.available() + " unexpected trailing bytes");
            }
            return model;
        } catch (EOFException e) {
            throw new IllegalArgumentException("model state truncated (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> E enumAt(E[] values, byte ordinal, String what) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IllegalArgumentException("model state has unknown " + what + " code " + ordinal);
        }
        return values[ordinal];
    }

    /** Writes every tensor's values in PyTorch state_dict order and layout. */
    static void writeParameters(DataOutput out, LstmParameters p) throws IOException {
        for (NamedTensor t : p.export().values()) {
            for (int i = 0; i < t.size(); i++) {
                out.writeDouble(t.at(i));
            }
        }
    }

    /** Reads what {@link #writeParameters} wrote into {@code p} (modified). */
    static void readParameters(DataInput in, LstmParameters p) throws IOException {
        LstmConfig c = p.config();
        Map<String, NamedTensor> dict = new LinkedHashMap<>();
        for (String name : LstmParameters.names(c)) {
            int[] shape = LstmParameters.shapeOf(c, name);
            double[] d = new double[shape.length == 2 ? shape[0] * shape[1] : shape[0]];
            for (int i = 0; i < d.length; i++) {
                d[i] = in.readDouble();
            }
            dict.put(name, new NamedTensor(name, shape, d));
        }
        p.importFrom(dict);
    }

    static void writeDoubles(DataOutput out, double[] d) throws IOException {
        for (double v : d) {
            out.writeDouble(v);
        }
    }

    static void readDoubles(DataInput in, double[] d) throws IOException {
        for (int i = 0; i < d.length; i++) {
            d[i] = in.readDouble();
        }
    }
}
