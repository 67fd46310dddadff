package io.tickcast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored state keeps loading. A symbol's records in every format version the stores have held are loaded into a
 * fresh topology, which then runs the ticks that followed them. The current version ({@code state-v7/}, written by
 * {@link StateFixtures#main}) must continue exactly as its writer did, byte for byte; so must version 6
 * ({@code state-v6/}, before the seasonal naive of a week, which these daily series do not have) and version 5
 * ({@code state-v5/}, before the intervals' rates scaled with the step) but for the intervals of steps 2 and later,
 * version 4 ({@code state-v4/}, before the period found in the data: the scan starts afresh) and version 3
 * ({@code state-v3/}, every step of every pending forecast) but for the steps' target times ({@code ts}) and the
 * tick's anomaly score, which its outputs predate: the restored spacing must give every step one. The earlier versions hold the
 * single-input LSTM, which is replaced by a fresh one (it took other inputs): version 0 ({@code state-v0/}: "TCS1",
 * "TCLM", "TCCW" records, from the code before the records were framed) and 1 ({@code state-v1/}, the single LSTM
 * expert) predate the panel of experts, version 2 ({@code state-v2/}) the LSTM's base forecasts. Their values,
 * scale, scores (and from version 2 the panel) and Chow detector carry over, so the break records must continue as
 * their writer's did, the forecasts go on from the stored tick count, and the outputs are those of the same records
 * without the LSTM's.
 */
class StateFormatFixtureTest {

    /** A step's target time: the last field of a step object (a record's own ts comes first, before a comma). */
    private static final java.util.regex.Pattern STEP_TS = java.util.regex.Pattern.compile(",\"ts\":-?\\d+}");
    /** The tick's anomaly score: the last field of a forecast, which the stored outputs also predate. */
    private static final java.util.regex.Pattern ANOMALY = java.util.regex.Pattern.compile(
            ",\"anomaly\":\\{\"p_value\":[0-9.E-]+,\"flag\":(true|false)}}$");

    @Test
    void currentRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            StateFixtures.Case c = StateFixtures.Case.load(StateFixtures.CURRENT, name);
            assertEquals(c.outputs(), c.replay(), name);
        }
    }

    /**
     * Version 6 predates the seasonal naive of a week, which only a panel of period 24 (hourly values) has: these
     * daily series' records continue exactly as their writer did.
     */
    @Test
    void versionSixRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            StateFixtures.Case c = StateFixtures.Case.load("state-v6", name);
            assertEquals(c.outputs(), c.replay(), "state-v6/" + name);
        }
    }

    /**
     * Version 5 predates the intervals' rates scaled with the step ({@code ForecastSettings.newConformal}): its
     * records continue exactly as their writer did, but for the intervals of steps 2 and later, which continue at the
     * new rates (finite, around their forecasts).
     */
    @Test
    void versionFiveRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertContinuesButForLaterIntervals("state-v5", name);
        }
    }

    /**
     * Version 4 predates the period found in the data: its seasonality is read without the scan's state, which starts
     * afresh; on these series (index closes, no cycle) no scan finds a period, so they continue exactly as their writer
     * did, but for the intervals of steps 2 and later (as version 5).
     */
    @Test
    void versionFourRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertContinuesButForLaterIntervals("state-v4", name);
        }
    }

    private static void assertContinuesButForLaterIntervals(String version, String name) throws IOException {
        StateFixtures.Case c = StateFixtures.Case.load(version, name);
        List<String> actual = c.replay();
        assertEquals(c.outputs().size(), actual.size(), version + "/" + name + ": records");
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(withoutLaterIntervals(c.outputs().get(i)), withoutLaterIntervals(actual.get(i)),
                    version + "/" + name + ": record " + i);
        }
    }

    /**
     * A forecast record without the bounds of its steps 2 and later, after checking that they are finite and hold
     * the step's forecast; other records as they are.
     */
    private static String withoutLaterIntervals(String json) throws IOException {
        JsonNode n = Json.mapper().readTree(json);
        if (!n.has("steps")) {
            return json;
        }
        for (JsonNode step : n.get("steps")) {
            if (step.get("step").asInt() < 2) {
                continue;
            }
            double lower = step.get("lower").asDouble();
            double upper = step.get("upper").asDouble();
            double forecast = step.get("forecast").asDouble();
            assertTrue(Double.isFinite(lower) && Double.isFinite(upper) && lower <= forecast && forecast <= upper, json);
            ((com.fasterxml.jackson.databind.node.ObjectNode) step).remove(List.of("lower", "upper"));
        }
        return Json.mapper().writeValueAsString(n);
    }

    /**
     * Version 3 held every step of every pending forecast; versions 4 and 5 read only the live ones (and version 3's seasonality
     * has no scan state, as version 4's). Its records continue exactly as their writer did (the same forecasts, bit for bit), but for the fields its outputs predate
     * and the intervals of steps 2 and later (as version 5).
     */
    @Test
    void versionThreeRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            StateFixtures.Case c = StateFixtures.Case.load("state-v3", name);
            List<String> actual = c.replay();
            assertEquals(c.outputs().size(), actual.size(), name + ": records");
            for (int i = 0; i < actual.size(); i++) {
                String got = actual.get(i);
                String withoutStepTimes = ANOMALY.matcher(STEP_TS.matcher(withoutGenericFields(got)).replaceAll("}"))
                        .replaceAll("}");
                assertEquals(withoutLaterIntervals(c.outputs().get(i)), withoutLaterIntervals(withoutStepTimes),
                        name + ": record " + i);
                JsonNode steps = Json.mapper().readTree(got).path("steps");
                for (JsonNode step : steps) {
                    assertTrue(step.hasNonNull("ts"), name + ": record " + i + " has a step without its time: " + got);
                }
            }
        }
    }

    @Test
    void versionZeroRecordsLoadAndCarryOver() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertCarriesOver("state-v0", name);
        }
    }

    @Test
    void versionOneRecordsLoadAndCarryOver() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertCarriesOver("state-v1", name);
        }
    }

    @Test
    void versionTwoRecordsLoadAndCarryOver() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertCarriesOver("state-v2", name);
        }
    }

    @Test
    void currentRecordsAreFramed() throws IOException {
        StateFixtures.Case c = StateFixtures.Case.load(StateFixtures.CURRENT, "default");
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.SERIES), SymbolState.MAGIC));
        assertEquals(SymbolState.VERSION, StateCodec.decode(c.records().get(StoreNames.SERIES), SymbolState.MAGIC, "series").version());
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.MODELS), LstmExpert.MAGIC));
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.CHOW), ChowDetector.MAGIC));
    }

    /**
     * A break record without the generic fields its stored outputs predate ({@code statistic}, {@code threshold},
     * {@code score}, {@code change}), after checking that they repeat the Chow test's F and critical value (and on a
     * signal F / F crit); other records as they are.
     */
    private static String withoutGenericFields(String json) throws IOException {
        JsonNode n = Json.mapper().readTree(json);
        if (n.has("steps") || !n.has("mode")) {
            return json;
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
        assertEquals(o.get("f"), o.get("statistic"), json);
        assertEquals(o.get("f_crit"), o.get("threshold"), json);
        if (o.has("score")) {
            assertEquals(o.get("f").asDouble() / o.get("f_crit").asDouble(), o.get("score").asDouble(), 1e-12, json);
        }
        o.remove(List.of("statistic", "threshold", "score", "change"));
        return Json.mapper().writeValueAsString(o);
    }

    private static void assertCarriesOver(String version, String name) throws IOException {
        StateFixtures.Case c = StateFixtures.Case.load(version, name);
        List<String> actual = c.replay();
        String at = version + "/" + name;
        assertEquals(c.outputs().size(), actual.size(), at + ": records");
        int forecasts = 0;
        for (int i = 0; i < actual.size(); i++) {
            JsonNode want = Json.mapper().readTree(c.outputs().get(i));
            JsonNode got = Json.mapper().readTree(actual.get(i));
            if (!want.has("steps")) {
                assertEquals(c.outputs().get(i), withoutGenericFields(actual.get(i)), at + ": break record " + i);
                continue;
            }
            assertEquals(want.get("ticks"), got.get("ticks"), at + ": ticks, record " + i);
            for (JsonNode step : got.get("steps")) {
                assertTrue(step.get("lower").asDouble() <= step.get("forecast").asDouble()
                        && step.get("forecast").asDouble() <= step.get("upper").asDouble(), at + ": record " + i);
            }
            forecasts++;
        }
        assertEquals(100, forecasts, at);
        Map<String, byte[]> withoutModel = new LinkedHashMap<>(c.records());
        withoutModel.remove(StoreNames.MODELS);
        StateFixtures.Case fresh = new StateFixtures.Case(c.config(), withoutModel, c.ticks(), c.outputs());
        assertEquals(fresh.replay(), actual, at + ": the stored single-input LSTM is replaced by a fresh one");
    }
}
