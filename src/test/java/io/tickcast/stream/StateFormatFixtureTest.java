package io.tickcast.stream;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored state keeps loading: a symbol's records in every format version the stores have held are loaded into a
 * fresh topology, which must then forward exactly what the code that wrote them forwarded for the next ticks.
 * Version 0 ({@code state-v0/}: "TCS1", "TCLM", "TCCW" records) was written by the code before the records were
 * framed; version 1 ({@code state-v1/}) by {@link StateFixtures#main}.
 */
class StateFormatFixtureTest {

    @Test
    void versionZeroRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertContinues("state-v0", name);
        }
    }

    @Test
    void versionOneRecordsLoadAndContinueAsTheirWriterDid() throws IOException {
        for (String name : StateFixtures.CASES.keySet()) {
            assertContinues("state-v1", name);
        }
    }

    @Test
    void versionOneRecordsAreFramed() throws IOException {
        StateFixtures.Case c = StateFixtures.Case.load("state-v1", "default");
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.SERIES), SymbolState.MAGIC));
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.MODELS), LstmExpert.MAGIC));
        assertTrue(StateCodec.hasMagic(c.records().get(StoreNames.CHOW), ChowDetector.MAGIC));
    }

    private static void assertContinues(String version, String name) throws IOException {
        StateFixtures.Case c = StateFixtures.Case.load(version, name);
        List<String> actual = c.replay();
        assertEquals(c.outputs().size(), actual.size(), version + "/" + name + ": records");
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(c.outputs().get(i), actual.get(i), version + "/" + name + ": record " + i);
        }
    }
}
