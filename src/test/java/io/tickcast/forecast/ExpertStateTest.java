package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each expert's state round-trips: written mid-run, read into a fresh one, both continue bit-identically. */
class ExpertStateTest {

    private static final int H = 3;
    private static final int M = 12;

    static Stream<Arguments> experts() {
        List<Supplier<OnlineExpert>> makers = List.of(Persistence::new, () -> new SeasonalNaive(M, H),
                () -> new Drift(H), () -> EtsFamily.ses(H), () -> EtsFamily.holt(H), () -> EtsFamily.logHolt(H),
                () -> EtsFamily.holtWinters(M, H), () -> EtsFamily.logHoltWinters(M, H));
        return makers.stream().flatMap(m -> Stream.of(1, 2, 5, 23, 24, 25, 150, 250).map(cut -> Arguments.of(
                m.get().name(), cut, m)));
    }

    private static byte[] state(OnlineExpert e) {
        ByteBuffer out = ByteBuffer.allocate(e.stateBytes());
        e.writeState(out);
        assertFalse(out.hasRemaining(), "stateBytes is what writeState writes");
        return out.array();
    }

    @ParameterizedTest(name = "{0} cut after {1}")
    @MethodSource("experts")
    void aRestoredExpertContinuesBitIdentically(String name, int cut, Supplier<OnlineExpert> make) {
        double[] y = Reference.series(21, 300, M);
        y[200] = -1; // the log families die here: cut 250 round-trips a dead family
        OnlineExpert original = make.get();
        ArrayHistory history = new ArrayHistory(400);
        for (int t = 0; t < cut; t++) {
            history.push(y[t]);
            original.observe(history, 0.5 + t % 3);
        }
        byte[] bytes = state(original);
        OnlineExpert restored = make.get();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        restored.readState(in);
        assertFalse(in.hasRemaining());
        assertArrayEquals(bytes, state(restored));
        double[] a = new double[H];
        double[] b = new double[H];
        for (int t = cut; t < y.length; t++) {
            history.push(y[t]);
            original.observe(history, 0.5 + t % 3);
            restored.observe(history, 0.5 + t % 3);
            boolean ready = original.forecast(history, a);
            assertEquals(ready, restored.forecast(history, b), name + " t=" + t);
            if (ready) {
                for (int h = 0; h < H; h++) {
                    assertEquals(Double.doubleToRawLongBits(a[h]), Double.doubleToRawLongBits(b[h]), name + " t=" + t);
                }
            }
            if (original instanceof EtsFamily f) {
                assertEquals(f.leader(), ((EtsFamily) restored).leader());
            }
        }
        assertArrayEquals(state(original), state(restored));
    }

    @Test
    void aStateOfAnotherConfigurationIsRefusedClearly() {
        OnlineExpert hw12 = EtsFamily.holtWinters(12, 1);
        Reference.observeAll(hw12, Reference.series(1, 40, 12), 1.0);
        byte[] bytes = state(hw12);
        assertRefused(EtsFamily.holtWinters(4, 1), bytes, "period 12");
        assertRefused(EtsFamily.holtWinters(12, 2), bytes, "horizon 1");
        assertRefused(EtsFamily.logHoltWinters(12, 1), bytes, "not a lhw state");
        assertRefused(EtsFamily.holt(1), bytes, "not a holt state");
        assertRefused(new SeasonalNaive(12, 1), bytes, "not a snaive state");
        assertRefused(new Drift(1), state(EtsFamily.ses(1)), "not a drift state");
        assertRefused(new Persistence(), state(new Drift(1)), "not a persistence state");
        assertRefused(new SeasonalNaive(12, 1), state(new SeasonalNaive(7, 1)), "period 7");
        assertRefused(EtsFamily.ses(2), state(EtsFamily.ses(1)), "horizon 1");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertRefused(EtsFamily.holtWinters(12, 1), truncated, "truncated");
        byte[] badFlag = bytes.clone();
        badFlag[ExpertBase.CONFIG_BYTES] = 7;
        assertRefused(EtsFamily.holtWinters(12, 1), badFlag, "bad flag");
        byte[] badSlot = bytes.clone();
        ByteBuffer.wrap(badSlot).putInt(ExpertBase.CONFIG_BYTES + 2, 12);
        assertRefused(EtsFamily.holtWinters(12, 1), badSlot, "slot 12");
    }

    @Test
    void aRefusedStateLeavesTheExpertAsItWas() {
        EtsFamily f = EtsFamily.holt(1);
        ArrayHistory h = Reference.observeAll(f, Reference.series(2, 50, 0), 1.0);
        byte[] before = state(f);
        assertRefused(f, state(EtsFamily.logHolt(1)), "not a holt state");
        assertArrayEquals(before, state(f));
        assertTrue(f.forecast(h, new double[1]));
    }

    private static void assertRefused(OnlineExpert e, byte[] bytes, String message) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> e.readState(ByteBuffer.wrap(bytes)));
        assertTrue(x.getMessage().contains(message), x.getMessage());
    }
}
