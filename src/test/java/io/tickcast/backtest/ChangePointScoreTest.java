package io.tickcast.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * TCPDBench's F1 (margin 5) and covering ({@link ChangePointScore}) against hand-worked cases, the published scores
 * of the "zero" method (no change) on the thirteen averaged series of the Turing Change Point Dataset, and values
 * printed by the Python transcription of TCPDBench's metrics, {@code tcpd_metrics.py} in
 * {@code src/test/resources/io/tickcast/backtest/} (it reproduces the published zero scores to 4 decimals). The
 * fixture {@code tcpd/averaged.json} beside it holds those series' annotations, lengths and published zero scores
 * ({@code tcpd/README.md}), so the test runs where the data set is absent.
 */
class ChangePointScoreTest {

    private static final double EXACT = 1e-12;

    private static List<int[]> annotators(int[]... a) {
        return List.of(a);
    }

    private static int[] at(int... i) {
        return i;
    }

    @Test
    void aDetectionWithinTheMarginMatchesOneOutsideDoesNot() {
        List<int[]> a = annotators(at(50), at(50));
        // T* = {0, 50}, X = {0, 53}: 50 matches 53 (|50 − 53| = 3 ≤ 5): P = 2/2, R = (2/2 + 2/2)/2, F1 = 1.
        // Cover, each annotator: S = {[0,50), [50,100)}, S' = {[0,53), [53,100)};
        // [0,50): best J = 50/53 ([0,53)); [50,100): best J = 47/50 ([53,100), vs 3/100 for [0,53));
        // C = (50·50/53 + 50·47/50)/100 = 25/53 + 0.47.
        ChangePointScore s = ChangePointScore.of(a, at(53), 100);
        assertEquals(1.0, s.f1(), EXACT);
        assertEquals(25.0 / 53 + 0.47, s.cover(), EXACT);
        // 56: |50 − 56| = 6 > 5: only 0 matches: P = 1/2, R = 1/2, F1 = 1/2.
        assertEquals(0.5, ChangePointScore.of(a, at(56), 100).f1(), EXACT);
    }

    @Test
    void twoDetectionsCompeteForOneAnnotationTheNearestWins() {
        // T = {0, 50}, X = {0, 46, 52}: 50 takes 52 (distance 2 before 4), 46 stays unmatched:
        // P = 2/3, R = 2/2, F1 = 2·(2/3)·1/(2/3 + 1) = 0.8.
        assertEquals(0.8, ChangePointScore.of(annotators(at(50)), at(46, 52), 100).f1(), EXACT);
        // A tie (48 and 52, both 2 away): the smaller is taken, as Python's sort of (distance, x) pairs; F1 the same.
        assertEquals(0.8, ChangePointScore.of(annotators(at(50)), at(48, 52), 100).f1(), EXACT);
        assertEquals(1, ChangePointScore.truePositives(at(50), at(48, 52), 5));
        // Greedy in ascending order: 10 takes 12, then 14 takes 19 (|14 − 19| = 5): P = 3/3, R = 3/3.
        assertEquals(1.0, ChangePointScore.of(annotators(at(10, 14)), at(12, 19), 100).f1(), EXACT);
    }

    @Test
    void aDetectionIsMatchedAtMostOnce() {
        // T = {0, 50, 53}, X = {0, 51}: 50 takes 51; 53 would too (distance 2) but 51 is used:
        // P = 2/2, R = 2/3, F1 = 2·1·(2/3)/(1 + 2/3) = 0.8 (it would be 1 if 51 counted twice).
        assertEquals(0.8, ChangePointScore.of(annotators(at(50, 53)), at(51), 100).f1(), EXACT);
        assertEquals(2, ChangePointScore.truePositives(at(0, 50, 53), at(0, 51), 5));
    }

    @Test
    void predictionsOutside1ToNMinus2AreDroppedAndDuplicatesCountOnce() {
        int n = 100;
        assertArrayEquals(at(50, 98), ChangePointScore.locations(at(0, 99, 120, -3, 98, 50, 50), n));
        List<int[]> a = annotators(at(50), at(), at(97));
        assertEquals(ChangePointScore.of(a, at(50, 98), n), ChangePointScore.of(a, at(0, 99, 120, -3, 98, 50, 50), n));
        // T* = {0, 50, 97}, X = {0, 50, 98}: all three match (97 takes 98): P = 3/3, R = (2/2 + 1/1 + 2/2)/3, F1 = 1.
        assertEquals(1.0, ChangePointScore.of(a, at(0, 99, 120, -3, 98, 50, 50), n).f1(), EXACT);
        // Kept, 99 = n − 1 would be a detection of its own: P = 3/4, F1 = 2·(3/4)·1/(7/4) = 6/7.
        assertEquals(6.0 / 7, ChangePointScore.f1(a, at(50, 98, 99), 5), EXACT);
    }

