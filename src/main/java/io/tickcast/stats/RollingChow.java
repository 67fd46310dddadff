package io.tickcast.stats;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.hipparchus.distribution.continuous.FDistribution;

/**
 * Rolling Chow test of one series (one symbol): keeps the last {@code window} regression pairs
 * (y = v[t], x = (1?, v[t-1], .., v[t-lags])) and tests for a structural break on every tick.
 *
 * <p><b>FIXED</b> tests the breakpoint at the middle of the window ({@code window / 2} pairs on the
 * left), the same statistic as the fresh QR reference of the tests, {@code ChowTest.test}. The
 * cross-products {@code Z'Z, Z'y, y'y} of the left and right halves are updated as pairs enter,
 * cross the middle and leave (four rank-one updates, O(k^2)); the three k x k systems are solved by
 * Cholesky. To keep this exact the rows are
 * transformed without changing any RSS (see {@code fillRow}): the response is the difference
 * {@code v[t] - v[t-1]}, the first lag is centred on the window mean c, the other lags enter as
 * differences {@code v[t-j] - v[t-j-1]}. For prices these differences are exact in floating point
 * and of the size of the residuals, so {@code y'y} is of the order of the RSS instead of
 * {@code n * price^2}. With intercept that is a reparametrisation; without intercept the exact
 * constrained-LS correction of {@link CrossProducts#rss} restores the no-intercept fit. Every
 * {@code window} ticks the sums are recomputed from the stored values with a new c (amortised
 * O(k^2) per tick), which bounds the accumulated rounding; near-square segments (at most
 * {@value #SMALL_SEGMENT_ROWS_PER_COLUMN} rows per column) take their RSS from explicit residuals.
 * Measured: F within 1e-11 relative of 50-digit least squares, and within 1e-9 of
 * {@code ChowTest.test} on every tick of 20,000-tick price streams (RollingChowExactnessTest,
 * ExactArbiterTest).
 *
 * <p><b>SCAN</b> computes strucchange's {@code Fstats} at every breakpoint of the trimmed window
 * (the tests' {@code ChowTest.scan}) by a forward and a backward pass of cross-products: O(window
 * k^2) per tick, no accumulated state. The statistic is sup-F (Fstats scale, k times the Chow F), its p-value
 * Hansen's approximation ({@link SupFPValue}), its critical value the sup-F with that p-value = alpha.
 *
 * <p><b>Undefined:</b> the result is undefined while the window is not yet full (warm-up; not
 * counted) and for a degenerate full window: a segment shorter than k + 1 pairs (so any
 * {@code window <= 2k + 1} in FIXED mode), a singular design (e.g. constant values), a perfect
 * two-segment fit, or a NaN / infinite value among the window's values (until it leaves). Degenerate windows increment {@link #undefinedCount()}; nothing throws.
 *
 * <p><b>Signals</b> (hysteresis): the detector starts armed. A defined tick with
 * {@code p < alpha} while armed signals and disarms. Disarmed, it re-arms after
 * {@code max(1, window / 2)} consecutive defined ticks with {@code p >= alpha} (a tick with
 * {@code p < alpha} restarts the count; undefined ticks neither count nor restart). So one break,
 * whose statistic stays high while it crosses the window, gives one signal.
 *
 * <p>Call order: {@code update} per tick, in timestamp order. Not thread-safe: one instance per
 * symbol. State (including counters and hysteresis) round-trips through {@link #toBytes()} /
 * {@link #fromBytes(byte[])}, after which the detector continues bit-identically.
 */
public final class RollingChow {

    private static final int V1_MAGIC = 0x54434357; // "TCCW"
    /**
     * Segments of at most this many rows per column get their RSS from explicit residuals of the
     * normal-equation coefficients (second-order accurate), since for near-square segments the
     * normal equations' {@code y'y - w'w} loses digits with the squared condition number.
     * Costs O(rows m) &lt;= O(m^2) per segment.
     */
    static final int SMALL_SEGMENT_ROWS_PER_COLUMN = 4;
    private static final short V1_VERSION = 1;

    private final ChowConfig cfg;
    private final int lags;
    private final int m; // columns of the centred design: intercept + lags
    private final int k;
    private final int window;
    private final int half; // FIXED: pairs left of the breakpoint
    private final int rearmAfter;
    private final int cap;
    private final boolean computable;

