package io.tickcast.stream;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Shrinks the first expert's forecast change m_h towards persistence (no change) by the least-squares weight
 * of m_h in the actual change y_h over recent scored forecasts: w_h = clamp(Σ y·m / Σ m², 0, 1), with the sums
 * exponentially weighted, decay 1 − 1/{@code score.window}. An expert that has learned nothing gets w ≈ 0, so
 * the forecast is persistence; one that has learned something is leaned on. With {@code model.blend=false}
 * the weight is 1 whenever the expert forecasts.
 */
final class PersistenceShrinkage implements Aggregator {

    private final boolean blend;
    private final double decay;
    private final List<String> experts;
    private final double[] cross;
    private final double[] square;

    PersistenceShrinkage(ForecastSettings cfg, List<String> expertNames) {
        this.blend = cfg.blend();
        this.decay = 1.0 - 1.0 / cfg.scoreWindow();
        this.experts = List.copyOf(expertNames);
        this.cross = new double[cfg.horizon()];
        this.square = new double[cfg.horizon()];
    }

    @Override
    public double combine(double[][] expertChange, boolean[] ready, double[] change) {
        double leading = 0.0;
        for (int h = 0; h < change.length; h++) {
            change[h] = 0.0;
            if (ready.length > 0 && ready[0]) {
                double w = blend ? weight(h) : 1.0;
                change[h] = w * expertChange[0][h];
                if (h == 0) {
                    leading = w;
                }
            }
        }
        return leading;
    }

    @Override
    public String source(boolean[] ready) {
        return ready.length > 0 && ready[0] ? experts.get(0) : "persistence";
    }

    private double weight(int h) {
        double sq = square[h];
        if (!(sq > 0)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, cross[h] / sq));
    }

    @Override
    public void learn(int step, PendingForecast p, double actualChange) {
        if (p.ready().length > 0 && p.ready()[0]) {
            double m = p.expertChange()[0][step];
            cross[step] = decay * cross[step] + actualChange * m;
            square[step] = decay * square[step] + m * m;
        }
    }

    @Override
    public int stateBytes() {
        return 16 * cross.length;
    }

    @Override
    public void write(ByteBuffer out) {
        for (int h = 0; h < cross.length; h++) {
            writeStep(out, h);
        }
    }

    @Override
    public void read(ByteBuffer in) {
        for (int h = 0; h < cross.length; h++) {
            readStep(in, h);
        }
    }

    /** Step h's two sums (also version 0's layout of them). */
    void writeStep(ByteBuffer out, int h) {
        out.putDouble(cross[h]).putDouble(square[h]);
    }

    void readStep(ByteBuffer in, int h) {
        cross[h] = in.getDouble();
        square[h] = in.getDouble();
    }
}
