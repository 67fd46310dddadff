package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;
import io.tickcast.stats.BreakMonitor;
import io.tickcast.stats.MonitorConfig;

import java.nio.ByteBuffer;

/**
 * The default break detector: sequential monitoring of the symbol's autoregression with a controlled false-alarm
 * rate, dated breaks with confidence intervals ({@link BreakMonitor}, {@code docs/breaks.md}). It watches the
 * seasonal lags of the period the forecaster uses.
 *
 * <p>Record (store {@code tickcast-chow}, magic "TCBM", version 3): the {@link BreakMonitor} state. Version 3 models the
 * season by its first harmonic instead of the lags y_{t−m}, y_{t−m−1}, in the same layout: a version-2 record is read
 * and, with a season in use, its regime refitted from the values it keeps. Version 1 (before
 * the bias correction and the long-run variance) was never released and is refused.
 */
final class MonitorDetector implements BreakDetector {

    static final int MAGIC = 0x5443424D; // "TCBM"
    static final short VERSION = 3;
    /** Version 2: the season as the lags y_{t−m}, y_{t−m−1}; read, and refitted with the harmonic. */
    static final short V2 = 2;
    static final String MODE = "cusum";

    private final BreakMonitor monitor;

    MonitorDetector(BreakMonitor monitor) {
        this.monitor = monitor;
    }

    /**
     * The record: {@code statistic} (and {@code cusum}) max(S+, S-), null while the regime is not monitored;
     * {@code threshold} (and {@code cusum_crit}) the threshold in effect — on a signal of the start test, its F and
     * critical value instead; on a signal the dated break with its
     * interval, the dating's F, {@code score} = statistic / threshold and {@code change}: its kind
     * ({@link BreakMonitor#classify}) with the dated segments' levels (mean values), slopes (kind slope) and residual
     * sds before and after ({@link BreakMonitor#lastRegimes}; absent when the break could not be dated by a split).
     * On the tick of an alarm the bend check dismisses ({@link BreakMonitor#aBendExplains}) the statistic is above the
     * threshold and there is no signal.
     */
    @Override
    public BreakSignal update(String symbol, long ts, double value, int period) {
        BreakMonitor.Result r = monitor.update(ts, value, period);
        MonitorConfig c = monitor.config();
        Double statistic = finite(r.statistic());
        BreakSignal.Builder b = BreakSignal.builder(symbol, ts, MODE).alpha(c.alpha())
                .window((int) Math.min(Integer.MAX_VALUE, r.regimeRows())).k(r.regressors())
                .statistic(statistic).threshold(r.threshold()).cusum(statistic).cusumCrit(r.threshold())
                .dismissed(r.dismissed());
        if (r.signal()) {
            b.signalled(r.breakTs(), r.breakLowerTs() != Long.MIN_VALUE ? r.breakLowerTs() : null,
                    r.breakUpperTs() != Long.MIN_VALUE ? r.breakUpperTs() : null)
                    .f(r.f()).score(BreakSignal.ratio(statistic, r.threshold()))
                    .change(change(monitor.lastRegimes(), r.start()));
        }
        return b.build();
    }

    /**
     * What changed at the latest dated break ({@link BreakMonitor.Regimes#kind}: level, slope, variance or dynamics,
     * with the segments' levels, slopes when the kind is slope, and residual sds), or null when the dating gave no
     * segments. A start-test signal found a shift of the intercept: it is a level (or slope) change even where the
     * split's tests cannot tell.
     */
    static BreakSignal.Change change(BreakMonitor.Regimes g, boolean start) {
        if (g == null) {
            return null;
        }
        String kind = start && !g.kind().equals(BreakMonitor.SLOPE) ? BreakMonitor.LEVEL : g.kind();
        return BreakSignal.Change.of(kind, BreakSignal.Regime.of(g.levelBefore(), g.slopeBefore(), g.sdBefore()),
                BreakSignal.Regime.of(g.levelAfter(), g.slopeAfter(), g.sdAfter()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public int regimeTicks() {
        return (int) Math.min(Integer.MAX_VALUE, monitor.regimeTicks());
    }

    /**
     * The summary: the latest statistic max(S+, S-) and the configured threshold (near a unit root the monitor uses
     * the higher one, {@link MonitorConfig#unitRootThreshold}, which the record's {@code threshold} shows), the latest
     * signal's break and interval; no {@code change} (the segments are not stored: the signal's record has them), no
     * Chow fields.
     */
    @Override
    public SymbolSnapshot.Detector summary() {
        MonitorConfig c = monitor.config();
        long b = monitor.lastBreakTs();
        return SymbolSnapshot.Detector.of(MODE, c.window(), 1 + c.lags(), c.alpha(), finite(monitor.lastStatistic()),
                        c.threshold(), monitor.signals(), monitor.undefinedCount())
                .withBreak(b == Long.MIN_VALUE ? null : b, orNull(monitor.lastLowerTs()), orNull(monitor.lastUpperTs()),
                        null);
    }

    private static Long orNull(long ts) {
        return ts == Long.MIN_VALUE ? null : ts;
    }

    @Override
    public int maxRecordBytes() {
        return StateCodec.HEADER + monitor.maxStateBytes() + StateCodec.TRAILER;
    }

    @Override
    public byte[] encode() {
        return StateCodec.encode(MAGIC, VERSION, monitor.stateBytes(), monitor::writeState);
    }

    /** Makes and restores monitors of one configuration (its threshold computed once). */
    record Kind(MonitorConfig config) implements BreakDetector.Kind {

        @Override
        public BreakDetector create() {
            return new MonitorDetector(new BreakMonitor(config));
        }

        /** A Chow detector's record (another {@code breaks.mode}, or a state from before the monitor) starts afresh. */
        @Override
        public BreakDetector restore(byte[] stored) {
            if (StateCodec.hasMagic(stored, ChowDetector.MAGIC) || StateCodec.hasMagic(stored, ChowDetector.V0_MAGIC)) {
                return create();
            }
            StateCodec.Frame frame = StateCodec.decode(stored, MAGIC, "break monitor");
            if (frame.version() != V2) {
                StateCodec.requireVersion(frame, VERSION, "break monitor");
            }
            BreakMonitor m = BreakMonitor.readState(frame.payload(), config, frame.version() == V2);
            frame.requireConsumed("break monitor");
            return new MonitorDetector(m);
        }
    }
}
