package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hipparchus.distribution.continuous.FDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The candidate period, the F-test against R, the hysteresis of the flag, and the state codec. */
class SeasonalityTest {

    private static final long MIN = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    // ---------------------------------------------------------------------------------------------------------
    // F-test
    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, double[]> rSeries() {
        Map<String, List<Double>> lists = new LinkedHashMap<>();
        for (String[] r : Resources.csv("seasonality_series.csv")) {
            lists.computeIfAbsent(r[0], k -> new ArrayList<>()).add(Double.parseDouble(r[1]));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    @Test
    void fAndPValueEqualRsOneWayAnovaOfTheDifferencesOnThePhase() {
        Map<String, double[]> series = rSeries();
        List<String[]> rows = Resources.csv("seasonality_reference.csv");
        assertEquals(24, rows.size());
        int tiny = 0;
        for (String[] r : rows) {
            double[] v = series.get(r[0]);
            int m = Integer.parseInt(r[1]);
            int from = Integer.parseInt(r[2]);
            int to = Integer.parseInt(r[3]);
            double f = Double.parseDouble(r[4]);
            double p = Double.parseDouble(r[5]);
            String what = r[0] + " m=" + m + " [" + from + ", " + to + ")";
            double jf = Seasonality.stableSeasonalityF(v, from, to, m);
            double jp = Seasonality.stableSeasonalityPValue(v, from, to, m);
            assertTrue(Resources.near(f, jf, 1e-10, Math.abs(f)), what + ": F " + jf + " vs R " + f);
            assertTrue(Resources.near(p, jp, 1e-10, Math.abs(p)), what + ": p " + jp + " vs R " + p);
            if (p < 1e-6) {
                tiny++;
            }
        }
        assertTrue(tiny >= 3, "relative agreement checked on tiny p-values too: " + tiny);
    }

    @Test
    void thePValueIsTheUpperTailOfHipparchusFDistribution() {
        double[] v = rSeries().get("TREERING");
        for (int m : new int[] {2, 3, 5, 7, 12}) {
            double f = Seasonality.stableSeasonalityF(v, 0, v.length, m);
            double n = v.length - 1;
            double tail = 1 - new FDistribution(m - 1, n - m).cumulativeProbability(f);
            assertEquals(tail, Seasonality.stableSeasonalityPValue(v, 0, v.length, m), 1e-14, "m=" + m);
        }
    }

    @Test
    void degenerateWindows() {
        double[] v = {1, 2, 3, 4, 5, 6, 7};
        assertEquals(1.0, Seasonality.stableSeasonalityPValue(v, 0, 7, 1), "m < 2");
        assertEquals(1.0, Seasonality.stableSeasonalityPValue(v, 0, 7, 5), "N = 6 < m + 2");
        assertEquals(1.0, Seasonality.stableSeasonalityPValue(v, 0, 7, 4), "constant differences");
        double[] saw = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        assertEquals(0.0, Seasonality.stableSeasonalityPValue(saw, 0, saw.length, 2), "perfect season");
        assertThrows(IllegalArgumentException.class, () -> Seasonality.stableSeasonalityPValue(v, 3, 8, 2));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Candidate period
    // ---------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
        // sub-hourly: ticks per day, 1 above 133
        "1, 1", "60000, 1", "600000, 1", "720000, 120", "900000, 96", "1800000, 48", "3239999, 27",
        // ties of the rounding go to even, as Python's round: 1 382 400 ms = 62.5 ticks a day, 1 280 000 ms = 67.5
        "1382400, 62", "1280000, 68",
        // the 133 cap: 649 625 ms is 133.0 a day, 646 000 ms rounds to 134
        "649625, 133", "646000, 1",
        // hourly
        "3240000, 24", "3600000, 24", "5399999, 24", "5400000, 1",
        // daily
        "77759999, 1", "77760000, 7", "86400000, 7", "129599999, 7", "129600000, 1",
        // weekly
        "518399999, 1", "518400000, 52", "604800000, 52", "691200000, 52", "691200001, 1",
        // monthly
        "2419199999, 1", "2419200000, 12", "2592000000, 12", "2678400000, 12", "2678400001, 1",
        // quarterly
        "7689599999, 1", "7689600000, 4", "7862400000, 4", "7948800000, 4", "7948800001, 1",
        // annual, none, negative
        "31536000000, 1", "31622400000, 1", "0, 1", "-5, 1",
    })
    void periodFromSpacingFollowsTheTable(long spacing, int expected) {
        assertEquals(expected, Seasonality.periodFromSpacing(spacing, 133));
    }

    @Test
    void theCapIsTheArgument() {
        assertEquals(1440, Seasonality.periodFromSpacing(MIN, 1440));
        assertEquals(1, Seasonality.periodFromSpacing(MIN, 1439));
        assertEquals(144, Seasonality.periodFromSpacing(10 * MIN, 400));
        assertEquals(86_400_000, Seasonality.periodFromSpacing(1, Integer.MAX_VALUE));
        assertEquals(133, Seasonality.maxPeriod(400));
    }

    @Test
    void theMedianSpacingIgnoresGaps() {
        long t0 = 1_700_000_000_000L;
        long[] weekdays = {t0, t0 + DAY, t0 + 2 * DAY, t0 + 3 * DAY, t0 + 4 * DAY, t0 + 7 * DAY};
        assertEquals(DAY, Seasonality.medianSpacing(weekdays));
        long[] jittered = {0, 3 * HOUR, 4 * HOUR, 5 * HOUR, 5 * HOUR + 50 * MIN, 7 * HOUR};
        assertEquals(HOUR, Seasonality.medianSpacing(jittered));
    }

    /** The bench files' and EuStockMarkets' first six timestamps (copied by make_proto_reference_ar.py). */
    @Test
    void periodsOfTheRealTimestamps() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("AIRQUALITY_TEMP", 7);
        expected.put("AUSTRES", 4);
        expected.put("BEAVER1", 1);
        expected.put("BEAVER2", 1);
        expected.put("BJSALES", 52);
        expected.put("BOSTONHOMICIDE", 12);
        expected.put("CO2", 12);
        expected.put("DISCOVERIES", 1);
        expected.put("DJIA", 52);
        expected.put("DURAB", 12);
        expected.put("GROSSARL", 1);
        expected.put("JOHNSONJOHNSON", 4);
        expected.put("LDEATHS", 12);
        expected.put("LYNX", 1);
        expected.put("NHTEMP", 1);
        expected.put("TREERING", 1);
        expected.put("UKGAS", 4);
        expected.put("USACCDEATHS", 12);
        expected.put("WWWUSAGE", 1);
        expected.put("CAC", 7);
        expected.put("DAX", 7);
        expected.put("FTSE", 7);
        expected.put("SMI", 7);
        List<String[]> rows = Resources.csv("first_timestamps.csv");
        assertEquals(expected.size(), rows.size());
        for (String[] r : rows) {
            Seasonality s = Seasonality.inferred();
            RingHistory h = new RingHistory();
            for (int i = 0; i < Seasonality.TIMESTAMPS; i++) {
                assertEquals(0, s.period(), r[0] + " before the 6th tick");
                h.push(i);
                s.observe(Long.parseLong(r[1 + i]), h);
            }
            assertEquals(expected.get(r[0]), s.period(), r[0]);
            assertEquals(Integer.parseInt(r[7]), s.period(), r[0] + " (the prototype's)");
            assertFalse(s.on(), r[0]);
        }
    }

