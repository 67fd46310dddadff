package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State round trips of {@link MlPoly}, {@link PersistenceShrink} and {@link AdaptiveConformal}: after
 * {@code writeState} / {@code readState} into a fresh instance, both continue bit-identically (every output compared
 * by its raw bits, and the final states byte for byte); a state of another configuration, another class or a truncated
 * one is refused with an IllegalArgumentException and leaves the state as it was; and the per-tick calls allocate
 * nothing in steady state.
 */
class AggregationStateTest {

    private static final int K = 12;

    /** One horizon step's learners, driven by a seeded stream of synthetic forecasts. */
    private static final class Step {
        final MlPoly agg = new MlPoly(K);
        final PersistenceShrink shrink = new PersistenceShrink();
        final AdaptiveConformal conf = new AdaptiveConformal();
        final boolean[] awake = new boolean[K];
        final double[] f = new double[K];
        final double[] w = new double[K];
        double level = 100.0;

        /** One tick; returns a digest of every output bit. */
        long tick(SplittableRandom rnd) {
            for (int k = 0; k < K; k++) {
                awake[k] = k < 7 || rnd.nextInt(4) != 0;
                f[k] = level + (k - 5) * 0.1 + rnd.nextGaussian();
            }
            double s = 0.5 + rnd.nextDouble();
            agg.weights(awake, w);
            double raw = MlPoly.aggregate(w, f, awake);
            double g = shrink.gain();
            double fc = level + g * (raw - level);
            double nu = conf.normaliser(s);
            double half = conf.halfWidth(nu);
            double y = level + 0.3 * (raw - level) + s * rnd.nextGaussian();
            agg.learn(w, f, awake, raw, y, s);
            shrink.learn(raw - level, y - level, s);
            conf.learn(y, fc, fc - half, fc + half, nu);
            level = y;
            long digest = 17;
            for (double v : w) {
                digest = 31 * digest + Double.doubleToRawLongBits(v);
            }
            for (double v : new double[] {raw, g, fc, nu, half, conf.missLevel()}) {
                digest = 31 * digest + Double.doubleToRawLongBits(v);
            }
            return digest;
        }

        byte[] state() {
            ByteBuffer b = ByteBuffer.allocate(agg.stateBytes() + shrink.stateBytes() + conf.stateBytes() + 8);
            agg.writeState(b);
            assertEquals(agg.stateBytes(), b.position());
            shrink.writeState(b);
            assertEquals(agg.stateBytes() + shrink.stateBytes(), b.position());
            conf.writeState(b);
            assertEquals(agg.stateBytes() + shrink.stateBytes() + conf.stateBytes(), b.position());
            b.putLong(Double.doubleToRawLongBits(level));
            return b.array();
        }

        void restore(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            agg.readState(b);
            shrink.readState(b);
            conf.readState(b);
            level = Double.longBitsToDouble(b.getLong());
            assertEquals(bytes.length, b.position());
        }
    }

