package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Members against R's forecast::ets with fixed parameters and fixed initial states: ets_reference.csv, made by
 * make_ets_reference.R beside it (its header says how the states are fixed). The start-up states must equal the
 * script's (1e-12), then the one-step forecasts and the last 6-step forecasts R's (1e-9, relative above 1).
 */
class EtsFamilyRTest {

    private static final int H = 6;

    /** One case of the CSV. */
    private record Case(String family, EtsFamily.Member member, int period, Map<String, TreeMap<Integer, Double>> rows) {
    }

    private static Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        for (String[] r : Reference.csv("ets_reference.csv")) {
            EtsFamily.Member member = new EtsFamily.Member(Double.parseDouble(r[2]), Double.parseDouble(r[3]),
                    Double.parseDouble(r[4]), Double.parseDouble(r[5]));
            Case c = cases.computeIfAbsent(r[0], k -> new Case(r[1], member, Integer.parseInt(r[6]), new TreeMap<>()));
            c.rows().computeIfAbsent(r[7], k -> new TreeMap<>()).put(Integer.parseInt(r[8]), Double.parseDouble(r[9]));
        }
        return cases;
    }

    @Test
    void theReferenceCoversEveryModelForm() {
        assertEquals(List.of("ANN", "AAN", "AAdN", "logAAdN", "AAdA12", "AAdA4", "logAAdA12"),
                new ArrayList<>(cases().keySet()));
    }

    @Test
    void membersMatchRsEtsWithTheSameParametersAndInitialStates() {
        for (Map.Entry<String, Case> entry : cases().entrySet()) {
            String name = entry.getKey();
            Case c = entry.getValue();
            EtsFamily family = Reference.family(c.family(), c.period(), H);
            int k = family.members().indexOf(c.member());
            assertTrue(k >= 0, name + ": " + c.member() + " is not in " + c.family());
            double[] y = c.rows().get("y").values().stream().mapToDouble(Double::doubleValue).toArray();
            Map<Integer, Double> fit = c.rows().get("fit");
            Map<Integer, Double> init = c.rows().get("init");
            int m = c.period();
            int origin = m > 0 ? 2 * m : 1; // 1-based index of the value after which the family is ready
            ArrayHistory history = new ArrayHistory(400);
            double[] out = new double[H];
            int compared = 0;
            for (int t = 1; t <= y.length; t++) {
                history.push(y[t - 1]);
                family.observe(history, 1.0);
                if (t == origin) {
                    assertClose(name + " init level", init.get(0), family.level(k), 1e-12);
                    assertClose(name + " init trend", init.get(1), family.trend(k), 1e-12);
                    for (int j = 0; j < m; j++) {
                        assertClose(name + " init season " + j, init.get(2 + j), family.season(k, j), 1e-12);
                    }
                }
                if (t < origin) {
                    continue;
                }
                assertTrue(family.forecastMember(k, out), name + " t=" + t);
                if (t < y.length) {
                    assertClose(name + " one-step forecast of y_" + (t + 1), fit.get(t + 1), out[0], 1e-9);
                    compared++;
                }
            }
            assertEquals(fit.size(), compared, name);
            Map<Integer, Double> fcast = c.rows().get("fcast");
            for (int h = 1; h <= H; h++) {
                assertClose(name + " " + h + "-step forecast", fcast.get(y.length + h), out[h - 1], 1e-9);
            }
        }
    }

    private static void assertClose(String what, double expected, double actual, double tol) {
        assertTrue(Reference.close(expected, actual, tol), () -> what + ": " + actual + " vs R " + expected);
    }
}
