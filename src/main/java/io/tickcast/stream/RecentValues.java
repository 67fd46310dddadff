package io.tickcast.stream;

import io.tickcast.forecast.History;

import java.nio.ByteBuffer;

/**
 * A symbol's accepted ticks: how many, the latest timestamp, and a ring of the last {@code capacity} values,
 * which the experts read and from which the LSTM's replay buffer is cut.
 */
final class RecentValues implements History {

    private final double[] ring;
    /** Slot of the next write. */
    private int head;
    private int count;
    private long lastTs = Long.MIN_VALUE;
    private long ticks;

    RecentValues(int capacity) {
        this.ring = new double[capacity];
    }

    /** Values kept: min(ticks, capacity). */
    @Override
    public int count() {
        return count;
    }

    @Override
    public long observed() {
        return ticks;
    }

    /** Ticks accepted in all. */
    long ticks() {
        return ticks;
    }

    /** Timestamp of the latest accepted tick; {@link Long#MIN_VALUE} before the first. */
    long lastTs() {
        return lastTs;
    }

    void push(long ts, double v) {
        ring[head] = v;
        head = (head + 1) % ring.length;
        if (count < ring.length) {
            count++;
        }
        lastTs = ts;
        ticks++;
    }

    /** The value {@code back} ticks before the latest (0 = latest). Requires {@code back < count()}. */
    @Override
    public double back(int back) {
        int i = head - 1 - back;
        return ring[i < 0 ? i + ring.length : i];
    }

    /** The value by index from the oldest kept (0) to the newest ({@code count() - 1}). */
    double at(int index) {
        return back(count - 1 - index);
    }

    int stateBytes() {
        return 8 + 8 + 4 + 8 * count;
    }

    /** lastTs, ticks, count, the kept values oldest first. */
    void write(ByteBuffer out) {
        out.putLong(lastTs).putLong(ticks).putInt(count);
        for (int i = 0; i < count; i++) {
            out.putDouble(at(i));
        }
    }

    /** Reads what {@link #write} wrote; of more values than this ring holds, the newest. */
    void read(ByteBuffer in) {
        lastTs = in.getLong();
        ticks = in.getLong();
        int n = in.getInt();
        if (n < 0 || n > ticks) {
            throw new IllegalArgumentException("series state: " + n + " values kept of " + ticks + " ticks");
        }
        head = 0;
        count = 0;
        for (int i = 0; i < n; i++) {
            double v = in.getDouble();
            ring[head] = v;
            head = (head + 1) % ring.length;
            count = Math.min(count + 1, ring.length);
        }
    }

    /**
     * Reads the layout of series records before version 2: lastTs, ticks, head, count, then the whole ring of
     * {@code storedCapacity} slots.
     */
    void readRing(ByteBuffer in, int storedCapacity) {
        lastTs = in.getLong();
        ticks = in.getLong();
        int storedHead = in.getInt();
        int n = in.getInt();
        if (storedHead < 0 || storedHead >= storedCapacity || n < 0 || n > storedCapacity) {
            throw new IllegalArgumentException("series state: ring position " + storedHead + "/" + n + " outside "
                    + storedCapacity);
        }
        double[] stored = new double[storedCapacity];
        StateCodec.getDoubles(in, stored);
        head = 0;
        count = 0;
        for (int i = n - 1; i >= 0; i--) {
            int slot = storedHead - 1 - i;
            ring[head] = stored[slot < 0 ? slot + storedCapacity : slot];
            head = (head + 1) % ring.length;
            count = Math.min(count + 1, ring.length);
        }
    }
}
