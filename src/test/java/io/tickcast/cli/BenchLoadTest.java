package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.TickIntake;
import io.tickcast.serde.TickParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load {@code bench e2e} produces is ticks the topology accepts, with the default configuration: every record,
 * for the seeds of several rounds. (Once, its timestamps started at seed·10⁹ ms, in early 1970, where the tick contract
 * refuses values as epoch seconds misread: every tick was a dead letter and the bench waited for forecasts in vain.)
 */
class BenchLoadTest {

    @Test
    void everyTickOfTheLoadIsAcceptedByTheDefaultContract() {
        for (BenchCommand.E2e.Feed feed : BenchCommand.E2e.Feed.values()) {
            BenchCommand.E2e e2e = new BenchCommand.E2e();
            e2e.symbols = 7;
            e2e.feed = feed;
            TickIntake intake = new TickIntake(TickcastConfig.defaults().timestampUnit());
            for (long seed : new long[] {1, 2, 3, 100, 1_000}) {
                List<byte[][]> ticks = e2e.ticks(200, seed);
                org.junit.jupiter.api.Assertions.assertEquals(200, ticks.size());
                for (byte[][] kv : ticks) {
                    TickParser.Result r = intake.read(kv[0], kv[1]);
                    assertTrue(r.ok(), () -> feed + ", seed " + seed + ": " + r.reason() + " " + r.detail());
                }
            }
        }
    }
}
