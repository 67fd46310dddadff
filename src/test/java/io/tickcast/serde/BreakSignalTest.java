package io.tickcast.serde;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record's builder and factories, its JSON against {@code schemas/break.schema.json}, the finiteness check. */
class BreakSignalTest {

    @Test
    void theBuilderLeavesNaNAndInfinitiesOut() {
        BreakSignal b = BreakSignal.builder("S", 1, BreakSignal.CUSUM).alpha(0.05).window(10).k(2)
                .statistic(Double.NaN).threshold(Double.POSITIVE_INFINITY).score(null).build();
        assertNull(b.statistic());
        assertNull(b.threshold());
        assertNull(Outputs.nonFinite(b));
        assertEquals("{\"symbol\":\"S\",\"ts\":1,\"alpha\":0.05,\"window\":10,\"k\":2,\"mode\":\"cusum\",\"signal\":false}",
                Json.toString(b));
        assertEquals("", SchemaCheck.errors("break", Json.toString(b)));
        BreakSignal.Regime r = BreakSignal.Regime.of(1.0, Double.NaN, 0.5);
        assertNull(r.slope());
    }

    @Test
    void aSignalWithItsChangeIsValid() {
        BreakSignal b = BreakSignal.builder("S0", 1_704_125_400_000L, BreakSignal.CUSUM).alpha(0.05).window(80).k(2)
                .statistic(14.2).threshold(10.0)
                .signalled(1_704_124_200_000L, 1_704_123_600_000L, 1_704_124_800_000L)
                .change(BreakSignal.Change.of(BreakSignal.Change.SLOPE, BreakSignal.Regime.of(101.5, 0.02, 0.8),
                        BreakSignal.Regime.ofNullable(101.9, -0.35, null)))
                .score(0.97).build();
        String json = Json.toString(b);
        assertEquals("", SchemaCheck.errors("break", json), json);
        assertTrue(json.contains("\"change\":{\"kind\":\"slope\",\"before\":{\"level\":101.5,\"slope\":0.02,\"sd\":0.8},"
                + "\"after\":{\"level\":101.9,\"slope\":-0.35}}"), json);
        assertEquals(b, b.toBuilder().build());
        assertEquals(b, Json.mapper().convertValue(Json.mapper().valueToTree(b), BreakSignal.class), "read back");
    }

    @Test
    void theChowFactoryFillsTheGenericFields() {
        BreakSignal b = BreakSignal.chow("DAX", 5, 3L, 5.8, 2.0, 1e-4, 0.05, 120, 6, BreakSignal.FIXED, true);
        assertEquals(5.8, b.statistic());
        assertEquals(2.0, b.threshold());
        assertEquals(2.9, b.score(), 1e-12);
        assertEquals("", SchemaCheck.errors("break", Json.toString(b)));
        BreakSignal quiet = BreakSignal.chow("DAX", 5, null, null, null, null, 0.05, 120, 6, BreakSignal.SCAN, false);
        assertNull(quiet.score());
        assertEquals("", SchemaCheck.errors("break", Json.toString(quiet)));
    }

    @Test
    void aNonFiniteMagnitudeIsNamedAndRefused() {
        BreakSignal b = BreakSignal.builder("S", 1, BreakSignal.CUSUM).alpha(0.05).window(10).k(2).build();
        BreakSignal bad = new BreakSignal(b.symbol(), b.ts(), null, null, null, null, 0.05, 10, 2, "cusum", true, null,
                null, null, null, 1.0, 2.0, new BreakSignal.Change("level", new BreakSignal.Regime(1.0, null, null),
                new BreakSignal.Regime(Double.NaN, null, null)), null, null);
        assertEquals("change.after.level", Outputs.nonFinite(bad));
        assertEquals("threshold", Outputs.nonFinite(new BreakSignal("S", 1, null, null, null, null, 0.05, 10, 2,
                "cusum", false, null, null, null, null, 1.0, Double.NaN, null, null, null)));
    }

    @Test
    void modesHaveNames() {
        assertEquals("Sequential CUSUM", BreakSignal.detectorName("cusum"));
        assertTrue(BreakSignal.detectorName("fixed").startsWith("Chow test"));
        assertTrue(BreakSignal.detectorName("scan").startsWith("Chow test"));
        assertFalse(BreakSignal.detectorName("other").isEmpty());
    }
}
