package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The period found in the recent values ({@link Seasonality}'s scan): found, kept, not invented, and stored. */
class SeasonalityScanTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long MIN = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    /** What a run did: the tick the data's period was first used at (-1: never), how often the period changed. */
    private record Run(Seasonality season, int firstFoundAt, int changes, int foundTicks) {
    }

    private interface Series {
        double at(int t, Random r);
    }

    private static Run run(long spacing, int ticks, long seed, Series s) {
        Seasonality season = Seasonality.inferred();
        RingHistory h = new RingHistory();
        Random r = new Random(seed);
        int first = -1;
        int changes = 0;
        int found = 0;
        int last = 0;
        for (int t = 0; t < ticks; t++) {
            h.push(s.at(t, r));
            season.observe(T0 + t * spacing, h);
            if (season.foundInData()) {
                found++;
                if (first < 0) {
                    first = t;
                }
            }
            if (last > 0 && season.period() != last) {
                changes++;
            }
            last = season.period();
        }
        return new Run(season, first, changes, found);
    }

    private static Series sine(int period, double amplitude) {
        return (t, r) -> 20 + amplitude * Math.sin(2 * Math.PI * t / period) + r.nextGaussian();
    }

    @Test
    void aSixtyTickCycleOfOneMinuteTicksIsFoundAndKept() {
        // The spacing's candidate is 1440 ticks a day, beyond ⌊400/3⌋: no season from the timestamps alone.
        for (long seed = 1; seed <= 5; seed++) {
            Run run = run(MIN, 3000, seed, sine(60, 5));
            assertEquals(60, run.season().period(), "seed " + seed);
            assertTrue(run.season().on() && run.season().foundInData(), "seed " + seed);
            assertTrue(run.firstFoundAt() >= 0 && run.firstFoundAt() < 400, "found by tick 400, seed " + seed + ": " + run);
            assertEquals(1, run.changes(), "no flapping, seed " + seed + ": " + run);
        }
    }

    @Test
    void aCycleOfTwelveDailyTicksIsFoundThoughTheSpacingSaysSeven() {
        for (long seed = 1; seed <= 5; seed++) {
            Run run = run(DAY, 1500, seed, sine(12, 2));
            assertEquals(12, run.season().period(), "seed " + seed);
            assertTrue(run.season().on() && run.season().foundInData(), "seed " + seed);
            assertTrue(run.firstFoundAt() < 200, "seed " + seed + ": " + run);
            assertEquals(1, run.changes(), "seed " + seed + ": " + run);
        }
    }

    @Test
    void whenTheDataAgreeWithTheSpacingNothingChanges() {
        for (long seed = 1; seed <= 5; seed++) {
            Run run = run(HOUR, 1500, seed, sine(24, 3));
            assertEquals(24, run.season().period(), "seed " + seed);
            assertTrue(run.season().on(), "seed " + seed);
            assertEquals(0, run.foundTicks(), "the spacing's period throughout, seed " + seed + ": " + run);
        }
    }

    @Test
    void aWeeklyCycleOfHourlyTicksIsBeyondTheRingTheDailyOneIsKept() {
        // 168 > ⌊400/3⌋ = 133: the scan sees lags up to 133 only, so the daily period of the spacing stays in use.
        for (long seed = 1; seed <= 3; seed++) {
            Run run = run(HOUR, 2000, seed, (t, r) -> 20 + 2 * Math.sin(2 * Math.PI * t / 24)
                    + 3 * Math.sin(2 * Math.PI * t / 168) + r.nextGaussian());
            assertEquals(24, run.season().period(), "seed " + seed);
            assertEquals(0, run.foundTicks(), "seed " + seed + ": " + run);
        }
    }

    @Test
    void noiseAndRandomWalksRarelyGetAPeriod() {
        int series = 0;
        int falsePeriods = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double[] walk = {0};
            double[] ar = {0};
            Series[] kinds = {
                (t, r) -> r.nextGaussian(),
                (t, r) -> walk[0] += r.nextGaussian(),
                (t, r) -> ar[0] = 0.9 * ar[0] + r.nextGaussian(),
            };
            for (Series s : kinds) {
                for (long spacing : new long[] {MIN, DAY}) {
                    walk[0] = 0;
                    ar[0] = 0;
                    series++;
                    if (run(spacing, 2000, seed, s).firstFoundAt() >= 0) {
                        falsePeriods++;
                    }
                }
            }
        }
        // 120 series of 2,000 ticks: measured none (seeds 1-40: 2 of 240, one AR(0.9) seed at lag 103); at most 5 %.
        assertTrue(falsePeriods <= 6, falsePeriods + " of " + series + " series got a period from noise");
    }

    @Test
    void aConfiguredPeriodIsNeverReplaced() {
        Seasonality season = new Seasonality(24, Seasonality.RING);
        RingHistory h = new RingHistory();
        Random r = new Random(3);
        for (int t = 0; t < 1000; t++) {
            h.push(20 + 5 * Math.sin(2 * Math.PI * t / 60) + r.nextGaussian());
            season.observe(T0 + t * MIN, h);
        }
        assertEquals(24, season.period());
        assertFalse(season.foundInData());
    }

    @Test
    void theHarmonicTestSeesASlowCycleAndNotNoise() {
        Random r = new Random(5);
        double[] cycle = new double[400];
        double[] noise = new double[400];
        double[] walk = new double[400];
        for (int i = 0; i < 400; i++) {
            cycle[i] = Math.sin(2 * Math.PI * i / 60) + r.nextGaussian();
            noise[i] = r.nextGaussian();
            walk[i] = (i == 0 ? 0 : walk[i - 1]) + r.nextGaussian();
        }
        assertTrue(Seasonality.harmonicPValue(cycle, 0, 400, 60) < 1e-6);
        assertTrue(Seasonality.harmonicPValue(noise, 0, 400, 60) > 0.01);
        assertTrue(Seasonality.harmonicPValue(walk, 0, 400, 60) > 0.01);
        assertEquals(1.0, Seasonality.harmonicPValue(new double[400], 0, 400, 60), "constant values");
        assertEquals(1.0, Seasonality.harmonicPValue(cycle, 0, 5, 60), "too few values");
    }

    @Test
    void theScanStateRoundTripsAndARestoredSeasonalityContinuesIdentically() {
        Series s = sine(60, 5);
        Random r = new Random(9);
        Seasonality live = Seasonality.inferred();
        RingHistory h = new RingHistory();
        java.util.List<Seasonality> copies = new java.util.ArrayList<>();
        for (int t = 0; t < 1200; t++) {
            h.push(s.at(t, r));
            long ts = T0 + t * MIN;
            live.observe(ts, h);
            for (Seasonality c : copies) {
                c.observe(ts, h);
                assertEquals(live.period(), c.period(), "tick " + t);
                assertEquals(live.on(), c.on(), "tick " + t);
                assertEquals(live.foundInData(), c.foundInData(), "tick " + t);
                assertEquals(Double.doubleToRawLongBits(live.lastPValue()), Double.doubleToRawLongBits(c.lastPValue()));
            }
            if (t % 37 == 0) {
                ByteBuffer b = ByteBuffer.allocate(live.stateBytes());
                live.writeState(b);
                assertEquals(live.stateBytes(), b.position());
                Seasonality copy = Seasonality.inferred();
                copy.readState(b.flip());
                ByteBuffer again = ByteBuffer.allocate(copy.stateBytes());
                copy.writeState(again);
                assertArrayEquals(b.array(), again.array(), "tick " + t);
                copies.add(copy);
            }
        }
        assertTrue(live.foundInData());
        assertEquals(60, live.period());
    }

    @Test
    void aLegacyStateReadsWithNoPeriodFoundYetAndAnInconsistentOneIsRefused() {
        Seasonality s = Seasonality.inferred();
        RingHistory h = new RingHistory();
        for (int t = 0; t < 10; t++) {
            h.push(t);
            s.observe(T0 + t * HOUR, h);
        }
        ByteBuffer b = ByteBuffer.allocate(s.stateBytes());
        s.writeState(b);
        byte[] legacy = java.util.Arrays.copyOf(b.array(), Seasonality.legacyStateBytes());
        Seasonality old = Seasonality.inferred();
        old.readLegacyState(ByteBuffer.wrap(legacy));
        assertEquals(24, old.period());
        assertFalse(old.foundInData());
        // "found in the data" with the flag off is inconsistent
        byte[] bad = b.array().clone();
        bad[Seasonality.legacyStateBytes()] = 1;
        assertThrows(IllegalArgumentException.class, () -> Seasonality.inferred().readState(ByteBuffer.wrap(bad)));
        assertThrows(IllegalArgumentException.class,
                () -> Seasonality.inferred().readState(ByteBuffer.wrap(legacy)), "truncated");
    }

    /**
     * The scan's autocovariances, four lags a pass, are the one-loop-per-lag sums bit for bit: the same additions in
     * the same order (a sum taken in another order differs in the last bits, and the period found may then differ).
     */
    @Test
    void autocovariancesFourLagsAPassAreTheOneLoopSumsBitForBit() {
        Random r = new Random(24);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            int len = 1 + r.nextInt(420);
            double[] x = new double[len];
            for (int i = 0; i < len; i++) {
                x[i] = switch (r.nextInt(6)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> r.nextGaussian() * 1e-160;
                    case 3 -> r.nextGaussian() * 1e150;
                    default -> r.nextGaussian() * Math.exp(r.nextGaussian() * 3);
                };
            }
            int maxLag = r.nextInt(len + 2);
            double[] out = new double[maxLag + 1];
            Seasonality.autocovariances(x, len, maxLag, out);
            for (int k = 1; k <= maxLag; k++) {
                double c = 0;
                for (int i = k; i < len; i++) {
                    c += x[i] * x[i - k];
                }
                int lag = k;
                assertEquals(Double.doubleToRawLongBits(c), Double.doubleToRawLongBits(out[k]),
                        () -> "len " + len + ", lag " + lag);
                checked++;
            }
        }
        assertTrue(checked > 10_000, "lags checked: " + checked);
    }
}
