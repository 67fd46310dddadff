package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.synth.Generator;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backtest keeps nothing per tick: every record it hands out is unreachable once written, and the driver holds no
 * unread output. Either would fail if the run collected its records in a list again.
 */
class BacktestTest {

    private static final int HORIZON = 2;

    /** Watches every record weakly: it can tell which are still reachable without keeping any. */
    private static final class Watcher implements BacktestListener {
        final List<WeakReference<Object>> records = new ArrayList<>();

        @Override
        public void forecast(Forecast f) {
            records.add(new WeakReference<>(f));
        }

        @Override
        public void breakRecord(BreakSignal b) {
            records.add(new WeakReference<>(b));
        }

        long reachable() {
            return records.stream().filter(r -> r.get() != null).count();
        }
    }

    /** Records still reachable after collecting garbage until they stop getting fewer (or are at most {@code bound}). */
    private static long reachableAfterGc(Watcher w, long bound) throws InterruptedException {
        long n = w.reachable();
        for (int i = 0; i < 20 && n > bound; i++) {
            System.gc();
            Thread.sleep(20);
            n = w.reachable();
        }
        return n;
    }

    @Test
    void aRunHoldsOnlyTheForecastsAwaitingActualsAndTheDriverKeepsNoOutput(@TempDir Path dir) throws Exception {
        Generator.Spec spec = Generator.Spec.of(Generator.Kind.SENSOR).withSymbols(2).withTicks(1500)
                .withBreaks(List.of(new Generator.Break(700, Generator.BreakType.MEAN, 6)));
        TickcastConfig config = TickcastConfig.parse(Map.of(TickcastConfig.CHOW_EMIT, "all",
                TickcastConfig.MODEL_HORIZON, Integer.toString(HORIZON), TickcastConfig.TRAIN_MIN, "40",
                TickcastConfig.TRAIN_EVERY, "20", TickcastConfig.MODEL_HIDDEN, "4"));
        List<BreakTruth> truth = Generator.truth(spec).stream().map(t -> new BreakTruth(t.symbol(), t.ts(), t.kind())).toList();
        Watcher watcher = new Watcher();
        try (Backtest bt = new Backtest(config); ResultFiles files = ResultFiles.open(dir, config, truth, 100)) {
            bt.listen(files);
            bt.listen(watcher);
            int ticks = 0;
            for (Generator.Point p : Generator.generate(spec)) {
                bt.tick(p.row());
                if (++ticks % 100 == 0) {
                    assertEquals(0, bt.unread(), "records left in the driver after tick " + ticks);
                }
            }
            assertEquals(2 * 1500 * 2, watcher.records.size(), "a forecast and a break record per tick");
            // the writer's waiting forecasts (horizon × symbols, + 1) and the score board's latest per symbol
            long bound = 2 * HORIZON + 1 + 2;
            long reachable = reachableAfterGc(watcher, bound);
            assertTrue(reachable <= bound, reachable + " of " + watcher.records.size() + " records still reachable");
            files.finish(bt.board());
        }
    }
}
