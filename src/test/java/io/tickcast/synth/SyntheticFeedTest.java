package io.tickcast.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tickcast.csv.TickCsv;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyntheticFeedTest {

    private static List<TickCsv.Row> take(SyntheticFeed feed, int n) {
        List<TickCsv.Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(feed.next());
        }
        return out;
    }

    @Test
    void continuesEverySymbolInTurnOneDayAfterItsLastRow() {
        List<TickCsv.Row> replayed = List.of(new TickCsv.Row(2, "A", "2024-01-01", "10"),
                new TickCsv.Row(3, "B", "2024-01-01", "20"), new TickCsv.Row(4, "A", "2024-01-02", "11"));
        List<TickCsv.Row> rows = take(SyntheticFeed.continuing(replayed, 7), 4);
        assertEquals(List.of("A", "B", "A", "B"), rows.stream().map(TickCsv.Row::symbol).toList());
        long jan3 = 1_704_240_000_000L;
        assertEquals(Long.toString(jan3), rows.get(0).ts());
        assertEquals(Long.toString(jan3 - 86_400_000L), rows.get(1).ts());
        assertEquals(Long.toString(jan3 + 86_400_000L), rows.get(2).ts());
        // one daily step of 20 %/year volatility moves the price by about 1.3 %
        assertEquals(11, Double.parseDouble(rows.get(0).value()), 11 * 0.07);
    }

    @Test
    void deterministicForASeedWithTheRequestedVolatility() {
        List<String> names = List.of("X");
        List<TickCsv.Row> a = take(SyntheticFeed.starting(names, 100, 0, 60_000, 0, 0.01, 3), 20_001);
        assertEquals(a, take(SyntheticFeed.starting(names, 100, 0, 60_000, 0, 0.01, 3), 20_001));
        assertNotEquals(a, take(SyntheticFeed.starting(names, 100, 0, 60_000, 0, 0.01, 4), 20_001));
        double prev = 100;
        double sum = 0;
        double sumSq = 0;
        for (TickCsv.Row r : a) {
            double v = Double.parseDouble(r.value());
            double lr = Math.log(v / prev);
            sum += lr;
            sumSq += lr * lr;
            prev = v;
        }
        int n = a.size();
        double mean = sum / n;
        // mean log-return −σ²/2 = −5e-5 (standard error σ/√n ≈ 7e-5), sd σ = 0.01
        assertEquals(-0.00005, mean, 3e-4);
        assertEquals(0.01, Math.sqrt(sumSq / n - mean * mean), 0.0005);
        assertEquals("60000", a.get(0).ts());
    }
}
