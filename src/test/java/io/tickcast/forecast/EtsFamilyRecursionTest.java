package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every member of every grid against the textbook recursion of its setting, written plainly in {@link Reference}. */
class EtsFamilyRecursionTest {

    private static final int H = 3;

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("ses", 0, false, (IntFunction<EtsFamily>) m -> EtsFamily.ses(H)),
                Arguments.of("holt", 0, false, (IntFunction<EtsFamily>) m -> EtsFamily.holt(H)),
                Arguments.of("lholt", 0, true, (IntFunction<EtsFamily>) m -> EtsFamily.logHolt(H)),
                Arguments.of("hw", 12, false, (IntFunction<EtsFamily>) m -> EtsFamily.holtWinters(m, H)),
                Arguments.of("hw", 4, false, (IntFunction<EtsFamily>) m -> EtsFamily.holtWinters(m, H)),
                Arguments.of("hw", 2, false, (IntFunction<EtsFamily>) m -> EtsFamily.holtWinters(m, H)),
                Arguments.of("lhw", 12, true, (IntFunction<EtsFamily>) m -> EtsFamily.logHoltWinters(m, H)),
                Arguments.of("lhw", 7, true, (IntFunction<EtsFamily>) m -> EtsFamily.logHoltWinters(m, H)));
    }

    @ParameterizedTest(name = "{0} m={1}")
    @MethodSource("families")
    void everyMemberFollowsTheTextbookRecursionOfItsSetting(String name, int m, boolean log,
            IntFunction<EtsFamily> make) {
        double[] y = Reference.series(7 + m, 240, m);
        double[] z = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            z[t] = log ? Math.log(y[t]) : y[t];
        }
        int origin = m > 0 ? 2 * m - 1 : 0;
        Reference.Start start = m > 0
                ? Reference.seasonalStart(java.util.Arrays.copyOf(z, 2 * m), m)
                : new Reference.Start(z[0], 0, new double[0]);

        EtsFamily family = make.apply(m);
        assertEquals(name, family.name());
        List<EtsFamily.Member> members = family.members();
        double[][][] expected = new double[members.size()][][];
        for (int k = 0; k < members.size(); k++) {
            expected[k] = Reference.recursion(z, origin, start, members.get(k), m, H);
        }
        ArrayHistory history = new ArrayHistory(400);
        double[] out = new double[H];
        for (int t = 0; t < y.length; t++) {
            history.push(y[t]);
            family.observe(history, 1.0);
            assertEquals(t >= origin, family.ready(), "ready at t=" + t);
            if (t < origin) {
                assertFalse(family.forecast(history, out));
                continue;
            }
            for (int k = 0; k < members.size(); k++) {
                assertTrue(family.forecastMember(k, out));
                for (int h = 0; h < H; h++) {
                    double want = log ? Math.exp(expected[k][t][h]) : expected[k][t][h];
                    int kk = k;
                    int tt = t;
                    int hh = h;
                    assertTrue(Reference.close(want, out[h], 1e-12),
                            () -> name + " member " + kk + " " + members.get(kk) + " t=" + tt + " h=" + (hh + 1)
                                    + ": " + out[hh] + " vs " + want);
                }
            }
        }
    }

    @Test
    void theGridsHaveTheSpecsSizesAndOrder() {
        assertEquals(8, EtsFamily.ses(1).members().size());
        assertEquals(72, EtsFamily.holt(1).members().size());
        assertEquals(54, EtsFamily.logHolt(1).members().size());
        assertEquals(42, EtsFamily.holtWinters(12, 1).members().size());
        assertEquals(42, EtsFamily.logHoltWinters(12, 1).members().size());
        // α-major, then β*, φ, γ
        List<EtsFamily.Member> holt = EtsFamily.holt(1).members();
        assertEquals(new EtsFamily.Member(0.1, 0.02, 0.8, 0), holt.get(0));
        assertEquals(new EtsFamily.Member(0.1, 0.02, 0.9, 0), holt.get(1));
        assertEquals(new EtsFamily.Member(0.1, 0.1, 0.8, 0), holt.get(4));
        assertEquals(new EtsFamily.Member(0.3, 0.02, 0.8, 0), holt.get(12));
        assertEquals(new EtsFamily.Member(1.0, 0.3, 1.0, 0), holt.get(71));
        List<EtsFamily.Member> hw = EtsFamily.holtWinters(4, 1).members();
        assertEquals(new EtsFamily.Member(0.05, 0, 0.98, 0.01), hw.get(0));
        assertEquals(new EtsFamily.Member(0.05, 0, 0.98, 0.1), hw.get(1));
        assertEquals(new EtsFamily.Member(0.05, 0.05, 0.98, 0.01), hw.get(3));
        // α = 0.9 keeps γ ≤ 0.1 only: the last member is (0.9, 0.2, 0.98, 0.1)
        assertEquals(new EtsFamily.Member(0.9, 0.2, 0.98, 0.1), hw.get(41));
        assertEquals(new EtsFamily.Member(0.9, 0, 0.98, 0.01), hw.get(36));
        assertEquals(0.9 * 0.2, hw.get(41).beta());
        assertArrayEquals(new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0},
                EtsFamily.ses(1).members().stream().mapToDouble(EtsFamily.Member::alpha).toArray());
        assertTrue(EtsFamily.holtWinters(4, 1).seasonal());
        assertTrue(EtsFamily.logHoltWinters(4, 1).seasonal());
        assertFalse(EtsFamily.ses(1).seasonal());
        assertFalse(EtsFamily.holt(1).seasonal());
        assertFalse(EtsFamily.logHolt(1).seasonal());
        assertEquals(List.of("ses", "holt", "lholt", "hw", "lhw"), Stream.of(EtsFamily.ses(1), EtsFamily.holt(1),
                EtsFamily.logHolt(1), EtsFamily.holtWinters(2, 1), EtsFamily.logHoltWinters(2, 1))
                .map(EtsFamily::name).toList());
    }
}
