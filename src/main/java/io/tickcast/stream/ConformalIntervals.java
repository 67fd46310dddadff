package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * Online, normalised split-conformal intervals, per horizon step. The absolute residual of each scored
 * forecast is kept divided by the scale of the changes s at the time it was made; the half-width of a new
 * interval is s_now times the ⌈(n+1)·level⌉-th smallest of the last n of them (Vovk, Gammerman &amp; Shafer
 * 2005; Lei et al. 2018), so the interval follows the current volatility. Until
 * n ≥ 1/(1 − level) − 1, it is the normal interval z·s·√(h+1).
 */
final class ConformalIntervals {

    private final double[][] residuals;
    private final int[] head;
    private final int[] count;
    private final double[] sortBuf;

    ConformalIntervals(int horizon, int window) {
        this.residuals = new double[horizon][window];
        this.head = new int[horizon];
        this.count = new int[horizon];
        this.sortBuf = new double[window];
    }

    /** Adds the normalised absolute residual |actual − forecast| / scale of step {@code step}. */
    void add(int step, double normalisedResidual) {
        residuals[step][head[step]] = normalisedResidual;
        head[step] = (head[step] + 1) % residuals[step].length;
        if (count[step] < residuals[step].length) {
            count[step]++;
        }
    }

    /** The half-width of step {@code step}'s interval at the current {@code scale}; 0 while the scale is not finite. */
    double halfWidth(int step, double scale, double level, double zLevel) {
        if (!Double.isFinite(scale)) {
            return 0.0;
        }
        int n = count[step];
        if (n >= Math.ceil(1.0 / (1.0 - level)) - 1) {
            System.arraycopy(residuals[step], 0, sortBuf, 0, n);
            int rank = (int) Math.ceil((n + 1) * level); // 1-based
            return scale * select(sortBuf, n, Math.min(rank, n) - 1);
        }
        return zLevel * scale * Math.sqrt(step + 1.0);
    }

    /**
     * The k-th smallest (0-based) of {@code a[0..n)}, by quickselect (Hoare partition, middle pivot):
     * O(n) on average, the same value a full sort would give. Reorders {@code a}.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    int stateBytes() {
        return residuals.length * (8 * sortBuf.length + 4 + 4);
    }

    void write(ByteBuffer out) {
        for (int h = 0; h < residuals.length; h++) {
            writeStep(out, h);
        }
    }

    void read(ByteBuffer in) {
        for (int h = 0; h < residuals.length; h++) {
            readStep(in, h);
        }
    }

    /** Step h: its residual ring, head, count (also version 0's layout of a step). */
    void writeStep(ByteBuffer out, int h) {
        StateCodec.putDoubles(out, residuals[h]);
        out.putInt(head[h]).putInt(count[h]);
    }

    void readStep(ByteBuffer in, int h) {
        StateCodec.getDoubles(in, residuals[h]);
        head[h] = in.getInt();
        count[h] = in.getInt();
        if (head[h] < 0 || head[h] >= sortBuf.length || count[h] < 0 || count[h] > sortBuf.length) {
            throw new IllegalArgumentException("series state: residual ring position " + head[h] + "/" + count[h]);
        }
    }
}
