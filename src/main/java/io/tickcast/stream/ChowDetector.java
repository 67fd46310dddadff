package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;
import io.tickcast.stats.ChowConfig;
import io.tickcast.stats.ChowResult;
import io.tickcast.stats.RollingChow;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The notebook's Chow test, rolling over the last {@code chow.window} pairs ({@link RollingChow}), and its
 * latest statistic.
 *
 * <p>Record (store {@code tickcast-chow}, magic "TCCD", version 1): the latest F, critical value and p-value
 * (NaN while undefined), the estimated break's timestamp ({@link Long#MIN_VALUE}: none), then the
 * RollingChow state ({@link RollingChow#writeState}). Version 0, RollingChow's own "TCCW" record without the
 * latest statistic, is still read.
 */
final class ChowDetector implements BreakDetector {

    static final int MAGIC = 0x54434344; // "TCCD"
    static final short VERSION = 1;
    static final int V0_MAGIC = 0x54434357; // "TCCW"

    private final RollingChow chow;
    private double f = Double.NaN;
    private double fCrit = Double.NaN;
    private double pValue = Double.NaN;
    private long breakTs = Long.MIN_VALUE;
    /** The latest tick's estimated break, in ticks ago of its first observation (−1: undefined); not stored. */
    private int breakIndex = -1;

    ChowDetector(RollingChow chow) {
        this.chow = chow;
    }

    @Override
    public BreakSignal update(String symbol, long ts, double value, int period) {
        ChowResult r = chow.update(ts, value);
        f = r.f();
        fCrit = r.fCrit();
        pValue = r.pValue();
        breakTs = r.defined() ? r.breakTs() : Long.MIN_VALUE;
        breakIndex = r.defined() ? r.breakIndex() : -1;
        return BreakSignal.chow(symbol, ts, r.defined() ? r.breakTs() : null, finite(r.f()), finite(r.fCrit()),
                finite(r.pValue()), r.alpha(), r.n(), r.k(), r.mode().name().toLowerCase(Locale.ROOT), r.signal());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    @Override
    public int regimeTicks() {
        return breakIndex + 1;
    }

    /** Takes the latest statistic a version 0 series record carried (for {@link LegacySeriesFormat}). */
    void adoptStatistic(double f, double fCrit, double pValue, long breakTs) {
        this.f = f;
        this.fCrit = fCrit;
        this.pValue = pValue;
        this.breakTs = breakTs;
    }

    /** The summary: statistic = F, threshold = F crit (and the same as {@code f}, {@code f_crit}, {@code p_value}). */
    @Override
    public SymbolSnapshot.Detector summary() {
        ChowConfig c = chow.config();
        return SymbolSnapshot.Detector.of(c.mode().name().toLowerCase(Locale.ROOT), c.window(), c.k(), c.alpha(),
                        finite(f), finite(fCrit), chow.signals(), chow.undefinedCount())
                .withBreak(breakTs == Long.MIN_VALUE ? null : breakTs, null, null, null)
                .withChow(finite(f), finite(fCrit), finite(pValue));
    }

    @Override
    public int maxRecordBytes() {
        return StateCodec.HEADER + 8 * 4 + chow.maxStateBytes() + StateCodec.TRAILER;
    }

    @Override
    public byte[] encode() {
        return StateCodec.encode(MAGIC, VERSION, 8 * 4 + chow.stateBytes(), out -> {
            out.putDouble(f).putDouble(fCrit).putDouble(pValue).putLong(breakTs);
            chow.writeState(out);
        });
    }

    /** Makes and restores Chow detectors of one configuration. */
    record Kind(ChowConfig config) implements BreakDetector.Kind {

        @Override
        public BreakDetector create() {
            return new ChowDetector(new RollingChow(config));
        }

        /** Also reads version 0; the break monitor's record (another {@code breaks.mode}) starts a fresh detector. */
        @Override
        public BreakDetector restore(byte[] stored) {
            if (StateCodec.hasMagic(stored, MonitorDetector.MAGIC)) {
                return create();
            }
            if (StateCodec.hasMagic(stored, V0_MAGIC)) {
                return new ChowDetector(RollingChow.fromVersion1(stored));
            }
            StateCodec.Frame frame = StateCodec.decode(stored, MAGIC, "Chow detector");
            StateCodec.requireVersion(frame, VERSION, "Chow detector");
            ByteBuffer in = frame.payload();
            double f = in.getDouble();
            double crit = in.getDouble();
            double p = in.getDouble();
            long ts = in.getLong();
            ChowDetector d = new ChowDetector(RollingChow.readState(in));
            frame.requireConsumed("Chow detector");
            d.adoptStatistic(f, crit, p, ts);
            return d;
        }
    }
}
