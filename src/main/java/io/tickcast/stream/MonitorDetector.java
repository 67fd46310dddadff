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

    @Override
    public BreakSignal update(String symbol, long ts, double value, int period) {
        BreakMonitor.Result r = monitor.update(ts, value, period);
        MonitorConfig c = monitor.config();
        return new BreakSignal(symbol, ts, r.signal() ? r.breakTs() : null, r.signal() ? finite(r.f()) : null, null, null,
                c.alpha(), (int) Math.min(Integer.MAX_VALUE, r.regimeRows()), r.regressors(), MODE, r.signal(),
                r.signal() && r.breakLowerTs() != Long.MIN_VALUE ? r.breakLowerTs() : null,
                r.signal() && r.breakUpperTs() != Long.MIN_VALUE ? r.breakUpperTs() : null,
                finite(r.statistic()), r.threshold());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public int regimeTicks() {
        return (int) Math.min(Integer.MAX_VALUE, monitor.regimeTicks());
    }

    /** The summary: {@code f} is the latest CUSUM statistic, {@code f_crit} its threshold, {@code window} the dating's. */
    @Override
    public SymbolSnapshot.Detector summary() {
        MonitorConfig c = monitor.config();
        long b = monitor.lastBreakTs();
        return new SymbolSnapshot.Detector(MODE, c.window(), 1 + c.lags(), c.alpha(), finite(monitor.lastStatistic()),
                c.threshold(), null, b == Long.MIN_VALUE ? null : b, monitor.signals(), monitor.undefinedCount());
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
