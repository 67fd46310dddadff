package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * The parts the simple experts and the exponential-smoothing families share: the configuration header of their
 * states, raw-bit arrays, and the checks of their arguments.
 *
 * <p>A state starts with its configuration, 12 bytes: the expert's tag (which class, which family), the season's
 * period (0 when it has none) and the horizon (0 when it has none). {@link #readConfig} refuses a state of another
 * configuration before anything of the expert is replaced.
 */
final class ExpertState {

    /** Bytes of the configuration header. */
    static final int CONFIG_BYTES = 12;

    /** Tags of the experts' states. */
    static final int PERSISTENCE = 1;
    static final int SEASONAL_NAIVE = 2;
    static final int DRIFT = 3;
    /** Tag of an exponential-smoothing family: this plus the family's ordinal. */
    static final int ETS_FAMILY = 16;

    private ExpertState() {
    }

    static void writeConfig(ByteBuffer out, int tag, int period, int horizon) {
        out.putInt(tag).putInt(period).putInt(horizon);
    }

    /**
     * Reads and checks the configuration header, then that the body of {@code bodyBytes} follows it.
     *
     * @throws IllegalArgumentException if the header is not {@code (tag, period, horizon)} or the bytes are too few
     */
    static void readConfig(ByteBuffer in, String name, int tag, int period, int horizon, int bodyBytes) {
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
        if (in.remaining() < bodyBytes) {
            throw new IllegalArgumentException(name + " state truncated: " + in.remaining() + " bytes after its "
                    + "configuration, " + bodyBytes + " needed");
        }
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

    static boolean getFlag(ByteBuffer in, String name) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException(name + " state: bad flag " + b);
        }
        return b == 1;
    }

    static void putFlag(ByteBuffer out, boolean flag) {
        out.put((byte) (flag ? 1 : 0));
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
    static void checkOut(double[] out, int horizon) {
        if (out.length != horizon) {
            throw new IllegalArgumentException("forecast array of length " + out.length + " for horizon " + horizon);
        }
    }
}