    // Series ring buffer: value i (0-based since start) at i % cap; newest at slot newest.
    private final double[] values;
    private final long[] stamps;
    private long seen;
    private int newest = -1;
    // Index of the most recent non-finite value (-1: none); derived from the values on restore.
    private long lastNonFinite = -1;

    // FIXED state.
    private final CrossProducts left;
    private final CrossProducts right;
    private double centre;
    private int sinceRefresh;
    private boolean sumsValid;

    // Counters and hysteresis.
    private long undefinedCount;
    private long signals;
    private boolean armed = true;
    private int quiet;

    // Derived constants and scratch (not state).
    private final CrossProducts total;
    private final double[] row;
    private final double[] coef;
    private final FDistribution fDist;
    private final double fCrit;
    private final int scanFrom;
    private final int scanTo;
    private final SupFPValue supP;
    private final double[] rss1;
    private final double[] rss2;

    /** A fresh detector; see the class comment for the test and its options. */
    public RollingChow(ChowConfig cfg) {
        if (cfg == null) {
            throw new IllegalArgumentException("cfg must not be null");
        }
        this.cfg = cfg;
        this.lags = cfg.lags();
        this.m = lags + 1;
        this.k = cfg.k();
        this.window = cfg.window();
        this.half = window / 2;
        this.rearmAfter = Math.max(1, window / 2);
        this.cap = window + lags + 1;
        this.values = new double[cap];
        this.stamps = new long[cap];
        this.left = new CrossProducts(m);
        this.right = new CrossProducts(m);
        this.total = new CrossProducts(m);
        this.row = new double[m];
        this.coef = new double[m];
        int df2 = window - 2 * k;
        if (cfg.mode() == ChowMode.FIXED) {
            this.computable = half >= k + 1 && window - half >= k + 1;
            this.fDist = computable ? new FDistribution(k, df2, ChowStatistic.QUANTILE_ACCURACY) : null;
            this.fCrit = computable ? fDist.inverseCumulativeProbability(1 - cfg.alpha()) : Double.NaN;
            this.scanFrom = 0;
            this.scanTo = -1;
            this.supP = null;
            this.rss1 = null;
            this.rss2 = null;
        } else {
            int[] range = ChowStatistic.scanRange(window, k, cfg.trim());
            this.scanFrom = range[0];
            this.scanTo = range[1];
            this.computable = scanFrom <= scanTo;
            this.fDist = null;
            this.supP = computable ? new SupFPValue(k, SupFPValue.lambda(window, scanFrom, scanTo)) : null;
            this.fCrit = computable ? supP.critical(cfg.alpha()) : Double.NaN;
            this.rss1 = new double[window + 1];
            this.rss2 = new double[window + 1];
        }
    }

    /**
     * Adds one observation of the series and returns the test on the current window.
     *
     * @param ts the observation's timestamp (kept to report the break's timestamp)
     * @param value the observation
     * @return the test; undefined until the window holds {@code window} pairs
     */
    public ChowResult update(long ts, double value) {
        newest = newest + 1 == cap ? 0 : newest + 1;
        values[newest] = value;
        stamps[newest] = ts;
        if (!Double.isFinite(value)) {
            lastNonFinite = seen;
        }
        seen++;
        long pairs = seen - lags;
        if (pairs < window) {
            return ChowResult.undefined(cfg.alpha(), (int) Math.max(0, pairs), k, cfg.mode());
        }
        if (lastNonFinite >= pairs - window) {
            // a NaN or infinite value is inside the window: undefined until it leaves, then a fresh sum
            sumsValid = false;
            undefinedCount++;
            return ChowResult.undefined(cfg.alpha(), window, k, cfg.mode());
        }
        if (!computable) {
            undefinedCount++;
            return ChowResult.undefined(cfg.alpha(), window, k, cfg.mode());
        }
        return cfg.mode() == ChowMode.FIXED ? fixed(pairs) : scan(pairs);
    }

