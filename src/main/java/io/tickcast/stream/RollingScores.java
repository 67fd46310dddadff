package io.tickcast.stream;

import io.tickcast.serde.Forecast;

import java.nio.ByteBuffer;

/**
 * The one-step scores of a symbol's last {@code window} scored forecasts: the error of the forecast and of
 * persistence, and whether the actual fell inside the interval. They travel in every forecast record.
 */
final class RollingScores {

    private final double[] errForecast;
    private final double[] errPersistence;
    private final byte[] covered;
    private int head;
    private int count;

    RollingScores(int window) {
        this.errForecast = new double[window];
        this.errPersistence = new double[window];
        this.covered = new byte[window];
    }

    void add(double forecastError, double persistenceError, boolean inside) {
        errForecast[head] = forecastError;
        errPersistence[head] = persistenceError;
        covered[head] = (byte) (inside ? 1 : 0);
        head = (head + 1) % errForecast.length;
        if (count < errForecast.length) {
            count++;
        }
    }

    /** RMSE, MAE of the forecast and of persistence, and the coverage, over the scored forecasts kept. */
    Forecast.Score summary(double level) {
        int n = count;
        if (n == 0) {
            return new Forecast.Score(0, null, null, null, null, null, level);
        }
        double se = 0;
        double ae = 0;
        double sp = 0;
        double ap = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            se += errForecast[i] * errForecast[i];
            ae += Math.abs(errForecast[i]);
            sp += errPersistence[i] * errPersistence[i];
            ap += Math.abs(errPersistence[i]);
            inside += covered[i];
        }
        return new Forecast.Score(n, Math.sqrt(se / n), ae / n, Math.sqrt(sp / n), ap / n, (double) inside / n, level);
    }

    int stateBytes() {
        return 4 + 4 + errForecast.length * (8 + 8 + 1);
    }

    /** head, count, the forecast errors, the persistence errors, the coverage flags (also version 0's layout). */
    void write(ByteBuffer out) {
        out.putInt(head).putInt(count);
        StateCodec.putDoubles(out, errForecast);
        StateCodec.putDoubles(out, errPersistence);
        out.put(covered);
    }

    void read(ByteBuffer in) {
        head = in.getInt();
        count = in.getInt();
        if (head < 0 || head >= errForecast.length || count < 0 || count > errForecast.length) {
            throw new IllegalArgumentException("series state: score ring position " + head + "/" + count);
        }
        StateCodec.getDoubles(in, errForecast);
        StateCodec.getDoubles(in, errPersistence);
        in.get(covered);
    }
}
