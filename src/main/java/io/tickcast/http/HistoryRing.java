package io.tickcast.http;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One symbol's recent ticks as the forecast step saw them, in a ring of fixed capacity with one primitive column per
 * field: the tick's timestamp and value, the one-step forecast made at it (for the next tick) with its interval, and
 * each expert's one-step weight (NaN while the expert is not awake). Beside it the last {@link #BREAKS} break signals
 * and the latest forecast record. A record not newer than the latest one is ignored: it is a replay of an aborted
 * transaction's ticks, which computes the same record again.
 *
 * <p>Memory: {@code capacity × (40 + 4 × experts)} bytes for the columns, at most {@link #EXPERTS} experts, plus the
 * break records and the latest forecast ({@link #bytes()}). Not thread-safe: {@link ForecastHistory} guards it.
 */
final class HistoryRing {

    /** Break signals kept per symbol. */
    static final int BREAKS = 32;
    /** Experts with a weight column; more (there are about 15) are left out of the chart. */
    static final int EXPERTS = 32;

    private final int capacity;
    private final long[] ts;
    private final double[] value;
    private final double[] forecast;
    private final double[] lower;
    private final double[] upper;
    /** Whether the tick was flagged an anomaly ({@link Forecast#anomaly}). */
    private final boolean[] anomaly;
    private final Map<String, float[]> weights = new LinkedHashMap<>();
    private final ArrayDeque<BreakSignal> breaks = new ArrayDeque<>();
    /** Index of the oldest point. */
    private int first;
    private int size;
    private Forecast latest;

    HistoryRing(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
        this.ts = new long[capacity];
        this.value = new double[capacity];
        this.forecast = new double[capacity];
        this.lower = new double[capacity];
        this.upper = new double[capacity];
        this.anomaly = new boolean[capacity];
    }

    /** Appends the tick a forecast was made at, dropping the oldest when full; false if not newer than the latest. */
    boolean add(Forecast f) {
        if (latest != null && f.ts() <= latest.ts()) {
            return false;
        }
        int i;
        if (size < capacity) {
            i = (first + size) % capacity;
            size++;
        } else {
            i = first;
            first = (first + 1) % capacity;
        }
        ts[i] = f.ts();
        value[i] = f.value();
        Forecast.Step one = f.steps().get(0);
        forecast[i] = one.forecast();
        lower[i] = one.lower();
        upper[i] = one.upper();
        anomaly[i] = f.anomaly() != null && f.anomaly().flag();
        Map<String, Double> w = f.experts() == null ? Map.of() : f.experts();
        for (Map.Entry<String, Double> e : w.entrySet()) {
            float[] column = weights.get(e.getKey());
            if (column == null && weights.size() < EXPERTS) {
                column = new float[capacity];
                Arrays.fill(column, Float.NaN);
                weights.put(e.getKey(), column);
            }
            if (column != null) {
                column[i] = e.getValue().floatValue();
            }
        }
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            if (!w.containsKey(e.getKey())) {
                e.getValue()[i] = Float.NaN;
            }
        }
        latest = f;
        return true;
    }

    /** Keeps a break signal (a statistic without a signal is not kept); false if not newer than the latest kept. */
    boolean addBreak(BreakSignal b) {
        if (!b.signal() || (!breaks.isEmpty() && b.ts() <= breaks.peekLast().ts())) {
            return false;
        }
        if (breaks.size() == BREAKS) {
            breaks.removeFirst();
        }
        breaks.addLast(b);
        return true;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    /** The latest forecast record, or null before the first. */
    Forecast latest() {
        return latest;
    }

    /**
     * The last {@code n} points (all when fewer) as columns, oldest first: {@code ts}, {@code value}, and
     * {@code forecast}, {@code lower}, {@code upper} — the one-step forecast <em>for</em> the tick, made at the tick
     * before it (null for the oldest point kept), and {@code anomaly}, whether the tick was flagged — then each expert's weight at the tick (null while asleep), the
     * break signals and the latest forecast record.
     */
    Map<String, Object> toJson(int n) {
        int count = Math.min(n, size);
        int from = size - count;
        List<Long> tsOut = new ArrayList<>(count);
        List<Double> valueOut = new ArrayList<>(count);
        List<Double> forecastOut = new ArrayList<>(count);
        List<Double> lowerOut = new ArrayList<>(count);
        List<Double> upperOut = new ArrayList<>(count);
        List<Boolean> anomalyOut = new ArrayList<>(count);
        for (int k = from; k < size; k++) {
            int i = (first + k) % capacity;
            tsOut.add(ts[i]);
            valueOut.add(value[i]);
            boolean before = k > 0;
            int p = (first + k - 1 + capacity) % capacity;
            forecastOut.add(before ? forecast[p] : null);
            lowerOut.add(before ? lower[p] : null);
            upperOut.add(before ? upper[p] : null);
            anomalyOut.add(anomaly[i]);
        }
        Map<String, Object> points = new LinkedHashMap<>();
        points.put("ts", tsOut);
        points.put("value", valueOut);
        points.put("forecast", forecastOut);
        points.put("lower", lowerOut);
        points.put("upper", upperOut);
        points.put("anomaly", anomalyOut);
        Map<String, List<Double>> experts = new LinkedHashMap<>();
        weights.forEach((name, column) -> {
            List<Double> out = new ArrayList<>(count);
            for (int k = from; k < size; k++) {
                float w = column[(first + k) % capacity];
                // The float's shortest decimal (0.9445712), not the double nearest to it (0.9445711970329285).
                out.add(Float.isNaN(w) ? null : Double.valueOf(Float.toString(w)));
            }
            experts.put(name, out);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("capacity", capacity);
        out.put("points", points);
        out.put("experts", experts);
        out.put("breaks", List.copyOf(breaks));
        out.put("latest", latest);
        return out;
    }

    /** An estimate of the memory held: the columns, the break records and the latest forecast. */
    long bytes() {
        long columns = 16L * 6 + capacity * 41L + weights.size() * (16L + 4L * capacity + 64);
        long records = breaks.size() * 120L + (latest == null ? 0 : 200L + 72L * latest.steps().size()
                + (latest.experts() == null ? 0 : 48L * latest.experts().size()));
        return 96 + columns + records;
    }
}