    @Test
    void annotatorsWhoSawNoChange() {
        List<int[]> none = annotators(at(), at(), at());
        // Every T_k = {0}, X = {0}: P = R = 1; one segment each: cover 1.
        assertEquals(new ChangePointScore(1.0, 1.0), ChangePointScore.zero(none, 100));
        // X = {0, 30}: P = 1/2, R = 1, F1 = 2/3; cover = the best Jaccard of [0,100) = max(30, 70)/100.
        ChangePointScore s = ChangePointScore.of(none, at(30), 100);
        assertEquals(2.0 / 3, s.f1(), EXACT);
        assertEquals(0.7, s.cover(), EXACT);
        // One saw none, one saw 50; no detection: T* = {0, 50}, X = {0}: P = 1/1, R = (1/1 + 1/2)/2 = 3/4,
        // F1 = 2·(3/4)/(7/4) = 6/7; cover = (1 + (50·0.5 + 50·0.5)/100)/2 = 3/4.
        ChangePointScore mixed = ChangePointScore.zero(annotators(at(), at(50)), 100);
        assertEquals(6.0 / 7, mixed.f1(), EXACT);
        assertEquals(0.75, mixed.cover(), EXACT);
        assertThrows(IllegalArgumentException.class, () -> ChangePointScore.zero(List.of(), 100));
    }

    @Test
    void coveringIsTheLengthWeightedBestJaccard() {
        // n = 10, detections {3, 7}: S' = {[0,3), [3,7), [7,10)}.
        // Annotator {4}: S = {[0,4), [4,10)}.
        //   [0,4):  J([0,3)) = 3/4, J([3,7)) = 1/(4 + 4 − 1) = 1/7             -> 3/4
        //   [4,10): J([3,7)) = 3/(6 + 4 − 3) = 3/7, J([7,10)) = 3/(6 + 3 − 3) = 1/2 -> 1/2
        //   C = (4·3/4 + 6·1/2)/10 = 0.6
        // Annotator {5, 8}: S = {[0,5), [5,8), [8,10)}.
        //   [0,5):  J([0,3)) = 3/5, J([3,7)) = 2/7                        -> 3/5
        //   [5,8):  J([3,7)) = 2/(3 + 4 − 2) = 2/5, J([7,10)) = 1/5        -> 2/5
        //   [8,10): J([7,10)) = 2/3                                        -> 2/3
        //   C = (5·3/5 + 3·2/5 + 2·2/3)/10 = (3 + 1.2 + 4/3)/10
        double c1 = 0.6;
        double c2 = (3 + 1.2 + 4.0 / 3) / 10;
        assertEquals((c1 + c2) / 2, ChangePointScore.cover(annotators(at(4), at(5, 8)), at(3, 7), 10), EXACT);
        assertEquals(c1, ChangePointScore.cover(annotators(at(4)), at(3, 7), 10), EXACT);
        assertEquals(3.0 / 7, ChangePointScore.jaccard(new int[] {4, 10}, new int[] {3, 7}), EXACT);
    }

    /** One series of the fixture. */
    private record Series(String name, int n, List<int[]> annotators, ChangePointScore zero) {
    }

