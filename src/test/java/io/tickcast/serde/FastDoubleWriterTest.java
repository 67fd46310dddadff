package io.tickcast.serde;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output records' doubles are written by the Schubfach writer ({@link Json}, {@code USE_FAST_DOUBLE_WRITER}): every
 * finite double written into an output record parses back ({@link Double#parseDouble}) to the same bits, on edge
 * doubles and on random ones (seeded), and is never longer than Java 17's {@link Double#toString}.
 */
class FastDoubleWriterTest {

    private static final double[] EDGES = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.0 / 3, 2.0 / 3,
            Double.MIN_VALUE, -Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE),
            1e-3, Math.nextDown(1e-3), 9.999e-4, 1e7, Math.nextDown(1e7), 9999999.0, 12345678.9, 1e23, 8.41e21,
            2e-3, 5e-324, 4.9e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 2.2250738585072011e-308,
            4.35, 100, Long.MAX_VALUE, (double) (1L << 53), (double) (1L << 53) + 2, 1e-300, 1e300, Math.PI, Math.E,
            18342.25, 0.95, 123456789012345680.0, 5e-310, 1.1e-310};

    @Test
    void edgeDoublesRoundTrip() {
        for (double d : EDGES) {
            assertRoundTrip(d);
            assertRoundTrip(-d);
        }
        for (int e = -324; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            assertRoundTrip(p);
            assertRoundTrip(Math.nextUp(p));
            assertRoundTrip(Math.nextDown(p));
        }
        for (int e = -1074; e <= 1023; e++) {
            assertRoundTrip(Math.scalb(1.0, e));
        }
    }

    @Test
    void randomDoublesRoundTrip() {
        SplittableRandom rng = new SplittableRandom(20261206);
        for (int i = 0; i < 200_000; i++) {
            double bits = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(bits)) {
                assertRoundTrip(bits);
            }
            assertRoundTrip(rng.nextDouble() * 1e6 - 5e5);
            assertRoundTrip(100 * Math.exp(rng.nextGaussian()));
            assertRoundTrip(Math.round(rng.nextDouble() * 1e6) / 100.0);
        }
    }

    /** A whole forecast record: every number in it reads back to the double written. */
    @Test
    void forecastRecordsReadBackBitIdentical() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            double[] d = new double[12];
            for (int j = 0; j < d.length; j++) {
                d[j] = switch (rng.nextInt(3)) {
                    case 0 -> EDGES[rng.nextInt(EDGES.length)];
                    case 1 -> rng.nextGaussian() * Math.pow(10, rng.nextInt(-20, 20));
                    default -> {
                        double x = Double.longBitsToDouble(rng.nextLong());
                        yield Double.isFinite(x) ? x : 0.5;
                    }
                };
            }
            List<Forecast.Step> steps = new ArrayList<>();
            steps.add(new Forecast.Step(1, d[0], d[1], d[2], d[3], null));
            Forecast f = new Forecast("S", 1, d[4], steps, "holt", false, 3, 0, d[5],
                    new Forecast.Score(5, d[6], d[7], d[8], d[9], d[10], 0.95), 1, null, d[11], null);
            JsonNode n = Json.mapper().readTree(Json.toBytes(f));
            JsonNode s = n.get("steps").get(0);
            double[] back = {s.get("forecast").asDouble(), s.get("lower").asDouble(), s.get("upper").asDouble(),
                    s.get("persistence").asDouble(), n.get("value").asDouble(), n.get("train_loss").asDouble(),
                    n.get("score").get("rmse").asDouble(), n.get("score").get("mae").asDouble(),
                    n.get("score").get("persistence_rmse").asDouble(), n.get("score").get("persistence_mae").asDouble(),
                    n.get("score").get("coverage").asDouble(), n.get("gain").asDouble()};
            String text = new String(Json.toBytes(f), StandardCharsets.UTF_8);
            for (int j = 0; j < d.length; j++) {
                assertEquals(Double.doubleToRawLongBits(d[j]), Double.doubleToRawLongBits(back[j]), text);
                // and as text, parsed by the JDK
                assertEquals(Double.doubleToRawLongBits(d[j]), Double.doubleToRawLongBits(
                        Double.parseDouble(written(d[j]))), text);
            }
        }
    }

    /** The bytes the writer writes for {@code d} (as the value of a one-step forecast's {@code value} field). */
    private static String written(double d) {
        String json = new String(Json.toBytes(new Forecast(null, 0, d, null, null, false, 0, 0, null, null, null, null,
                null, null)), StandardCharsets.UTF_8);
        int start = json.indexOf("\"value\":") + 8;
        return json.substring(start, json.indexOf(',', start));
    }

    private static void assertRoundTrip(double d) {
        String text = written(d);
        double back = Double.parseDouble(text);
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back),
                () -> d + " written as " + text + " reads back as " + back);
        assertTrue(text.length() <= Double.toString(d).length(),
                () -> d + " written as " + text + ", longer than Double.toString's " + Double.toString(d));
    }
}
