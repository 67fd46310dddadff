package io.tickcast.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastHistoryTest {

    @Test
    void everySymbolGetsARowAndTheFirstToTickGetARing() {
        ForecastHistory h = new ForecastHistory(8, 2, 100);
        for (int t = 1; t <= 3; t++) {
            for (String s : List.of("A", "B", "C")) {
                h.accept(Records.forecast(s, t, 10 * t));
            }
        }
        assertEquals(Set.of("A", "B", "C"), symbols(h));
        assertEquals(3, h.row("C").orElseThrow().ticks());
        assertEquals(30.0, h.row("C").orElseThrow().value());
        assertEquals(2, h.rings());
        assertEquals(List.of(1L, 2L, 3L), ts(h, "A"));
        assertTrue(h.history("C", 8).isEmpty(), "C ticked third: no ring");
    }

    @Test
    void rowsAreCappedToo() {
        ForecastHistory h = new ForecastHistory(4, 0, 2);
        for (String s : List.of("A", "B", "C")) {
            h.accept(Records.forecast(s, 1, 1));
        }
        assertEquals(Set.of("A", "B"), symbols(h));
        h.accept(Records.forecast("A", 2, 5));
        assertEquals(5.0, h.row("A").orElseThrow().value(), "a symbol with a row keeps it up to date");
    }

    @Test
    void aViewedSymbolWithoutARingIsAdmittedInPlaceOfTheLeastRecentlyViewed() {
        ForecastHistory h = new ForecastHistory(8, 2, 100);
        h.accept(Records.forecast("A", 1, 1));
        h.accept(Records.forecast("B", 1, 1));
        h.accept(Records.forecast("C", 1, 1));
        assertTrue(h.history("A", 8).isPresent()); // A is watched, B never was
        assertTrue(h.admit("C"));
        assertTrue(h.history("B", 8).isEmpty(), "B, never viewed, gave its ring to C");
        assertTrue(h.history("A", 8).isPresent(), "A, viewed, kept its ring");
        assertEquals(List.of(), ts(h, "C"), "C's history starts with its next tick");
        h.accept(Records.forecast("C", 2, 1));
        assertEquals(List.of(2L), ts(h, "C"));
        assertTrue(h.admit("B"));
        assertTrue(h.history("A", 8).isEmpty(), "now A was the least recently viewed");
        assertFalse(new ForecastHistory(8, 0, 10).admit("A"), "no rings at all");
    }

    @Test
    void breakSignalsAreCountedOnceInTheRowAndKeptInTheRing() {
        ForecastHistory h = new ForecastHistory(8, 10, 10);
        h.accept(Records.forecast("A", 100, 1));
        h.accept(Records.breakSignal("A", 100, true));
        h.accept(Records.breakSignal("A", 100, true)); // a replay
        h.accept(Records.breakSignal("A", 101, false)); // a statistic (chow.emit=all), no signal
        h.accept(Records.forecast("A", 200, 1));
        h.accept(Records.breakSignal("A", 200, true));
        SymbolRow row = h.row("A").orElseThrow();
        assertEquals(2, row.breaks());
        assertEquals(200L, row.lastBreakTs());
        assertEquals(190L, row.breakTs());
        assertEquals(2, ((List<?>) h.history("A", 8).orElseThrow().get("breaks")).size());
    }

    @Test
    void aReplayedForecastLeavesTheRowAsItWas() {
        ForecastHistory h = new ForecastHistory(8, 0, 10); // no ring: the row alone must see the replay
        h.accept(Records.forecast("A", 5, 1));
        h.accept(Records.forecast("A", 6, 2));
        h.accept(Records.forecast("A", 5, 1));
        assertEquals(6, h.row("A").orElseThrow().ts());
        assertEquals(2.0, h.row("A").orElseThrow().value());
    }

    @Test
    void retainForgetsTheSymbolsThatMovedAway() {
        ForecastHistory h = new ForecastHistory(8, 10, 10);
        for (String s : List.of("A", "B", "C")) {
            h.accept(Records.forecast(s, 1, 1));
        }
        h.retain(s -> !s.equals("B"));
        assertEquals(Set.of("A", "C"), symbols(h));
        assertTrue(h.history("B", 8).isEmpty());
        assertEquals(2, h.rings());
    }

    @Test
    void memoryStaysBoundedWithManyMoreSymbolsThanRings() {
        int capacity = 32;
        int rings = 50;
        int maxRows = 5_000;
        ForecastHistory h = new ForecastHistory(capacity, rings, maxRows);
        Map<String, Double> experts = Map.of("persistence", 0.5, "holt", 0.3, "lstm", 0.2);
        for (int t = 1; t <= 3 * capacity; t++) {
            for (int s = 0; s < 20_000; s += 1 + (t % 3)) {
                h.accept(Records.forecast("S" + s, t, t, experts));
            }
        }
        assertEquals(rings, h.rings());
        assertEquals(maxRows, h.rows().size());
        long perRing = 48 + new HistoryRing(capacity).bytes() + capacity * 4L * experts.size() + 3 * 64 + 1_000;
        assertTrue(h.bytes() <= rings * perRing + maxRows * 500L, "bytes " + h.bytes());
    }

    @Test
    void streamThreadsWriteWhileHttpThreadsRead() throws Exception {
        ForecastHistory h = new ForecastHistory(64, 100, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> a = pool.submit(() -> feed(h, "A", 5_000));
            Future<?> b = pool.submit(() -> feed(h, "B", 5_000));
            Future<?> reader = pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    h.history("A", 64).ifPresent(json -> {
                        @SuppressWarnings("unchecked")
                        List<Long> ts = (List<Long>) ((Map<String, Object>) json.get("points")).get("ts");
                        for (int k = 1; k < ts.size(); k++) {
                            assertEquals(ts.get(k - 1) + 1, ts.get(k), "consecutive ticks");
                        }
                    });
                    Overview.page(h.rows(), Overview.Query.parse(Map.of("sort", "-ticks"), false));
                }
            });
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5_000, h.row("A").orElseThrow().ticks());
        assertEquals(5_000L, ts(h, "B").get(63));
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> new ForecastHistory(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ForecastHistory(4, -1, 1));
        assertNull(new ForecastHistory(4, 1, 1).row("nobody").orElse(null));
    }

    private static void feed(ForecastHistory h, String symbol, int ticks) {
        for (int t = 1; t <= ticks; t++) {
            h.accept(Records.forecast(symbol, t, t));
        }
    }

    private static Set<String> symbols(ForecastHistory h) {
        return h.rows().stream().map(SymbolRow::symbol).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ts(ForecastHistory h, String symbol) {
        return (List<Long>) ((Map<String, Object>) h.history(symbol, 1_000).orElseThrow().get("points")).get("ts");
    }
}
