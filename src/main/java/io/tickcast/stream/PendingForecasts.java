package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The forecasts of the last {@code horizon} ticks, newest first: the one made {@code age} ticks before the
 * latest ({@code age} 0 = at the latest tick) has its step {@code age + 1} scored when the next value arrives.
 */
final class PendingForecasts {

    private final int horizon;
    private final int experts;
    private final PendingForecast[] ring;
    /** Slot of the newest. */
    private int newest = -1;
    private int count;

    PendingForecasts(int horizon, int experts) {
        this.horizon = horizon;
        this.experts = experts;
        this.ring = new PendingForecast[horizon];
    }

    int count() {
        return count;
    }

    /** The forecast made {@code age} ticks before the newest; requires {@code age < count()}. */
    PendingForecast get(int age) {
        int i = newest - age;
        return ring[i < 0 ? i + horizon : i];
    }

    /** Adds the newest, dropping the oldest when {@code horizon} are pending. */
    void push(PendingForecast p) {
        if (p.horizon() != horizon || p.ready().length != experts) {
            throw new IllegalArgumentException("pending forecast of horizon " + p.horizon() + " with " + p.ready().length
                    + " experts, ring holds " + horizon + " with " + experts);
        }
        newest = (newest + 1) % horizon;
        ring[newest] = p;
        if (count < horizon) {
            count++;
        }
    }

    int stateBytes() {
        return 4 + count * recordBytes();
    }

    private int recordBytes() {
        return 8 + 8 + 3 * 8 * horizon + experts * (1 + 8 * horizon);
    }

    /** count, then newest first: base, scale, forecast[h], lower[h], upper[h], per expert ready and change[h]. */
    void write(ByteBuffer out) {
        out.putInt(count);
        for (int age = 0; age < count; age++) {
            PendingForecast p = get(age);
            out.putDouble(p.base()).putDouble(p.scale());
            StateCodec.putDoubles(out, p.forecast());
            StateCodec.putDoubles(out, p.lower());
            StateCodec.putDoubles(out, p.upper());
            for (int e = 0; e < experts; e++) {
                out.put((byte) (p.ready()[e] ? 1 : 0));
                StateCodec.putDoubles(out, p.expertChange()[e]);
            }
        }
    }

    void read(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > horizon) {
            throw new IllegalArgumentException("series state: " + n + " pending forecasts, horizon " + horizon);
        }
        PendingForecast[] newestFirst = new PendingForecast[n];
        for (int age = 0; age < n; age++) {
            double base = in.getDouble();
            double scale = in.getDouble();
            double[] fc = new double[horizon];
            double[] lo = new double[horizon];
            double[] hi = new double[horizon];
            StateCodec.getDoubles(in, fc);
            StateCodec.getDoubles(in, lo);
            StateCodec.getDoubles(in, hi);
            double[][] change = new double[experts][horizon];
            boolean[] ready = new boolean[experts];
            for (int e = 0; e < experts; e++) {
                ready[e] = in.get() != 0;
                StateCodec.getDoubles(in, change[e]);
            }
            newestFirst[age] = new PendingForecast(base, scale, fc, lo, hi, change, ready);
        }
        restore(newestFirst);
    }

    /** Replaces the contents with {@code newestFirst} (at most horizon forecasts). */
    void restore(PendingForecast[] newestFirst) {
        newest = -1;
        count = 0;
        for (int age = newestFirst.length - 1; age >= 0; age--) {
            push(newestFirst[age]);
        }
    }
}