    private ChowResult fixed(long pairs) {
        long first = pairs - window; // oldest pair in the window
        if (!sumsValid || sinceRefresh >= window) {
            refresh(first);
        } else {
            updateRow(left, first - 1, -1.0);
            updateRow(right, first + half - 1, -1.0);
            updateRow(left, first + half - 1, 1.0);
            updateRow(right, pairs - 1, 1.0);
            sinceRefresh++;
        }
        total.setSum(left, right);
        double rss = segmentRss(total, first, window, centre);
        double rssL = segmentRss(left, first, half, centre);
        double rssR = segmentRss(right, first + half, window - half, centre);
        double f = ChowStatistic.chowF(rss, rssL, rssR, k, window - 2 * k);
        if (Double.isNaN(f)) {
            undefinedCount++;
            return ChowResult.undefined(cfg.alpha(), window, k, ChowMode.FIXED);
        }
        double p = 1 - fDist.cumulativeProbability(f);
        long breakPair = first + half;
        return decide(f, p, window - 1 - half, stampOfPair(breakPair), ChowMode.FIXED);
    }

    private ChowResult scan(long pairs) {
        long first = pairs - window;
        double c = windowMean();
        CrossProducts seg = left;
        seg.clear();
        for (int r = 0; r < window; r++) {
            seg.update(row, fillRow(first + r, c), 1.0);
            int cnt = r + 1;
            if (cnt >= scanFrom && cnt <= scanTo) {
                rss1[cnt] = segmentRss(seg, first, cnt, c);
            }
        }
        double rss = segmentRss(seg, first, window, c);
        seg.clear();
        for (int r = window - 1; r >= scanFrom; r--) {
            seg.update(row, fillRow(first + r, c), 1.0);
            if (r <= scanTo) {
                rss2[r] = segmentRss(seg, first + r, window - r, c);
            }
        }
        sumsValid = false; // left was used as scratch
        double sup = Double.NaN;
        int arg = -1;
        int df2 = window - 2 * k;
        for (int p = scanFrom; p <= scanTo; p++) {
            double f = ChowStatistic.fstatsF(rss, rss1[p], rss2[p], df2);
            if (!Double.isNaN(f) && (Double.isNaN(sup) || f > sup)) {
                sup = f;
                arg = p;
            }
        }
        if (Double.isNaN(sup)) {
            undefinedCount++;
            return ChowResult.undefined(cfg.alpha(), window, k, ChowMode.SCAN);
        }
        return decide(sup, supP.pValue(sup), window - 1 - arg, stampOfPair(first + arg), ChowMode.SCAN);
    }

    private ChowResult decide(double f, double p, int breakIndex, long breakTs, ChowMode mode) {
        boolean reject = p < cfg.alpha();
        boolean signal = false;
        if (armed) {
            if (reject) {
                signal = true;
                armed = false;
                quiet = 0;
                signals++;
            }
        } else if (reject) {
            quiet = 0;
        } else if (++quiet >= rearmAfter) {
            armed = true;
        }
        return new ChowResult(true, f, fCrit, p, cfg.alpha(), window, k, mode, breakIndex, breakTs, signal);
    }

    /** Recomputes both halves from the stored values, centred on the mean of the window's values. */
    private void refresh(long first) {
        centre = windowMean();
        left.clear();
        right.clear();
        for (int r = 0; r < window; r++) {
            updateRow(r < half ? left : right, first + r, 1.0);
        }
        sinceRefresh = 0;
        sumsValid = true;
    }

