package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * A symbol's accepted ticks: how many, the latest timestamp, and a ring of the last {@code capacity} values,
 * from which the replay buffer of training windows is cut.
 */
final class RecentValues {

    private final double[] ring;
    /** Slot of the next write. */
    private int head;
    private int count;
    private long lastTs = Long.MIN_VALUE;
    private long ticks;

    RecentValues(int capacity) {
        this.ring = new double[capacity];
    }

    int capacity() {
        return ring.length;
    }

    /** Values kept: min(ticks, capacity). */
    int count() {
        return count;
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
    double back(int back) {
        int i = head - 1 - back;
        return ring[i < 0 ? i + ring.length : i];
    }

    /** The value by index from the oldest kept (0) to the newest ({@code count() - 1}). */
    double at(int index) {
        return back(count - 1 - index);
    }

    int stateBytes() {
        return 8 + 8 + 4 + 4 + 8 * ring.length;
    }

    /** lastTs, ticks, head, count, the ring (this layout is also version 0's, see {@link LegacySeriesFormat}). */
    void write(ByteBuffer out) {
        out.putLong(lastTs).putLong(ticks).putInt(head).putInt(count);
        StateCodec.putDoubles(out, ring);
    }

    void read(ByteBuffer in) {
        lastTs = in.getLong();
        ticks = in.getLong();
        head = in.getInt();
        count = in.getInt();
        if (head < 0 || head >= ring.length || count < 0 || count > ring.length) {
            throw new IllegalArgumentException("series state: ring position " + head + "/" + count + " outside " + ring.length);
        }
        StateCodec.getDoubles(in, ring);
    }
}