    /** Before the interval warm-up ends, within it, with a partly filled window, and with the window wrapped. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 9, 10, 11, 60, 100, 101, 357})
    void aRestoredStateContinuesBitIdentically(int ticksBefore) {
        Step original = new Step();
        SplittableRandom rnd = new SplittableRandom(ticksBefore);
        for (int t = 0; t < ticksBefore; t++) {
            original.tick(rnd);
        }
        byte[] saved = original.state();
        Step restored = new Step();
        restored.restore(saved);
        assertArrayEquals(saved, restored.state(), "the state reads back to the same bytes");
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int t = 0; t < 250; t++) {
            assertEquals(original.tick(a), restored.tick(b), "tick " + t + " after restoring");
        }
        assertArrayEquals(original.state(), restored.state());
    }

    @Test
    void aStateOfAnotherConfigurationIsRefusedAndChangesNothing() {
        Step step = new Step();
        SplittableRandom rnd = new SplittableRandom(4);
        for (int t = 0; t < 30; t++) {
            step.tick(rnd);
        }
        byte[] before = step.state();

        ByteBuffer mlPoly7 = ByteBuffer.allocate(new MlPoly(7).stateBytes());
        new MlPoly(7).writeState(mlPoly7);
        refused(() -> step.agg.readState(mlPoly7.flip()), "7 experts");
        ByteBuffer shrinkC15 = ByteBuffer.allocate(new PersistenceShrink(1.5).stateBytes());
        new PersistenceShrink(1.5).writeState(shrinkC15);
        refused(() -> step.shrink.readState(shrinkC15.flip()), "c = 1.5");
        for (AdaptiveConformal other : new AdaptiveConformal[] {
            new AdaptiveConformal(0.8, 100, 0.03, 30), new AdaptiveConformal(0.9, 50, 0.03, 30),
            new AdaptiveConformal(0.9, 100, 0.03, 30, 1.645, 10)}) {
            ByteBuffer b = ByteBuffer.allocate(other.stateBytes());
            other.writeState(b);
            refused(() -> step.conf.readState(b.flip()), "this one is (level 0.9, window 100");
        }
        // γ and the half-life are rates, not dimensions: a state written with others is read, and continues at the
        // reader's rates (the intervals' per-step rates, series format 6).
        for (AdaptiveConformal other : new AdaptiveConformal[] {
            new AdaptiveConformal(0.9, 100, 0.01, 30), new AdaptiveConformal(0.9, 100, 0.03, 20)}) {
            for (int t = 0; t < 40; t++) {
                other.learn(t % 3, 0.0, -1.0, 1.0, 1.0);
            }
            ByteBuffer b = ByteBuffer.allocate(other.stateBytes());
            other.writeState(b);
            AdaptiveConformal reader = new AdaptiveConformal(0.9, 100, 0.03, 30);
            reader.readState(b.flip());
            assertEquals(other.scoreCount(), reader.scoreCount());
            assertEquals(other.missLevel(), reader.missLevel());
            assertEquals(other.halfWidth(1.0), reader.halfWidth(1.0));
        }
        ByteBuffer shrinkBytes = ByteBuffer.allocate(step.shrink.stateBytes());
        step.shrink.writeState(shrinkBytes);
        refused(() -> step.agg.readState(shrinkBytes.flip()), "not an ML-Poly state");
        refused(() -> step.conf.readState(shrinkBytes.rewind()), "not an adaptive-conformal state");
        ByteBuffer aggBytes = ByteBuffer.allocate(step.agg.stateBytes());
        step.agg.writeState(aggBytes);
        refused(() -> step.shrink.readState(aggBytes.flip()), "not a persistence-shrink state");
        refused(() -> step.agg.readState(ByteBuffer.wrap(aggBytes.array(), 0, 100)), "truncated");
        ByteBuffer confBytes = ByteBuffer.allocate(step.conf.stateBytes());
        step.conf.writeState(confBytes);
        refused(() -> step.conf.readState(ByteBuffer.wrap(confBytes.array(), 0, confBytes.capacity() - 1)),
                "truncated");
        assertArrayEquals(before, step.state(), "refused states changed nothing");
    }

    private static void refused(Runnable read, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
    }

    /**
     * No allocation per call in steady state: the thread's allocated bytes over 20 000 ticks of weights + learn
     * (K = 12), gain + learn and normaliser + halfWidth + learn (full window), after a warm-up.
     */
    @Test
    void theTickAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter off");
        MlPoly agg = new MlPoly(K);
        PersistenceShrink shrink = new PersistenceShrink();
        AdaptiveConformal conf = new AdaptiveConformal();
        boolean[] awake = new boolean[K];
        double[] f = new double[K];
        double[] w = new double[K];
        double[] noise = new double[4096];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextGaussian();
        }
        long id = Thread.currentThread().getId();
        long allocated = 0;
        double sink = 0.0;
        for (int round = 0; round < 2; round++) {
            long start = threads.getThreadAllocatedBytes(id);
            for (int t = 0; t < 20_000; t++) {
                for (int k = 0; k < K; k++) {
                    awake[k] = k < 7 || ((t + k) & 3) != 0;
                    f[k] = noise[(t * K + k) & 4095];
                }
                agg.weights(awake, w);
                double raw = MlPoly.aggregate(w, f, awake);
                double y = noise[(t * 7 + 3) & 4095];
                agg.learn(w, f, awake, raw, y, 1.0);
                double g = shrink.gain();
                shrink.learn(raw, y, 1.0);
                double nu = conf.normaliser(1.0);
                double half = conf.halfWidth(nu);
                conf.learn(y, g * raw, g * raw - half, g * raw + half, nu);
                sink += half;
            }
            allocated = threads.getThreadAllocatedBytes(id) - start;
        }
        assertTrue(sink > 0.0);
        assertTrue(allocated < 2048, "bytes allocated over 20 000 ticks in steady state: " + allocated);
    }
}
