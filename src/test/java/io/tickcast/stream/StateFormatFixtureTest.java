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
 * fresh topology, which then runs the ticks that followed them. The current version ({@code state-v4/}, written by
 * {@link StateFixtures#main}) and version 3 ({@code state-v3/}, before the period found in the data) must continue exactly as its writer did, byte for byte but for the steps' target times
 * ({@code ts}) and the tick's anomaly score, which version 3's outputs predate: the restored spacing must give every step one. The earlier versions hold the
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
        assertContinuesExactly(StateFixtures.CURRENT);
    }

    /**
     * Version 3 predates the period found in the data: its seasonality is read without the scan's state, which starts
     * afresh; on these series (index closes, no cycle) no scan finds a period, so they continue exactly as their writer
     * did too.
     */
    @Test
    void versionThreeRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        assertContinuesExactly("state-v3");
    }

    private static void assertContinuesExactly(String version) throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            StateFixtures.Case c = StateFixtures.Case.load(version, name);
            List<String> actual = c.replay();
            assertEquals(c.outputs().size(), actual.size(), name + ": records");
            for (int i = 0; i < actual.size(); i++) {
                String got = actual.get(i);
                String withoutStepTimes = ANOMALY.matcher(STEP_TS.matcher(got).replaceAll("}")).replaceAll("}");
                String want = c.outputs().get(i);
                String wantWithout = ANOMALY.matcher(STEP_TS.matcher(want).replaceAll("}")).replaceAll("}");
                assertEquals(wantWithout, withoutStepTimes, version + "/" + name + ": record " + i);
                if (!want.equals(wantWithout)) {
                    assertEquals(want, got, version + "/" + name + ": record " + i + ", with its step times and anomaly");
                }
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
                assertEquals(c.outputs().get(i), actual.get(i), at + ": break record " + i);
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
