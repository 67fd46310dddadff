package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The families against the measured prototype, tick by tick: proto_reference_*.csv, made by make_proto_reference.py
 * beside it, which runs the prototype's Forecaster on CO2 (period 12, inferred) and LYNX (period 10, explicit). As
 * there, the families are built at the tick the prototype builds its experts (the 6th value) over the history of all
 * values so far, and observe each value with the prototype's scale of that tick. Horizon 1: the leaders (argmin of
 * the one-step losses) must be the same members and their forecasts equal to 1e-9 (relative above 1).
 */
class EtsFamilyProtoTest {

    private static final String[] FAMILIES = {"ses", "holt", "lholt", "hw", "lhw"};

    @ParameterizedTest(name = "{0}")
    @CsvSource({"proto_reference_co2.csv, 12, 468", "proto_reference_lynx.csv, 10, 114"})
    void theFamilyLeadersForecastAsThePrototypes(String file, int period, int length) {
        List<String[]> rows = Reference.csv(file);
        assertEquals(length, rows.size());
        ArrayHistory history = new ArrayHistory(400);
        EtsFamily[] families = null;
        double[] out = new double[1];
        int[] compared = new int[FAMILIES.length];
        for (String[] r : rows) {
            int t = Integer.parseInt(r[0]);
            history.push(Double.parseDouble(r[1]));
            if (r[2].equals("0")) {
                continue;
            }
            if (families == null) {
                assertEquals(6, t, "the prototype builds its experts at the 6th value");
                families = new EtsFamily[FAMILIES.length];
                for (int f = 0; f < FAMILIES.length; f++) {
                    families[f] = Reference.family(FAMILIES[f], period, 1);
                }
            }
            double scale = Double.parseDouble(r[3]);
            for (int f = 0; f < FAMILIES.length; f++) {
                EtsFamily family = families[f];
                family.observe(history, scale);
                String lead = r[4 + 2 * f];
                String where = file + " " + FAMILIES[f] + " t=" + t;
                assertEquals(!lead.isEmpty(), family.forecast(history, out), where + " ready");
                if (lead.isEmpty()) {
                    continue;
                }
                assertEquals(Integer.parseInt(lead), family.leader(), where + " leader");
                double want = Double.parseDouble(r[5 + 2 * f]);
                assertTrue(Reference.close(want, out[0], 1e-9), where + ": " + out[0] + " vs prototype " + want);
                compared[f]++;
            }
        }
        for (int f = 0; f < FAMILIES.length; f++) {
            // non-seasonal: from the build on; seasonal: from the 2m-th value on
            int expected = f < 3 ? length - 5 : length - 2 * period + 1;
            assertEquals(expected, compared[f], file + " " + FAMILIES[f] + " ticks compared");
        }
    }
}
