package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * What the simple experts and the exponential-smoothing families share: name, season flag, configuration, the
 * framing of their states, and the checks of their arguments.
 *
 * <p>A state starts with the configuration, 12 bytes: the expert's tag (which class, which family), the season's
 * period (0 when it has none) and the horizon (0 when it has none); then the expert's body ({@link #writeBody}).
 * {@link #readState} refuses a state of another configuration, or too short, before anything is replaced.
 */
abstract class ExpertBase implements OnlineExpert {

    /** Bytes of the configuration header. */
    static final int CONFIG_BYTES = 12;

    /** Tags of the experts' states. */
    static final int PERSISTENCE = 1;
    static final int SEASONAL_NAIVE = 2;
    static final int DRIFT = 3;
    /** Tags of the exponential-smoothing families: this plus 0..4 (ses, holt, lholt, hw, lhw). */
    static final int ETS_FAMILY = 16;

    private final String name;
    private final int tag;
    /** Season's period, 0 without season. */
    final int period;
    /** Steps forecast, 0 when any number is. */
    final int horizon;

    ExpertBase(String name, int tag, int period, int horizon) {
        this.name = name;
        this.tag = tag;
        this.period = period;
        this.horizon = horizon;
    }

    @Override
    public final String name() {
        return name;
    }

    /** True for an expert of a season (it has a period). */
    @Override
    public final boolean seasonal() {
        return period > 0;
    }

    /** Nothing to learn, by default. */
    @Override
    public void observe(History history, double scale) {
    }

    /** Bytes of the state after the configuration; fixed for a configuration. None by default. */
    int bodyBytes() {
        return 0;
    }

    /** Writes the state after the configuration. */
    void writeBody(ByteBuffer out) {
    }

    /** Reads what {@link #writeBody} wrote; {@code bodyBytes()} bytes are there. */
    void readBody(ByteBuffer in) {
    }

    @Override
    public final int stateBytes() {
        return CONFIG_BYTES + bodyBytes();
    }

    @Override
    public final void writeState(ByteBuffer out) {
        out.putInt(tag).putInt(period).putInt(horizon);
        writeBody(out);
    }

    @Override
    public final void readState(ByteBuffer in) {
        if (in.remaining() < CONFIG_BYTES) {
            throw new IllegalArgumentException(name + " state truncated: " + in.remaining() + " bytes");
        }
        int t = in.getInt();
        int p = in.getInt();
        int h = in.getInt();
        if (t != tag) {
            throw new IllegalArgumentException("not a " + name + " state: tag " + t + ", expected " + tag);
        }
        if (p != period || h != horizon) {
            throw new IllegalArgumentException(name + " state of period " + p + " and horizon " + h
                    + ", this one has period " + period + " and horizon " + horizon);
        }
        if (in.remaining() < bodyBytes()) {
            throw new IllegalArgumentException(name + " state truncated: " + in.remaining() + " bytes after its "
                    + "configuration, " + bodyBytes() + " needed");
        }
        readBody(in);
    }

    static void putDoubles(ByteBuffer out, double[] values) {
        for (double v : values) {
            out.putLong(Double.doubleToRawLongBits(v));
        }
    }

    static void getDoubles(ByteBuffer in, double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(in.getLong());
        }
    }

    static void putFlag(ByteBuffer out, boolean flag) {
        out.put((byte) (flag ? 1 : 0));
    }

    boolean getFlag(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException(name + " state: bad flag " + b);
        }
        return b == 1;
    }

    static int checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        return horizon;
    }

    static int checkPeriod(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("a season's period must be >= 2, got " + period);
        }
        return period;
    }

    /** Requires {@code out} to hold exactly the configured horizon's forecasts. */
    void checkOut(double[] out) {
        if (out.length != horizon) {
            throw new IllegalArgumentException("forecast array of length " + out.length + " for horizon " + horizon);
        }
    }
}
