package io.tickcast.it;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tickcast process is killed with SIGKILL mid-stream and started again: the forecasts topic, read
 * with read_committed, has no gap and no duplicate, and its values equal an uninterrupted run's.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class CrashRestoreIT {

    @Test
    void sigkillMidStreamLosesNothingAndDuplicatesNothing(KafkaBroker.Broker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "crash");
        cfg.put(TickcastConfig.TRAIN_EVERY, "16");
        cfg.put(TickcastConfig.TRAIN_MIN, "40");
        List<String[]> ticks = ItSupport.randomWalks(8, 400, 21);
        Map<String, List<String>> expected = ItSupport.reference(cfg, ticks);
        String forecasts = (String) cfg.get(TickcastConfig.TOPIC_FORECASTS);

        Process first = startProcess(cfg, dir.resolve("state"), dir.resolve("first.log"));
        try {
            waitForTopics(broker, cfg);
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
            // Let it get part of the way, then kill it without warning.
            ItSupport.readUntil(broker.bootstrapServers(), forecasts, l -> l.size() >= ticks.size() / 4, Duration.ofMinutes(3));
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertEquals(137, first.exitValue(), "killed by SIGKILL");

        Process second = startProcess(cfg, dir.resolve("state"), dir.resolve("second.log"));
        try {
            List<ConsumerRecord<String, String>> out = ItSupport.readUntil(broker.bootstrapServers(), forecasts,
                    l -> l.size() >= ticks.size(), Duration.ofMinutes(4));
            assertEquals(ticks.size(), out.size(), "one forecast per tick, no gap and no duplicate");
            Map<String, List<String>> actual = ItSupport.canonical(out);
            assertEquals(expected.keySet(), actual.keySet());
            for (String symbol : expected.keySet()) {
                assertEquals(expected.get(symbol), actual.get(symbol), "forecasts of " + symbol);
            }
            assertTrue(out.stream().anyMatch(r -> r.value().contains("\"source\":\"lstm\"")), "the LSTM was used");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static void waitForTopics(KafkaBroker.Broker broker, Map<String, Object> cfg) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!admin.listTopics().names().get().contains((String) cfg.get(TickcastConfig.TOPIC_TICKS))) {
                assertTrue(System.nanoTime() < deadline, "tickcast did not create its topics");
                Thread.sleep(200);
            }
        }
    }

    /** {@code java -jar target/tickcast.jar run} with the configuration as --set options. */
    static Process startProcess(Map<String, Object> cfg, Path stateDir, Path log) throws Exception {
        String jar = System.getProperty("tickcast.jar", "target/tickcast.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "run"));
        cfg.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        cmd.add("--set");
        cmd.add("state.dir=" + stateDir);
        File logFile = log.toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile).start();
    }
}
