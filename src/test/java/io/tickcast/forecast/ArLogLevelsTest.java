package io.tickcast.forecast;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The autoregressions of the log values (ar_ll): those of the levels, on ln y, exponentiated; retired at y ≤ 0. */
class ArLogLevelsTest {

    @Test
    void eachOrderForecastsTheExponentialOfTheLevelsFamilyOnTheLogs() {
        Random r = new Random(5);
        ArFamily logs = ArFamily.logLevels(1);
        ArFamily levelsOfLogs = ArFamily.levels(1);
        RingHistory y = new RingHistory(400);
        RingHistory lnY = new RingHistory(400);
        double z = 0;
        int compared = 0;
        for (int t = 0; t < 300; t++) {
            z = 0.7 * z + 0.1 * r.nextGaussian();
            y.push(Math.exp(3 + z));
            lnY.push(3 + z);
            logs.observe(y, 1.0);
            levelsOfLogs.observe(lnY, 1.0);
            assertEquals(levelsOfLogs.ready(), logs.ready(), "tick " + t);
            if (logs.ready()) {
                for (int k = 0; k < logs.size(); k++) {
                    assertEquals(Math.exp(levelsOfLogs.oneStep(k)), logs.oneStep(k), 1e-12 * logs.oneStep(k), "order " + k);
                }
                compared++;
            }
        }
        assertTrue(compared > 250);
        double[] out = new double[1];
        assertTrue(logs.forecast(y, out));
        assertTrue(out[0] > 0);
    }

    @Test
    void aValueAtMostZeroRetiresTheFamilyForGoodAndTheStateKeepsIt() {
        ArFamily logs = ArFamily.logLevels(2);
        RingHistory y = new RingHistory(400);
        for (int t = 0; t < 40; t++) {
            y.push(10 + Math.sin(t));
            logs.observe(y, 1.0);
        }
        assertTrue(logs.forecast(y, new double[2]));
        y.push(0.0);
        logs.observe(y, 1.0);
        assertFalse(logs.forecast(y, new double[2]), "retired at 0");
        ByteBuffer state = ByteBuffer.allocate(logs.stateBytes());
        logs.writeState(state);
        ArFamily restored = ArFamily.logLevels(2);
        restored.readState(state.flip());
        for (int t = 0; t < 40; t++) {
            y.push(10 + Math.sin(t));
            logs.observe(y, 1.0);
            restored.observe(y, 1.0);
            assertFalse(logs.forecast(y, new double[2]), "never again");
            assertFalse(restored.forecast(y, new double[2]), "restored: never again");
        }
        // A series that starts at 0 never gets the family going.
        ArFamily fromZero = ArFamily.logLevels(1);
        RingHistory z = new RingHistory(400);
        z.push(0.0);
        for (int t = 0; t < 40; t++) {
            z.push(5 + t);
            fromZero.observe(z, 1.0);
        }
        assertFalse(fromZero.forecast(z, new double[1]));
    }
}
