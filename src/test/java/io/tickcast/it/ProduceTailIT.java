package io.tickcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.cli.CliRun;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code tickcast produce} and {@code tickcast tail} against a real broker. */
@ExtendWith(KafkaBroker.class)
class ProduceTailIT {

    /** --bootstrap plus --set for every key of an isolated configuration. */
    private static List<String> args(Map<String, Object> config, String... command) {
        List<String> a = new ArrayList<>(List.of(command));
        config.forEach((k, v) -> {
            if (k.equals(TickcastConfig.BOOTSTRAP_SERVERS)) {
                a.add("--bootstrap");
                a.add(String.valueOf(v));
            } else if (k.startsWith("topics.")) {
                a.add("--set");
                a.add(k + "=" + v);
            }
        });
        a.add("--set");
        a.add("topics.partitions=2");
        return a;
    }

    @Test
    void producesTickCsvAndOhlcKeyedBySymbol(KafkaBroker.Broker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> config = ItSupport.isolatedConfig(broker, "produce");
        Path ticks = dir.resolve("ticks.csv");
        Files.writeString(ticks, "symbol,ts,value\nAAA,2024-01-01,1.5\nBBB,2024-01-01,20\nAAA,2024-01-02,1.75\n");
        CliRun r = CliRun.run(args(config, "produce", "--csv", ticks.toString()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("produced 3 ticks"), r.err());

        Path ohlc = dir.resolve("dax.csv");
        Files.writeString(ohlc, "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-03,10,12,9,11,10.9,5\n"
                + "2024-01-04,null,null,null,null,null,null\n2024-01-05,11,13,10,12.5,12.4,6\n");
        r = CliRun.run(args(config, "produce", "--csv", ohlc.toString(), "--symbol", "DAX", "--column", "High",
                "--rate", "50").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("produced 2 ticks"), r.err());

        String topic = (String) config.get(TickcastConfig.TOPIC_TICKS);
        List<ConsumerRecord<String, String>> got = ItSupport.readUntil(broker.bootstrapServers(), topic,
                l -> l.size() >= 5, Duration.ofSeconds(30));
        assertEquals(5, got.size());
        List<String> aaa = new ArrayList<>();
        List<String> dax = new ArrayList<>();
        for (ConsumerRecord<String, String> rec : got) {
            var node = Json.mapper().readTree(rec.value());
            assertEquals(rec.key(), node.get("symbol").asText(), "key = symbol");
            if (rec.key().equals("AAA")) {
                aaa.add(node.get("value").asText());
            }
            if (rec.key().equals("DAX")) {
                dax.add(node.get("ts").asText() + "=" + node.get("value").asText());
            }
        }
        assertEquals(List.of("1.5", "1.75"), aaa, "per-symbol order kept");
        assertEquals(List.of("2024-01-03=12", "2024-01-05=13"), dax);
    }

    @Test
    void tailsForecastsBreaksAndDeadLetters(KafkaBroker.Broker broker) throws Exception {
        Map<String, Object> config = ItSupport.isolatedConfig(broker, "tail");
        // Creates the four topics (produce with a tiny input).
        Path tmp = Files.createTempFile("tail", ".csv");
        Files.writeString(tmp, "symbol,ts,value\nX,1,1\n");
        assertEquals(0, CliRun.run(args(config, "produce", "--csv", tmp.toString()).toArray(String[]::new)).code());
        Files.delete(tmp);
        String bs = broker.bootstrapServers();
        String forecast = "{\"symbol\":\"DAX\",\"ts\":678326400000,\"value\":1628.75,\"steps\":[{\"step\":1,"
                + "\"forecast\":1630.5,\"lower\":1600,\"upper\":1661,\"persistence\":1628.75}],\"source\":\"lstm\","
                + "\"warmup\":false,\"ticks\":100,\"updates\":3}";
        ItSupport.produce(bs, (String) config.get(TickcastConfig.TOPIC_FORECASTS), List.of(
                new String[] {"DAX", forecast}, new String[] {"DAX", forecast.replace("678326400000", "678412800000")}));
        ItSupport.produce(bs, (String) config.get(TickcastConfig.TOPIC_BREAKS), List.<String[]>of(new String[] {"DAX",
                "{\"symbol\":\"DAX\",\"ts\":678326400000,\"break_ts\":null,\"f\":3.25,\"f_crit\":2.2,\"p_value\":0.01,"
                        + "\"alpha\":0.05,\"window\":120,\"k\":6,\"mode\":\"fixed\",\"signal\":true}"}));
        ItSupport.produce(bs, (String) config.get(TickcastConfig.TOPIC_DLQ), List.<String[]>of(new String[] {"X",
                "{\"reason\":\"not_finite\",\"detail\":\"value is NaN\",\"topic\":\"t\",\"partition\":0,\"offset\":1,"
                        + "\"key\":\"X\",\"value\":\"{}\"}"}));

        CliRun f = CliRun.run(args(config, "tail", "forecasts", "--from-beginning", "--max", "2").toArray(String[]::new));
        assertEquals(0, f.code(), f.err());
        assertEquals(List.of("1991-07-01 DAX 1628.75 → 1630.5 [1600, 1661] (persistence 1628.75, lstm)",
                "1991-07-02 DAX 1628.75 → 1630.5 [1600, 1661] (persistence 1628.75, lstm)"), f.out().lines().toList());

        CliRun b = CliRun.run(args(config, "tail", "breaks", "--from-beginning", "--max", "1").toArray(String[]::new));
        assertEquals("1991-07-01 DAX fixed statistic=3.25 threshold=2.2 p=0.01 SIGNAL", b.out().strip());

        CliRun d = CliRun.run(args(config, "tail", "dlq", "--from-beginning", "--max", "1", "--json").toArray(String[]::new));
        assertTrue(d.out().strip().startsWith("{\"reason\":\"not_finite\""), d.out());
        d = CliRun.run(args(config, "tail", "dlq", "--from-beginning", "--max", "1").toArray(String[]::new));
        assertEquals("not_finite \"value is NaN\" X {}", d.out().strip());

        // Without --from-beginning only new records are printed.
        CompletableFuture<CliRun> live = CompletableFuture.supplyAsync(() -> CliRun.run(
                args(config, "tail", "breaks", "--max", "1", "--idle-timeout", "60").toArray(String[]::new)));
        String fresh = "{\"symbol\":\"SMI\",\"ts\":700000000000,\"f\":0.5,\"f_crit\":2.2,\"p_value\":0.7,"
                + "\"alpha\":0.05,\"window\":120,\"k\":6,\"mode\":\"fixed\",\"signal\":false}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!live.isDone() && System.nanoTime() < deadline) {
            ItSupport.produce(bs, (String) config.get(TickcastConfig.TOPIC_BREAKS), List.<String[]>of(new String[] {"SMI", fresh}));
            Thread.sleep(500);
        }
        CliRun l = live.get(10, TimeUnit.SECONDS);
        assertEquals(0, l.code(), l.err());
        assertEquals("1992-03-07T20:26:40Z SMI fixed statistic=0.5 threshold=2.2 p=0.7", l.out().strip());
        assertFalse(l.out().contains("DAX"));
    }
}