    /** RSS of the segment of {@code rows} pairs from {@code firstPair} whose cross-products are {@code s}. */
    private double segmentRss(CrossProducts s, long firstPair, int rows, double c) {
        boolean intercept = cfg.intercept();
        double rss = s.rss(intercept, c);
        if (Double.isNaN(rss) || rows > SMALL_SEGMENT_ROWS_PER_COLUMN * m || !s.coefficients(intercept, c, coef)) {
            return rss;
        }
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            double e = fillRow(firstPair + r, c);
            for (int j = 0; j < m; j++) {
                e -= row[j] * coef[j];
            }
            sum += e * e;
        }
        return sum;
    }

    /**
     * Mean of the window's last {@code window} values: the reference c of the level column (any c
     * gives the same RSS, see {@link CrossProducts#rss}; the mean keeps the level column small).
     */
    private double windowMean() {
        double sum = 0.0;
        int slot = newest;
        for (int r = 0; r < window; r++) {
            sum += values[slot];
            slot = slot == 0 ? cap - 1 : slot - 1;
        }
        return sum / window;
    }

    private void updateRow(CrossProducts s, long pair, double sign) {
        s.update(row, fillRow(pair, centre), sign);
    }

    /**
     * Fills {@code row} with the transformed regressors of pair p (response v[t], t = p + lags) and
     * returns the transformed response:
     * <pre>
     *   row = (1, v[t-1] - c, v[t-1] - v[t-2], .., v[t-lags+1] - v[t-lags]),   response v[t] - v[t-1]
     *   (lags = 0: row = (1), response v[t] - c)
     * </pre>
     * The lag columns span the same space as (v[t-1], .., v[t-lags]) and the response differs from
     * v[t] by a column of the design, so every RSS is unchanged (exactly, in real arithmetic); with
     * prices the differences are exact in floating point (Sterbenz) and of the size of the
     * residuals, so y'y is of the order of the RSS and the design is well conditioned.
     */
    private double fillRow(long pair, double c) {
        row[0] = 1.0;
        int slot = slotOfY(pair);
        double y = values[slot];
        if (lags == 0) {
            return y - c;
        }
        int prev = slot == 0 ? cap - 1 : slot - 1;
        double x1 = values[prev];
        row[1] = x1 - c;
        double last = x1;
        for (int j = 2; j <= lags; j++) {
            prev = prev == 0 ? cap - 1 : prev - 1;
            double xj = values[prev];
            row[j] = last - xj;
            last = xj;
        }
        return y - x1;
    }

    /** Slot of value {@code pair + lags} (the pair's response); it must be among the last cap values. */
    private int slotOfY(long pair) {
        int s = newest - (int) (seen - 1 - (pair + lags));
        return s < 0 ? s + cap : s;
    }

    private long stampOfPair(long pair) {
        return stamps[slotOfY(pair)];
    }

    /** Number of full windows whose test was undefined (degenerate); warm-up ticks are not counted. */
    public long undefinedCount() {
        return undefinedCount;
    }

    /** Number of signals emitted so far. */
    public long signals() {
        return signals;
    }

    /** Whether the next rejection will signal (hysteresis state). */
    public boolean armed() {
        return armed;
    }

    /** The configuration. */
    public ChowConfig config() {
        return cfg;
    }

    /** Bytes that {@link #writeState} writes once the window is full: the most it ever writes. */
    public int maxStateBytes() {
        return stateBytes() + 16 * (int) (cap - Math.min(seen, cap));
    }

    /** Bytes that {@link #writeState} writes now (it grows until the window is full). */
    public int stateBytes() {
        long live = Math.min(seen, cap);
        return 4 + 1 + 4 + 1 + 8 + 8 + 8 + 16 * (int) live + 1 + 8 + 4
                + sumsSize(left) + sumsSize(right) + 8 + 8 + 1 + 4;
    }

    /**
     * Writes the whole state at {@code out}'s position, big-endian, raw bits: the configuration, the last
     * {@code window + lags + 1} values with their timestamps, the FIXED cross-products and centre, counters
     * and hysteresis. It carries no header: the store that keeps it frames it (magic, version, length, CRC).
     */
    public void writeState(ByteBuffer out) {
        out.putInt(cfg.lags());
        out.put((byte) (cfg.intercept() ? 1 : 0));
        out.putInt(cfg.window());
        out.put((byte) cfg.mode().ordinal());
        out.putDouble(cfg.alpha());
        out.putDouble(cfg.trim());
        out.putLong(seen);
        // The live values, oldest first, as (value, timestamp) pairs: at most two contiguous runs of the ring.
        long live = Math.min(seen, cap);
        int first = (int) ((seen - live) % cap);
        int run = (int) Math.min(live, cap - first);
        int pos = putPairs(out, out.position(), first, run);
        pos = putPairs(out, pos, 0, (int) live - run);
        out.position(pos);
        out.put((byte) (sumsValid ? 1 : 0));
        out.putDouble(centre);
        out.putInt(sinceRefresh);
        writeSums(out, left);
        writeSums(out, right);
        out.putLong(undefinedCount);
        out.putLong(signals);
        out.put((byte) (armed ? 1 : 0));
        out.putInt(quiet);
    }

    /** The state as an array: what {@link #writeState} writes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[stateBytes()];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        writeState(out);
        if (out.hasRemaining()) {
            throw new IllegalStateException("RollingChow state size miscomputed: " + out.remaining() + " bytes left");
        }
        return bytes;
    }

    /** Writes ring slots {@code [from, from+n)} as (value, timestamp) pairs at {@code pos}; returns the end. */
    private int putPairs(ByteBuffer out, int pos, int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            out.putDouble(pos, values[i]);
            out.putLong(pos + 8, stamps[i]);
            pos += 16;
        }
        return pos;
    }

    private static int sumsSize(CrossProducts s) {
        return 8 * (s.zz.length + s.zy.length) + 8 + 4;
    }

    /**
     * Restores a detector from {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a RollingChow state, or have trailing bytes
     */
    public static RollingChow fromBytes(byte[] b) {
        if (b == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        RollingChow r = readState(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes in RollingChow state");
        }
        return r;
    }

    /**
     * Restores a detector from state format version 1 (magic "TCCW", {@code short} version 1, then the state),
     * which tickcast's detector store held before its records were framed by the store.
     *
     * @throws IllegalArgumentException if the bytes are not a version 1 RollingChow state
     */
    public static RollingChow fromVersion1(byte[] b) {
        if (b == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        try {
            if (in.getInt() != V1_MAGIC) {
                throw new IllegalArgumentException("not a RollingChow state (bad magic)");
            }
            short version = in.getShort();
            if (version != V1_VERSION) {
                throw new IllegalArgumentException("unsupported RollingChow state version " + version);
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated RollingChow state", e);
        }
        RollingChow r = readState(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes in RollingChow state");
        }
        return r;
    }

    /**
     * Restores a detector written by {@link #writeState}, from {@code in}'s position.
     *
     * @throws IllegalArgumentException if the bytes are not a RollingChow state
     */
    public static RollingChow readState(ByteBuffer in) {
        try {
            int lags = in.getInt();
            boolean intercept = in.get() != 0;
            int window = in.getInt();
            int mode = in.get();
            if (mode < 0 || mode >= ChowMode.values().length) {
                throw new IllegalArgumentException("bad mode ordinal " + mode);
            }
            ChowConfig cfg = ChowConfig.builder().lags(lags).intercept(intercept).window(window)
                    .mode(ChowMode.values()[mode]).alpha(in.getDouble()).trim(in.getDouble()).build();
            long seen = in.getLong();
            if (seen < 0) {
                throw new IllegalArgumentException("negative tick count");
            }
            int cap = window + lags + 1;
            long live = Math.min(seen, cap);
            if (in.remaining() < 16 * live) {
                throw new BufferUnderflowException();
            }
            RollingChow r = new RollingChow(cfg);
            r.seen = seen;
            r.newest = (int) ((r.seen - 1 + r.cap) % r.cap);
            int pos = in.position();
            for (long i = r.seen - live; i < r.seen; i++) {
                double v = in.getDouble(pos);
                int slot = (int) (i % r.cap);
                r.values[slot] = v;
                r.stamps[slot] = in.getLong(pos + 8);
                pos += 16;
                if (!Double.isFinite(v)) {
                    r.lastNonFinite = i;
                }
            }
            in.position(pos);
            r.sumsValid = in.get() != 0;
            r.centre = in.getDouble();
            r.sinceRefresh = in.getInt();
            readSums(in, r.left);
            readSums(in, r.right);
            r.undefinedCount = in.getLong();
            r.signals = in.getLong();
            r.armed = in.get() != 0;
            r.quiet = in.getInt();
            return r;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated RollingChow state", e);
        }
    }

    /** The sums: zz, zy in bulk, raw bits. */
    private static void writeSums(ByteBuffer out, CrossProducts s) {
        putDoubles(out, s.zz);
        putDoubles(out, s.zy);
        out.putDouble(s.yy);
        out.putInt(s.count);
    }

    private static void putDoubles(ByteBuffer out, double[] d) {
        out.asDoubleBuffer().put(d);
        out.position(out.position() + 8 * d.length);
    }

    private static void readSums(ByteBuffer in, CrossProducts s) {
        getDoubles(in, s.zz);
        getDoubles(in, s.zy);
        s.yy = in.getDouble();
        s.count = in.getInt();
    }

    private static void getDoubles(ByteBuffer in, double[] d) {
        if (in.remaining() < 8 * d.length) {
            throw new BufferUnderflowException();
        }
        in.asDoubleBuffer().get(d);
        in.position(in.position() + 8 * d.length);
    }
}
