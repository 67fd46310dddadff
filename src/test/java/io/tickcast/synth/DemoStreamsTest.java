package io.tickcast.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.csv.TickCsv;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The demo's generated streams: deterministic, merged at one pace, the break where the truth says, --follow goes on. */
class DemoStreamsTest {

    private static List<TickCsv.Row> indices(int days) {
        List<TickCsv.Row> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (String s : List.of("DAX", "SMI")) {
                rows.add(new TickCsv.Row(0, s, Long.toString(86_400_000L * d), Double.toString(100 + d)));
            }
        }
        return rows;
    }

    private static List<Double> values(List<TickCsv.Row> rows, String symbol) {
        return rows.stream().filter(r -> r.symbol().equals(symbol)).map(r -> Double.parseDouble(r.value())).toList();
    }

    @Test
    void theReplayHoldsEveryStreamInOrderAndIsTheSameEveryTime() {
        List<TickCsv.Row> replay = DemoStreams.replay(indices(100));
        assertEquals(200 + 4 * DemoStreams.TICKS, replay.size());
        assertEquals(replay, DemoStreams.replay(indices(100)));
        Map<String, Long> counts = replay.stream().collect(Collectors.groupingBy(TickCsv.Row::symbol, Collectors.counting()));
        DemoStreams.truth().keySet().forEach(s -> assertEquals(DemoStreams.TICKS, counts.get(s), s));
        for (String s : DemoStreams.truth().keySet()) {
            List<Long> ts = replay.stream().filter(r -> r.symbol().equals(s)).map(r -> Long.parseLong(r.ts())).toList();
            for (int i = 1; i < ts.size(); i++) {
                assertTrue(ts.get(i) > ts.get(i - 1), s + " in time order at " + i);
            }
        }
        // One pace: after the first tenth of the replay, every stream is about a tenth through.
        List<TickCsv.Row> tenth = replay.subList(0, replay.size() / 10);
        assertEquals(DemoStreams.TICKS / 10.0, values(tenth, "temp_daily").size(), 2);
        assertEquals(10, values(tenth, "DAX").size(), 2);
    }

    @Test
    void theLevelShiftsByFiveNoiseSdAtTheTickTheTruthNames() {
        assertTrue(DemoStreams.truth().get("level_break").endsWith("level +5 sd at 2024-02-20T00:00Z"));
        List<Double> v = values(DemoStreams.replay(List.of()), "level_break");
        // Whole days (24 ticks) before and after tick 1200 = 2024-02-20T00:00Z: the cycle cancels, the shift remains.
        double before = v.subList(1200 - 240, 1200).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double after = v.subList(1200, 1200 + 240).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(5, after - before, 0.5);
    }

    @Test
    void followGoesOnWhereTheReplayStopped() {
        List<TickCsv.Row> all = DemoStreams.replay(indices(50));
        List<TickCsv.Row> part = all.subList(0, all.size() / 2);
        Iterator<TickCsv.Row> follow = DemoStreams.follow(part, 7);
        List<TickCsv.Row> next = new ArrayList<>();
        for (int i = 0; i < 6 * 3; i++) {
            next.add(follow.next());
        }
        for (String s : DemoStreams.truth().keySet()) {
            List<TickCsv.Row> inPart = part.stream().filter(r -> r.symbol().equals(s)).toList();
            List<TickCsv.Row> followed = next.stream().filter(r -> r.symbol().equals(s)).toList();
            assertEquals(3, followed.size(), s);
            // The generated stream's own next ticks: those a longer replay holds.
            List<TickCsv.Row> inAll = all.stream().filter(r -> r.symbol().equals(s)).toList();
            assertEquals(inAll.get(inPart.size()), followed.get(0), s);
        }
        assertEquals(3, next.stream().filter(r -> r.symbol().equals("DAX")).count());
    }

    @Test
    void followGoesOnPastTheGeneratedTicks() {
        Iterator<TickCsv.Row> follow = DemoStreams.follow(DemoStreams.replay(List.of()), 7);
        long last = 0;
        for (int i = 0; i < 5 * 2 * DemoStreams.TICKS; i++) {
            TickCsv.Row r = follow.next();
            if (r.symbol().equals("temp_daily")) {
                assertTrue(Long.parseLong(r.ts()) > last);
                last = Long.parseLong(r.ts());
            }
        }
    }
}