    private static List<Series> fixture() throws Exception {
        JsonNode root;
        try (InputStream in = ChangePointScoreTest.class.getResourceAsStream("tcpd/averaged.json")) {
            root = Json.mapper().readTree(in);
        }
        List<Series> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<int[]> annotators = new ArrayList<>();
            e.getValue().get("annotations").forEach(a -> {
                int[] points = new int[a.size()];
                for (int i = 0; i < points.length; i++) {
                    points[i] = a.get(i).asInt();
                }
                annotators.add(points);
            });
            JsonNode zero = e.getValue().get("zero");
            out.add(new Series(e.getKey(), e.getValue().get("n").asInt(), annotators,
                    new ChangePointScore(zero.get("f1").asDouble(), zero.get("cover").asDouble())));
        }
        return out;
    }

    private static Series series(List<Series> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theZeroMethodScoresAsPublishedOnTheThirteenAveragedSeries() throws Exception {
        List<Series> all = fixture();
        assertEquals(13, all.size());
        for (Series s : all) {
            ChangePointScore zero = ChangePointScore.zero(s.annotators(), s.n());
            // The published scores have 4 decimals.
            assertEquals(s.zero().f1(), zero.f1(), 5e-5, s.name() + " F1");
            assertEquals(s.zero().cover(), zero.cover(), 5e-5, s.name() + " cover");
        }
    }

    /**
     * Arbitrary detections on real annotations, against what {@code tcpd_metrics.py} prints. Produced in
     * {@code src/test/resources/io/tickcast/backtest} with
     * <pre>
     * python3 -c 'import json, tcpd_metrics as m; fx = json.load(open("tcpd/averaged.json"))
     * for s, p in [("brent_spot", [170, 220, 230, 290, 380, 410, 445]), ("brent_spot", [100, 175, 225, 300]),
     *              ("homeruns", [19, 42, 61, 70, 90]), ("unemployment_nl", [55, 115, 131, 135, 145, 178]),
     *              ("centralia", [4, 12]), ("children_per_woman", [146, 171, 250]), ("jfk_passengers", [298, 300, 383])]:
     *     print(s, p, repr(m.f_measure(fx[s]["annotations"], p)), repr(m.covering(fx[s]["annotations"], p, fx[s]["n"])))'
     * </pre>
     */
    @Test
    void arbitraryDetectionsScoreAsThePythonReferencePrints() throws Exception {
        List<Series> all = fixture();
        Object[][] golden = {
                {"brent_spot", at(170, 220, 230, 290, 380, 410, 445), 0.8929889298892989, 0.6963510089072251},
                {"brent_spot", at(100, 175, 225, 300), 0.4871287128712871, 0.5351107368475306},
                {"homeruns", at(19, 42, 61, 70, 90), 0.9743589743589743, 0.4875499457426308},
                {"unemployment_nl", at(55, 115, 131, 135, 145, 178), 0.9556135770234987, 0.5866610278032065},
                {"centralia", at(4, 12), 0.9743589743589743, 0.6833333333333333},
                {"children_per_woman", at(146, 171, 250), 0.7983367983367983, 0.784692614521912},
                {"jfk_passengers", at(298, 300, 383), 0.9655172413793104, 0.7964942544226121},
        };
        for (Object[] g : golden) {
            Series s = series(all, (String) g[0]);
            ChangePointScore score = ChangePointScore.of(s.annotators(), (int[]) g[1], s.n());
            assertEquals((double) g[2], score.f1(), 1e-12, g[0] + " F1");
            assertEquals((double) g[3], score.cover(), 1e-12, g[0] + " cover");
        }
    }

    /**
     * Where the reference differs, by construction: TP takes the annotated points in ascending order, TCPDBench in
     * a Python set's order. On centralia with X = {0, 7, 12, 13}, annotator 9's T = set([4, 8, 12]) | {0} iterates
     * as 8, 0, 4, 12 in CPython 3.11 (8 and 0 share a slot of the 8-slot table): 8 takes 7, 4 then finds nothing,
     * |TP| = 3 of 4 and R = (1 + 1 + 1 + 1 + 3/4)/5 = 0.95, F1 = 2·0.95/1.95 = 0.97436 (P = 1). Ascending, 4 takes
     * 7 and 8 takes 12 (4 away; 12 then takes 13): |TP| = 4, R = 1, F1 = 1. Kept here so that a change of order
     * shows.
     */
    @Test
    void annotatedPointsAreTakenInAscendingOrder() throws Exception {
        Series centralia = series(fixture(), "centralia");
        // In src/test/resources/io/tickcast/backtest, the script's value (0.9743589743589743):
        // python3 -c 'import json, tcpd_metrics as m; fx = json.load(open("tcpd/averaged.json")); print(repr(
        // m.f_measure(fx["centralia"]["annotations"], [7, 12, 13])))'
        assertEquals(0.9743589743589743, 2 * 0.95 / 1.95, EXACT);
        assertEquals(1.0, ChangePointScore.of(centralia.annotators(), at(7, 12, 13), centralia.n()).f1(), EXACT);
    }
}