    @Test
    void anExplicitPeriodOverridesAndIsTrusted() {
        Seasonality s = new Seasonality(12, 400);
        RingHistory h = new RingHistory();
        Random rnd = new Random(3);
        for (int i = 0; i < 100; i++) {
            h.push(rnd.nextGaussian());
            s.observe(i * MIN, h);
            assertEquals(i < 5 ? 0 : 12, s.period());
            assertEquals(i >= 5, s.on(), "trusted from the 6th tick on, whatever the data");
        }
        assertTrue(Double.isNaN(s.lastPValue()), "never tested");
        Seasonality big = new Seasonality(200, 400);
        for (int i = 0; i < 6; i++) {
            h.push(i);
            big.observe(i * DAY, h);
        }
        assertEquals(1, big.period(), "above ring/3 even when explicit, as in the prototype");
        assertFalse(big.on());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Confirmation and hysteresis
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Daily ticks (m = 7): noise, then a weekly season ramping in, held, ramping out, noise, and the season again.
     * Every flag change happens at a test, on at p &lt; 0.01 and off at p ≥ 0.10; between 0.01 and 0.10 the flag
     * stays what it was, on and off (both occur in this run).
     */
    @Test
    void theFlagSwitchesOnBelowOnePercentAndOffOnlyFromTenPercent() {
        Random rnd = new Random(20240607L);
        int n = 3000;
        double[] amp = new double[n];
        for (int t = 0; t < n; t++) {
            double a;
            if (t < 300) {
                a = 0;
            } else if (t < 700) {
                a = 0.6 * (t - 300) / 400.0;
            } else if (t < 1100) {
                a = 0.6;
            } else if (t < 1700) {
                a = 0.6 * (1700 - t) / 600.0;
            } else if (t < 2400) {
                a = 0;
            } else {
                a = 1.0;
            }
            amp[t] = a;
        }
        int[] pattern = {0, 1, 2, 1, 0, -2, -2};
        Seasonality s = Seasonality.inferred();
        RingHistory h = new RingHistory();
        double level = 100;
        boolean was = false;
        int ons = 0;
        int offs = 0;
        int heldOn = 0;
        int heldOff = 0;
        int onAt = -1;
        for (int t = 0; t < n; t++) {
            level += 0.2 * rnd.nextGaussian();
            h.push(level + amp[t] * pattern[t % 7] + 0.5 * rnd.nextGaussian());
            double before = s.lastPValue();
            s.observe(1_600_000_000_000L + t * DAY, h);
            boolean tested = h.observed() % 7 == 0 && h.observed() >= 14;
            double p = s.lastPValue();
            if (!tested) {
                assertEquals(was, s.on(), "t=" + t + ": the flag changes only at a test");
                assertEquals(Double.doubleToRawLongBits(before), Double.doubleToRawLongBits(p));
            } else if (!was) {
                assertEquals(p < 0.01, s.on(), "t=" + t + " p=" + p);
                heldOff += p >= 0.01 && p < 0.10 ? 1 : 0;
            } else {
                assertEquals(p < 0.10, s.on(), "t=" + t + " p=" + p);
                heldOn += p >= 0.01 && p < 0.10 ? 1 : 0;
            }
            if (s.on() && !was) {
                ons++;
                if (onAt < 0) {
                    onAt = t;
                }
            }
            if (!s.on() && was) {
                offs++;
            }
            was = s.on();
        }
        assertEquals(7, s.period());
        assertTrue(onAt >= 300 && onAt < 1100, "confirmed while the season ramps in or holds: " + onAt);
        assertTrue(ons >= 2 && offs >= 1, "on " + ons + " times, off " + offs + " times");
        assertTrue(s.on(), "on at the end");
        assertTrue(heldOn >= 1, "stayed on with 0.01 <= p < 0.10: " + heldOn);
        assertTrue(heldOff >= 1, "stayed off with 0.01 <= p < 0.10: " + heldOff);
    }

    // ---------------------------------------------------------------------------------------------------------
    // State
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void stateRoundTripContinuesBitIdentically() {
        for (int cut : new int[] {0, 3, 6, 200}) {
            Random rnd = new Random(5);
            Seasonality a = Seasonality.inferred();
            Seasonality b = null;
            RingHistory h = new RingHistory();
            for (int t = 0; t < 900; t++) {
                h.push(10 * Math.sin(2 * Math.PI * t / 12) * (t > 500 ? 0 : 1) + rnd.nextGaussian());
                long ts = t * 30 * DAY;
                a.observe(ts, h);
                if (b != null) {
                    b.observe(ts, h);
                    assertEquals(a.on(), b.on());
                    assertEquals(a.period(), b.period());
                }
                if (t + 1 == cut) {
                    b = Seasonality.inferred();
                    b.readState(ByteBuffer.wrap(state(a)));
                }
            }
            if (b == null) {
                b = Seasonality.inferred();
                b.readState(ByteBuffer.wrap(state(a)));
            }
            assertArrayEquals(state(a), state(b), "cut " + cut);
            assertEquals(12, b.period());
        }
    }

    @Test
    void readingAnotherConfigurationFailsAndChangesNothing() {
        Seasonality a = new Seasonality(0, 400);
        RingHistory h = new RingHistory();
        for (int t = 0; t < 6; t++) {
            h.push(t);
            a.observe(t * DAY, h);
        }
        byte[] bytes = state(a);
        Seasonality other = new Seasonality(7, 400);
        byte[] before = state(other);
        assertThrows(IllegalArgumentException.class, () -> other.readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> new Seasonality(0, 300).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class,
                () -> other.readState(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))));
        assertArrayEquals(before, state(other));
        bytes[8] = 9;
        assertThrows(IllegalArgumentException.class, () -> new Seasonality(0, 400).readState(ByteBuffer.wrap(bytes)));
    }

    private static byte[] state(Seasonality s) {
        ByteBuffer b = ByteBuffer.allocate(s.stateBytes());
        s.writeState(b);
        assertEquals(0, b.remaining());
        return b.array();
    }
}
