package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The forecasts of the last {@code horizon} ticks, newest first: the one made {@code age} ticks before the
 * latest ({@code age} 0 = at the latest tick) has its step {@code age + 1} scored when the next value arrives.
 */
final class PendingForecasts {

    private final int horizon;
    private final PendingForecast[] ring;
    /** Slot of the newest. */
    private int newest = -1;
    private int count;

    PendingForecasts(int horizon) {
        this.horizon = horizon;
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
        if (p.horizon() != horizon) {
            throw new IllegalArgumentException("pending forecast of horizon " + p.horizon() + ", ring holds " + horizon);
        }
        newest = (newest + 1) % horizon;
        ring[newest] = p;
        if (count < horizon) {
            count++;
        }
    }

    /**
     * Drops the experts' part of every pending forecast (their levels, weights and flags), keeping what the intervals
     * and the scores learn from: the panel that made them was replaced by one of other experts ({@link Panel#withPeriod}).
     */
    void forgetExperts() {
        for (int age = 0; age < count; age++) {
            int i = newest - age;
            int slot = i < 0 ? i + horizon : i;
            PendingForecast p = ring[slot];
            ring[slot] = new PendingForecast(p.base(), p.scale(), p.forecast(), p.lower(), p.upper(), p.norm(), p.raw(),
                    null, null, null);
        }
    }

    /** Forgets every pending forecast (their learners are gone, e.g. after a migration). */
    void clear() {
        newest = -1;
        count = 0;
    }

    int stateBytes() {
        int n = 4;
        for (int age = 0; age < count; age++) {
            PendingForecast p = get(age);
            n += 8 + 8 + 5 * 8 * horizon + 4;
            if (p.awake() != null) {
                n += p.awake().length * (1 + 2 * 8 * horizon);
            }
        }
        return n;
    }

    /**
     * count, then newest first: base, scale, forecast[h], lower[h], upper[h], norm[h], raw[h], the number of experts
     * (-1: no panel yet), then per expert: awake, per step its level and weight.
     */
    void write(ByteBuffer out) {
        out.putInt(count);
        for (int age = 0; age < count; age++) {
            PendingForecast p = get(age);
            out.putDouble(p.base()).putDouble(p.scale());
            StateCodec.putDoubles(out, p.forecast());
            StateCodec.putDoubles(out, p.lower());
            StateCodec.putDoubles(out, p.upper());
            StateCodec.putDoubles(out, p.norm());
            StateCodec.putDoubles(out, p.raw());
            if (p.awake() == null) {
                out.putInt(-1);
                continue;
            }
            int k = p.awake().length;
            out.putInt(k);
            for (int e = 0; e < k; e++) {
                out.put((byte) (p.awake()[e] ? 1 : 0));
                for (int h = 0; h < horizon; h++) {
                    out.putDouble(p.levels()[h][e]).putDouble(p.weights()[h][e]);
                }
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
            double[][] d = new double[5][horizon];
            for (double[] a : d) {
                StateCodec.getDoubles(in, a);
            }
            int k = in.getInt();
            double[][] levels = null;
            double[][] weights = null;
            boolean[] awake = null;
            if (k >= 0) {
                levels = new double[horizon][k];
                weights = new double[horizon][k];
                awake = new boolean[k];
                for (int e = 0; e < k; e++) {
                    awake[e] = in.get() != 0;
                    for (int h = 0; h < horizon; h++) {
                        levels[h][e] = in.getDouble();
                        weights[h][e] = in.getDouble();
                    }
                }
            }
            newestFirst[age] = new PendingForecast(base, scale, d[0], d[1], d[2], d[3], d[4], levels, weights, awake);
        }
        clear();
        for (int age = n - 1; age >= 0; age--) {
            push(newestFirst[age]);
        }
    }
}
