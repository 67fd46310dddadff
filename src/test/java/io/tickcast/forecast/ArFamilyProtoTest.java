package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four AR families and the season flag against the prototype itself, tick by tick
 * ({@code make_proto_reference_ar.py} runs {@code forecast_proto.Forecaster} with H = 3 on LYNX, WWWUSAGE, UKGAS,
 * CO2 and DURAB): the period, the flag, each family's leader (by one-step SSE) and its 1..3-step forecasts.
 * The families are built at the 6th tick, as the prototype builds its experts, and get the prototype's scale.
 */
class ArFamilyProtoTest {

    private static final double TOL = 1e-9;
    private static final String[] FAMILIES = {"ar_l", "ar_d", "ar_sd", "ar_dsd"};

    /** One tick of one series, as the prototype saw it. */
    private record Tick(long ts, double value, String[] expected) {
    }

    private static Map<String, List<Tick>> ticks() {
        List<String[]> series = Resources.csv("ar_series.csv");
        List<String[]> reference = Resources.csv("ar_reference.csv");
        assertEquals(series.size(), reference.size());
        Map<String, List<Tick>> out = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            String[] s = series.get(i);
            String[] r = reference.get(i);
            assertEquals(s[0], r[0]);
            out.computeIfAbsent(s[0], k -> new ArrayList<>())
                    .add(new Tick(Long.parseLong(s[1]), Double.parseDouble(s[2]), r));
        }
        return out;
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3})
    void leadersForecastsAndSeasonFlagMatchThePrototype(int horizon) {
        int compared = 0;
        int seasonalCompared = 0;
        for (Map.Entry<String, List<Tick>> e : ticks().entrySet()) {
            String symbol = e.getKey();
            RingHistory history = new RingHistory();
            Seasonality season = Seasonality.inferred();
            ArFamily[] fams = null;
            double[] out = new double[horizon];
            List<Tick> ts = e.getValue();
            for (int t = 0; t < ts.size(); t++) {
                Tick tick = ts.get(t);
                String[] ref = tick.expected();
                String at = symbol + " t=" + t;
                history.push(tick.value());
                season.observe(tick.ts(), history);
                assertEquals(Integer.parseInt(ref[2]), season.period(), at + " period");
                assertEquals("1".equals(ref[3]), season.on(), at + " season flag");
                if (fams == null && season.period() != 0) {
                    int m = season.period();
                    fams = m > 1
                            ? new ArFamily[] {ArFamily.levels(horizon), ArFamily.differences(horizon),
                                ArFamily.seasonalDifferences(m, horizon), ArFamily.doubleDifferences(m, horizon)}
                            : new ArFamily[] {ArFamily.levels(horizon), ArFamily.differences(horizon)};
                }
                if (fams == null) {
                    continue;
                }
                double scale = Double.parseDouble(ref[4]);
                for (int f = 0; f < FAMILIES.length; f++) {
                    int col = 5 + f * 4;
                    String what = at + " " + FAMILIES[f];
                    if (ref[col].isEmpty()) {
                        assertTrue(f >= fams.length, what + ": the prototype has no such family");
                        continue;
                    }
                    ArFamily fam = fams[f];
                    assertEquals(FAMILIES[f], fam.name());
                    fam.observe(history, scale);
                    boolean has = fam.forecast(history, out);
                    int leader = Integer.parseInt(ref[col]);
                    assertEquals(leader >= 0, has, what + " ready");
                    if (!has) {
                        continue;
                    }
                    assertEquals(leader, fam.leader(), what + " leader");
                    for (int h = 0; h < horizon; h++) {
                        double expected = Double.parseDouble(ref[col + 1 + h]);
                        double unit = Math.max(Math.abs(expected), scale);
                        if (!Resources.near(expected, out[h], TOL, unit)) {
                            fail(what + " step " + (h + 1) + ": expected " + expected + " but was " + out[h]
                                    + " (error " + Math.abs(out[h] - expected) / unit + " of max(|f|, scale))");
                        }
                    }
                    compared++;
                    if (fam.seasonal()) {
                        seasonalCompared++;
                    }
                }
            }
        }
        assertTrue(compared > 2500, "forecasts compared: " + compared);
        assertTrue(seasonalCompared > 1000, "seasonal forecasts compared: " + seasonalCompared);
    }
}
