package io.tickcast.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The statistical experts' combined forecast levels made at each of the latest ticks, per horizon step: what the
 * LSTM learns to correct ({@link LstmExpert}). A ring aligned with {@link RecentValues}: slot {@code back} holds
 * the levels made at the value {@code back} ticks before the latest. NaN where none was made (before the panel was
 * built): the base is then persistence.
 */
final class BaseForecasts {

    private final int horizon;
    private final double[] ring;
    private final int capacity;
    private int head;
    private int count;

    BaseForecasts(int capacity, int horizon) {
        this.capacity = capacity;
        this.horizon = horizon;
        this.ring = new double[capacity * horizon];
    }

    /** Appends the levels made at the latest tick; null or NaN entries mean persistence. */
    void push(double[] levels) {
        int at = head * horizon;
        if (levels == null) {
            Arrays.fill(ring, at, at + horizon, Double.NaN);
        } else {
            System.arraycopy(levels, 0, ring, at, horizon);
        }
        head = (head + 1) % capacity;
        if (count < capacity) {
            count++;
        }
    }

    /**
     * The level of step h (0-based) made {@code back} ticks before the latest, or {@code fallback} — the value
     * then, for persistence — where none is known.
     */
    double level(int back, int h, double fallback) {
        if (back >= count) {
            return fallback;
        }
        int slot = head - 1 - back;
        double v = ring[(slot < 0 ? slot + capacity : slot) * horizon + h];
        return Double.isNaN(v) ? fallback : v;
    }

    int stateBytes() {
        return 4 + 4 + 8 * count * horizon;
    }

    /** Capacity (checked on read), count, then the levels oldest first. */
    void write(ByteBuffer out) {
        out.putInt(capacity).putInt(count);
        for (int back = count - 1; back >= 0; back--) {
            int slot = head - 1 - back;
            int at = (slot < 0 ? slot + capacity : slot) * horizon;
            for (int h = 0; h < horizon; h++) {
                out.putLong(Double.doubleToRawLongBits(ring[at + h]));
            }
        }
    }

    /** @throws IllegalArgumentException if the stored ring has another capacity or too many slots */
    void read(ByteBuffer in) {
        int cap = in.getInt();
        int n = in.getInt();
        if (cap != capacity || n < 0 || n > capacity) {
            throw new IllegalArgumentException("stored base forecasts have capacity " + cap + " and " + n
                    + " slots; configured capacity " + capacity);
        }
        head = 0;
        count = 0;
        double[] levels = new double[horizon];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < horizon; h++) {
                levels[h] = Double.longBitsToDouble(in.getLong());
            }
            push(levels);
        }
    }
}
