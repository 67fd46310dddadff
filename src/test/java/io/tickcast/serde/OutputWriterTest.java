package io.tickcast.serde;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OutputWriter} writes the bytes the {@link Json} mapper writes, on random records of every output type. */
class OutputWriterTest {

    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-3, 9.999e-4, 1e7, 9999999.0,
            12345678.9, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            1e-300, 1e300, 4.35, 2.0 / 3.0, 100, Long.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};

    private static final String[] PIECES = {"a", "Z", "9", " ", "_", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
            "\u0000", "\u001f", "\u007f", "\u00e9", "\u00ff", "\u2028", "\u2029", "\u4e2d", "\ud83d\ude00", "\ud83d",
            "\ude00", "</script>", "'"};

    /** The mapper's bytes, or for a record with a non-finite number, a refusal. */
    private static void assertSameBytes(Output output) {
        if (Outputs.nonFinite(output) != null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputWriter.toBytes(output));
            assertTrue(e.getMessage().contains("JSON has no such number"), e.getMessage());
            return;
        }
        byte[] expected = mapperBytes(output);
        assertArrayEquals(expected, OutputWriter.toBytes(output),
                () -> "expected " + new String(expected, StandardCharsets.UTF_8) + "\n     got "
                        + new String(OutputWriter.toBytes(output), StandardCharsets.UTF_8));
    }

    private static byte[] mapperBytes(Output output) {
        try {
            return Json.mapper().writeValueAsBytes(output);
        } catch (Exception e) {
            throw new AssertionError("the mapper cannot write " + output, e);
        }
    }

    @Test
    void randomForecastsBreakSignalsAndDeadLettersAreByteIdentical() {
        SplittableRandom rng = new SplittableRandom(314159);
        for (int i = 0; i < 5_000; i++) {
            assertSameBytes(forecast(rng));
            assertSameBytes(breakSignal(rng));
            assertSameBytes(deadLetter(rng));
        }
    }

    /** Steps held as arrays ({@link Forecast.Steps}) are written as the same steps held as objects. */
    @Test
    void stepsFromArraysAreWrittenAsTheirObjects() {
        SplittableRandom rng = new SplittableRandom(2718);
        for (int i = 0; i < 2_000; i++) {
            int h = 1 + rng.nextInt(50);
            double[] fc = new double[h];
            double[] lo = new double[h];
            double[] hi = new double[h];
            for (int k = 0; k < h; k++) {
                fc[k] = SPECIAL_DOUBLES[rng.nextInt(SPECIAL_DOUBLES.length - 3)] * rng.nextDouble();
                lo[k] = fc[k] - rng.nextDouble();
                hi[k] = fc[k] + rng.nextDouble();
            }
            long spacing = rng.nextBoolean() ? 0 : rng.nextLong(1, 86_400_000L);
            Forecast.Steps steps = new Forecast.Steps(fc, lo, hi, rng.nextDouble() * 100, rng.nextLong(0, 1L << 42), spacing);
            List<Forecast.Step> objects = new ArrayList<>(steps);
            assertTrue(objects.equals(steps) && steps.equals(objects) && objects.hashCode() == steps.hashCode());
            Forecast arrays = new Forecast("S", 1, 2.5, steps, "holt", false, 3, 0, null, null, 24, null, 0.5, null);
            Forecast asObjects = new Forecast("S", 1, 2.5, objects, "holt", false, 3, 0, null, null, 24, null, 0.5, null);
            assertArrayEquals(OutputWriter.toBytes(asObjects), OutputWriter.toBytes(arrays));
            assertSameBytes(arrays);
            assertTrue(arrays.equals(asObjects));
        }
    }

    /**
     * The weights held as primitives ({@link ExpertWeights}, what the forecaster builds) are the map of the awake
     * experts in order — equal to a {@code LinkedHashMap} of them both ways, same hash, lookups alike — and a record
     * holding them is written byte for byte as one holding that map, by the writer and by the mapper.
     */
    @Test
    void expertWeightsAsPrimitivesAreTheMapOfTheAwakeExperts() {
        SplittableRandom rng = new SplittableRandom(1618);
        for (int i = 0; i < 2_000; i++) {
            int n = rng.nextInt(16);
            List<String> names = new ArrayList<>();
            double[] w = new double[n];
            boolean[] awake = new boolean[n];
            java.util.Map<String, Double> expected = new java.util.LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                names.add("e" + k + (rng.nextBoolean() ? "\u00e9\"" : ""));
                w[k] = SPECIAL_DOUBLES[rng.nextInt(SPECIAL_DOUBLES.length - 3)] * rng.nextDouble();
                awake[k] = rng.nextInt(4) > 0;
                if (awake[k]) {
                    expected.put(names.get(k), w[k]);
                }
            }
            ExpertWeights weights = ExpertWeights.of(List.copyOf(names), w, awake);
            if (n > 0) {
                w[0] = 12345.0; // the caller's scratch, reused: the weights were copied
            }
            assertTrue(expected.equals(weights) && weights.equals(expected) && expected.hashCode() == weights.hashCode(),
                    () -> expected + " vs " + weights);
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(weights.keySet()));
            for (String name : names) {
                assertEquals(expected.get(name), weights.get(name));
                assertEquals(expected.containsKey(name), weights.containsKey(name));
            }
            assertNull(weights.get("absent"));
            Forecast primitive = new Forecast("S", 1, 2.5, List.of(), "holt", false, 3, 0, null, null, 24, weights, 0.5, null);
            Forecast boxed = new Forecast("S", 1, 2.5, List.of(), "holt", false, 3, 0, null, null, 24, expected, 0.5, null);
            assertArrayEquals(OutputWriter.toBytes(boxed), OutputWriter.toBytes(primitive));
            assertSameBytes(primitive);
            assertThrows(UnsupportedOperationException.class, () -> weights.put("x", 1.0));
        }
    }

    @Test
    void allNullableFieldsNullAndAllSet() {
        assertSameBytes(new Forecast(null, 0, 0, null, null, false, 0, 0, null, null, null, null, null, null));
        assertSameBytes(new Forecast("S", 1, 2, List.of(), "lstm", true, 3, 4, 0.5,
                new Forecast.Score(0, null, null, null, null, null, 0.9), 12, java.util.Map.of("holt", 0.75), 0.5,
                new Forecast.Anomaly(0.0099, true)));
        assertSameBytes(new BreakSignal(null, 0, null, null, null, null, 0, 0, 0, null, false, null, null, null, null,
                null, null, null, null, null));
        assertSameBytes(new BreakSignal("S", 1, 2L, 3.0, null, null, 0.05, 40, 2, "cusum", true, 1L, 3L, 9.5, 8.7, 9.5,
                8.7, new BreakSignal.Change("level", new BreakSignal.Regime(1.0, null, 0.5),
                new BreakSignal.Regime(2.0, 0.1, 0.5)), 1.09, null));
        assertSameBytes(new BreakSignal("S", 1, 2L, 3.0, null, null, 0.05, 40, 2, "cusum", true, 1L, 3L, 9.5, 8.7, 9.5,
                8.7, new BreakSignal.Change(null, null, null), null, true));
        assertSameBytes(new DeadLetter(null, null, null, 0, 0, null, null, null, null, null, null, null, null));
        assertSameBytes(DeadLetter.of(DeadLetterReason.MALFORMED_JSON, "d", "ticks", 3, 42, new byte[] {'k'},
                new byte[] {(byte) 0xff, 0, 'x'}));
        assertSameBytes(DeadLetter.of(DeadLetterReason.TOO_LARGE, "d", "ticks", 3, 42, new byte[1000],
                new byte[100_000]));
    }

    @Test
    void aListsNullElementIsWrittenAsNull() {
        List<Forecast.Step> steps = new ArrayList<>();
        steps.add(null);
        steps.add(new Forecast.Step(2, 1, 0, 2, 1, 7_200_000L));
        assertSameBytes(new Forecast("S", 1, 2, steps, "lstm", false, 3, 4, null, null, null, null, null, null));
    }

    @Test
    void jsonToBytesAndTheSerdeUseTheWriter() {
        SplittableRandom rng = new SplittableRandom(2718);
        for (int i = 0; i < 100; i++) {
            Output output = switch (i % 3) {
                case 0 -> forecast(rng);
                case 1 -> breakSignal(rng);
                default -> deadLetter(rng);
            };
            if (Outputs.nonFinite(output) != null) {
                continue; // refused by both (randomForecastsBreakSignalsAndDeadLettersAreByteIdentical)
            }
            byte[] expected = OutputWriter.toBytes(output);
            assertArrayEquals(expected, Json.toBytes(output));
            assertArrayEquals(expected, JsonSerde.of(Output.class).serializer().serialize("out", output));
        }
    }

    @Test
    void loneSurrogatesAreWrittenAlike() {
        assertSameBytes(new DeadLetter("r", "half a pair: \ud83d", "\ude00", 0, 0, "\ud83d", "x\ude00\ud83d", null, null, null, null,
                null, null));
    }

    // ---- generators ----

    private static Forecast forecast(SplittableRandom rng) {
        List<Forecast.Step> steps = null;
        if (rng.nextInt(10) > 0) {
            steps = new ArrayList<>();
            for (int h = 1, horizon = rng.nextInt(8); h <= horizon; h++) {
                steps.add(new Forecast.Step(h, dbl(rng), dbl(rng), dbl(rng), dbl(rng), rng.nextInt(3) == 0 ? null : rng.nextLong()));
            }
        }
        Forecast.Score score = rng.nextInt(4) == 0 ? null : new Forecast.Score(rng.nextLong(), boxed(rng),
                boxed(rng), boxed(rng), boxed(rng), boxed(rng), dbl(rng));
        java.util.Map<String, Double> experts = null;
        if (rng.nextInt(3) > 0) {
            experts = new java.util.LinkedHashMap<>();
            for (int k = rng.nextInt(14); k > 0; k--) {
                String name = str(rng);
                experts.put(name == null ? "" : name, rng.nextInt(8) == 0 ? null : dbl(rng));
            }
        }
        return new Forecast(str(rng), rng.nextLong(), dbl(rng), steps, str(rng), rng.nextBoolean(), rng.nextLong(),
                rng.nextLong(), boxed(rng), score, rng.nextInt(3) == 0 ? null : rng.nextInt(), experts, boxed(rng),
                rng.nextInt(3) == 0 ? null : new Forecast.Anomaly(dbl(rng), rng.nextBoolean()));
    }

    private static BreakSignal breakSignal(SplittableRandom rng) {
        return new BreakSignal(str(rng), rng.nextLong(), rng.nextInt(3) == 0 ? null : rng.nextLong(), boxed(rng),
                boxed(rng), boxed(rng), dbl(rng), rng.nextInt(), rng.nextInt(), str(rng), rng.nextBoolean(),
                rng.nextInt(3) == 0 ? null : rng.nextLong(), rng.nextInt(3) == 0 ? null : rng.nextLong(), boxed(rng),
                boxed(rng), boxed(rng), boxed(rng), change(rng), boxed(rng), rng.nextInt(3) == 0 ? Boolean.TRUE : null);
    }

    private static BreakSignal.Change change(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? null : new BreakSignal.Change(str(rng), regime(rng), regime(rng));
    }

    private static BreakSignal.Regime regime(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? null : new BreakSignal.Regime(boxed(rng), boxed(rng), boxed(rng));
    }

    private static DeadLetter deadLetter(SplittableRandom rng) {
        return new DeadLetter(str(rng), str(rng), str(rng), rng.nextInt(), rng.nextLong(), str(rng), str(rng),
                str(rng), str(rng), rng.nextInt(3) == 0 ? null : rng.nextInt(), str(rng),
                rng.nextInt(3) == 0 ? null : rng.nextInt(), str(rng));
    }

    /** Special values, plain decimals and any bit pattern (so huge, tiny and subnormal numbers too). */
    private static double dbl(SplittableRandom rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> SPECIAL_DOUBLES[rng.nextInt(SPECIAL_DOUBLES.length)];
            case 1 -> Math.round(rng.nextDouble(-1e6, 1e6) * 100) / 100.0;
            default -> Double.longBitsToDouble(rng.nextLong());
        };
    }

    private static Double boxed(SplittableRandom rng) {
        return rng.nextInt(4) == 0 ? null : dbl(rng);
    }

    /** Null, empty, a plain symbol or up to 300 pieces of escapes, control characters and non-ASCII. */
    private static String str(SplittableRandom rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "DAX";
            default -> {
                StringBuilder b = new StringBuilder();
                for (int n = rng.nextInt(rng.nextInt(10) == 0 ? 300 : 20); n > 0; n--) {
                    b.append(PIECES[rng.nextInt(PIECES.length)]);
                }
                yield b.toString();
            }
        };
    }
}
